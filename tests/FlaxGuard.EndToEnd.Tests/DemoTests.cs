using System.Text.RegularExpressions;
using FlaxGuard.EndToEnd.Tests.Fixtures;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary><c>flaxguard demo</c>: the whole product (collector, agent, three lab twins) in one command, as a child process.</summary>
[TestClass]
public sealed class DemoTests
{
    [TestMethod]
    [Timeout(150_000, CooperativeCancellation = true)]
    public void Demo_FindsTheCompromisedTwinShowsTheDashboardAndCleansUp()
    {
        var r = FlaxguardProcess.Run(null, "demo", "--exit-after-finding");
        Assert.AreEqual(0, r.ExitCode, r.All);
        StringAssert.Contains(r.Stdout, "CRITICAL on routeros-lab");
        StringAssert.Contains(r.Stdout, "cfg.proxy.socks");
        StringAssert.Matches(r.Stdout, new Regex(@"Collector running at https://127\.0\.0\.1:\d+/"));
        StringAssert.Matches(r.Stdout, new Regex(@"Dashboard: https://127\.0\.0\.1:\d+/dashboard"));
        StringAssert.Contains(r.Stdout, "host CA pinned", "the demo's agent pins the host CA, as a provisioned appliance does");
        Assert.IsFalse(r.All.Contains("   at ", StringComparison.Ordinal), "stack trace in output:\n" + r.All);
        var db = Regex.Match(r.Stdout.Replace("\n", ""), @"/tmp/flaxguard-demo-[0-9a-f]+");
        Assert.IsTrue(db.Success, r.Stdout);
        Assert.IsFalse(Directory.Exists(db.Value), "the demo's temporary directory was left behind");
    }

    [TestMethod]
    [Timeout(150_000, CooperativeCancellation = true)]
    public void Demo_WritesNothingOutsideItsTemporaryFolder()
    {
        // A home directory of its own: before the dashboard's data-protection keys were kept in the data directory,
        // ASP.NET created ~/.aspnet/DataProtection-Keys here.
        var home = Path.Combine(Path.GetTempPath(), "fg-demo-home-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(home);
        try
        {
            var info = FlaxguardProcess.Info("demo", "--exit-after-finding");
            info.Environment["HOME"] = home;
            info.Environment["DOTNET_CLI_HOME"] = home;
            foreach (var xdg in new[] { "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME" }) info.Environment.Remove(xdg);
            using var process = System.Diagnostics.Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(TimeSpan.FromSeconds(140)), "the demo did not finish");
            Assert.AreEqual(0, process.ExitCode, stdout.Result + stderr.Result);
            var left = Directory.GetFileSystemEntries(home, "*", SearchOption.AllDirectories);
            Assert.IsEmpty(left, "the demo wrote outside its temporary folder: " + string.Join(", ", left));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(150_000, CooperativeCancellation = true)]
    public void Demo_StopsCleanlyOnCtrlC()
    {
        using var demo = ChildProcess.Start("Ctrl+C", TimeSpan.FromSeconds(120), "demo", "--keep-running");
        Assert.IsTrue(demo.Interrupt(TimeSpan.FromSeconds(30)), "the demo did not stop on SIGINT: " + demo.Output);
        Assert.AreEqual(0, demo.ExitCode, demo.Output);
        StringAssert.Contains(demo.Output, "Demo stopped");
    }

    [TestMethod]
    public void QuickDemo_IsStillThere()
    {
        var help = FlaxguardProcess.Run(null, "demo", "--help");
        Assert.AreEqual(0, help.ExitCode, help.All);
        StringAssert.Contains(help.Stdout, "--quick");
        StringAssert.Contains(help.Stdout, "Ctrl+C");
    }
}
