using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary><c>flaxguard agent run</c> as a child process: --once with and without the host, and bad input.</summary>
[TestClass]
public sealed class AgentRunCliTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Once_KeepsReportsWhileTheHostIsAway_AndDeliversThemWhenItIsBack()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("agent-once");
        var data = dir.File("host");
        var state = dir.File("state");
        var port = FreePort.Tcp();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using var twin = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{RandomNumberGenerator.GetInt32(1, 250)}.7"), 0, "root", password, ct);
        var provisioning = dir.File("agent.json");
        Assert.AreEqual(0, FlaxguardProcess.Run(null, "agent", "add", "once-agent", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data).ExitCode);
        Assert.AreEqual(0, FlaxguardProcess.Run(password + "\n", "device", "add", "router", "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "openwrt",
            "--ports", "2323", "--user", "root", "--password-stdin", "--data-dir", data).ExitCode);

        // No host and no stored job yet: nothing can be checked (exit 3), and that is said in words.
        var noJob = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
        Assert.AreEqual(3, noJob.ExitCode, noJob.All);
        StringAssert.Contains(noJob.Stdout, "cannot reach the host");

        using (ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data))
        {
            var first = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
            Assert.AreEqual(0, first.ExitCode, first.All);
            StringAssert.Contains(first.Stdout, "upload: 1 stored");
        }

        // Host gone: the stored job still runs, the report waits on disk, exit 1.
        var away = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
        Assert.AreEqual(1, away.ExitCode, away.All);
        StringAssert.Contains(away.Stdout, "stored job version");
        Assert.HasCount(1, Directory.GetFiles(state, "rq-*"));

        using (ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data))
        {
            var back = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
            Assert.AreEqual(0, back.ExitCode, back.All);
            StringAssert.Contains(back.Stdout, "upload: 2 stored");
            Assert.IsEmpty(Directory.GetFiles(state, "rq-*"));
        }
        var all = noJob.All + away.All;
        Assert.IsFalse(all.Contains(password, StringComparison.Ordinal), "the device password reached the log");
    }

    [TestMethod]
    public void MissingProvisioningFile_IsOneClearLine()
    {
        var r = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", "/nonexistent/agent.json", "--state-dir", Path.GetTempPath());
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stderr, "flaxguard agent add");
        Assert.IsFalse(r.All.Contains("   at ", StringComparison.Ordinal), r.All);
    }

    [TestMethod]
    public void IntervalOutOfRange_IsRefused()
    {
        var r = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", "x.json", "--interval-seconds", "0");
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stderr, "--interval-seconds must be 1 to 604800");
    }

    [TestMethod]
    [DataRow("--factory-attempts-per-day", "0", "--factory-attempts-per-day must be 1 to 200")]
    [DataRow("--factory-attempts-per-day", "201", "--factory-attempts-per-day must be 1 to 200")]
    [DataRow("--factory-ssh-port", "0", "--factory-ssh-port must be 1 to 65535")]
    [DataRow("--factory-ssh-port", "70000", "--factory-ssh-port must be 1 to 65535")]
    public void FactoryCheckSettingsOutOfRange_AreRefused(string option, string value, string message)
    {
        var r = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", "x.json", option, value);
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stderr, message);
        Assert.IsFalse(r.All.Contains("   at ", StringComparison.Ordinal), r.All);
    }
}
