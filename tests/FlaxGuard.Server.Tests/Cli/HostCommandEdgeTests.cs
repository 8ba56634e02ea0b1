using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary>Host commands at their edges, as real child processes: clear answers, never a stack trace.</summary>
[TestClass]
public sealed class HostCommandEdgeTests
{
    [TestMethod]
    public void StatusJson_WithoutADatabase_StillAnswersJson()
    {
        using var dir = new TempDir("status-json-nodb");
        var r = FlaxguardProcess.Run(null, "status", "--json", "--data-dir", dir.Path);
        Assert.AreEqual(3, r.ExitCode, r.All);
        var json = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.AreEqual("UNKNOWN", json.GetProperty("state").GetString());
        Assert.AreEqual(3, json.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.GetProperty("summary").GetString(), "no database");
        Assert.AreEqual(0, json.GetProperty("devices").GetArrayLength());
        Assert.IsFalse(File.Exists(dir.File("flaxguard.db")), "status creates no database");
    }

    [TestMethod]
    public void Serve_OnABusyPort_SaysSoInOneLine()
    {
        using var dir = new TempDir("serve-busy");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var r = FlaxguardProcess.Run(null, "serve", "--listen", $"127.0.0.1:{port}", "--plain-http", "--data-dir", dir.Path);
        Assert.AreEqual(3, r.ExitCode, r.All);
        FlaxguardProcess.AssertNoStackTrace(r);
        var lines = r.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("flaxguard: migrating", StringComparison.Ordinal) && !l.StartsWith("Warning:", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, lines, r.All);
        StringAssert.Contains(lines[0], $"127.0.0.1:{port}");
        StringAssert.Contains(lines[0], "already in use");
    }

    [TestMethod]
    [DataRow("--retain-days", "0", "--retain-days 0 must be between 1 and 36500")]
    [DataRow("--retain-results", "-5", "--retain-results -5 must be between 1")]
    [DataRow("--appliance-quota-mb", "0", "--appliance-quota-mb 0 must be between 1")]
    public void Serve_WithAnImpossibleRetentionOrQuota_RefusesInOneLine(string option, string value, string message)
    {
        using var dir = new TempDir("serve-retention");
        var r = FlaxguardProcess.Run(null, "serve", "--listen", "127.0.0.1:0", "--plain-http", "--data-dir", dir.Path, option, value);
        Assert.AreNotEqual(0, r.ExitCode, r.All);
        FlaxguardProcess.AssertNoStackTrace(r);
        StringAssert.Contains(r.All, message);
        Assert.IsFalse(r.All.Contains("listening on", StringComparison.Ordinal), "serve must not start: " + r.All);
    }
}
