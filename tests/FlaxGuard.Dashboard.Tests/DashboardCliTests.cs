using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Dashboard.Tests;

/// <summary><c>flaxguard dashboard password</c> and <c>flaxguard serve --dashboard-auth</c> as real child processes.</summary>
[TestClass]
public sealed class DashboardCliTests
{
    private const string Password = "correct horse battery staple";

    [TestMethod]
    public async Task DashboardPassword_StoresOnlyAHash_AndNeverPrintsThePassword()
    {
        using var dir = new TempDir("dashcli");
        var result = FlaxguardProcess.Run(Password + "\n", "dashboard", "password", "--password-stdin", "--data-dir", dir.Path);
        Assert.AreEqual(0, result.ExitCode, result.All);
        StringAssert.Contains(result.Stdout, "Dashboard password set");
        Assert.DoesNotContain(Password, result.All);
        var file = Path.Combine(dir.Path, DashboardOptions.PasswordFileName);
        Assert.DoesNotContain(Password, await File.ReadAllTextAsync(file));
        Assert.IsTrue(await DashboardPassword.VerifyAsync(file, Password, CancellationToken.None));

        var tooShort = FlaxguardProcess.Run("short\n", "dashboard", "password", "--password-stdin", "--data-dir", dir.Path);
        Assert.AreEqual(3, tooShort.ExitCode);
        Assert.AreEqual("flaxguard: the dashboard password must have at least 10 characters", tooShort.Stderr.Trim());
        Assert.IsTrue(await DashboardPassword.VerifyAsync(file, Password, CancellationToken.None), "a refused password leaves the old one");

        var help = FlaxguardProcess.Run(null, "dashboard", "password", "--help");
        Assert.AreEqual(0, help.ExitCode);
        StringAssert.Contains(help.Stdout, "Examples:");
    }

    [TestMethod]
    public async Task Serve_WithDashboardAuthRequired_SendsTheBrowserToTheLogin()
    {
        using var dir = new TempDir("dashserve");
        var port = FreePort.Tcp();
        var info = FlaxguardProcess.Info("serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dir.Path, "--dashboard-auth", "required");
        using var process = Process.Start(info)!;
        try
        {
            var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("dashboard at", StringComparison.Ordinal) == true) ready.TrySetResult(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var line = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            StringAssert.Contains(line, "(login required)");
            StringAssert.Contains(line, $"https://127.0.0.1:{port}/dashboard");
            using var http = PinnedHttp.Create(dir.Path, new Uri($"https://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20), allowRedirects: false);
            using var overview = await http.GetAsync("/dashboard");
            Assert.AreEqual(HttpStatusCode.Redirect, overview.StatusCode);
            Assert.AreEqual("/dashboard/login", overview.Headers.Location!.OriginalString);
            var login = await http.GetStringAsync("/dashboard/login");
            StringAssert.Contains(login, "flaxguard dashboard password", "no password set yet: the page says how to set one");
            using var health = await http.GetAsync("/api/v1/health");
            Assert.AreEqual(HttpStatusCode.OK, health.StatusCode, "the appliance API is not behind the dashboard login");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }

        var bad = FlaxguardProcess.Run(null, "serve", "--listen", $"127.0.0.1:{port}", "--data-dir", dir.Path, "--dashboard-auth", "off");
        Assert.AreEqual(3, bad.ExitCode);
        Assert.AreEqual("flaxguard: --dashboard-auth 'off' is not 'auto' or 'required'", bad.Stderr.Trim().Split('\n')[^1]);
    }
}
