using System.Text.Json;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary>
/// Strings a device sent reach the owner's terminal through status, baseline show and device list: an ESC sequence or a
/// newline in them must not erase a line or forge a "FLAXGUARD OK" line. The real CLI runs as a child process.
/// </summary>
[TestClass]
public sealed class TerminalSafetyTests
{
    private const string EraseLine = "\u001b[2K\rOK";
    private const string FakeLine = "\nFLAXGUARD OK";

    // Fact values refuse C0 controls at the source; C1 (0x9B is an 8-bit CSI) and bidi overrides get through.
    private const string FirmwareWithC1AndBidi = "23.05\u009b2K\u202eKO";

    private static FlaxguardProcess.Result Flax(TempDir dir, params string[] args) => FlaxguardProcess.Run(null, [.. args, "--data-dir", dir.Path]);

    /// <summary>The output's lines hold no raw control or bidi character (line breaks between lines are the printer's own).</summary>
    private static string[] AssertPrintable(FlaxguardProcess.Result r)
    {
        var lines = r.Stdout.TrimEnd('\n').Split('\n');
        foreach (var line in lines)
            Assert.IsFalse(TerminalText.NeedsEscaping(line), $"raw control character in: {TerminalText.Safe(line)}");
        Assert.IsFalse(lines.Any(l => l.StartsWith("FLAXGUARD OK", StringComparison.Ordinal) || l.StartsWith("OK", StringComparison.Ordinal)), "a forged OK line:\n" + TerminalText.Lines(r.Stdout));
        return lines;
    }

    [TestMethod]
    public async Task HostileVerdictAndDeviceStrings_PrintAsVisibleEscapes_InStatusBaselineShowAndDeviceList()
    {
        using var dir = new TempDir("cli-terminal");
        var add = Flax(dir, "agent", "add", "dongle", "--host-url", "http://127.0.0.1:8443", "--out", dir.File("dongle.json"));
        Assert.AreEqual(0, add.ExitCode, add.All);
        var applianceId = JsonDocument.Parse(File.ReadAllText(dir.File("dongle.json"))).RootElement.GetProperty("applianceId").GetString()!;
        Assert.AreEqual(0, Flax(dir, "device", "add", "office-router", "--address", "192.0.2.1", "--profile", "web").ExitCode);

        await using (var store = new SqliteFlaxStore(dir.File("flaxguard.db")))
        {
            var device = (await store.FindDeviceAsync("office-router", CancellationToken.None))!;
            var hostile = new Verdict(VerdictKind.Exposure, Severity.Critical, "x" + EraseLine, "port" + FakeLine,
                "message \u202eKO\u202c \u009b2J" + EraseLine + FakeLine);
            var report = TestReports.Make(applianceId, 1, device.Id, TestReports.RouterFacts(firmware: FirmwareWithC1AndBidi), null, hostile);
            Assert.AreEqual(IngestStatus.Stored, (await store.StoreReportsAsync([TestReports.Item(report, 1000, TestReports.Now, 0)], CancellationToken.None))[0].Status);
            var stored = (await store.LatestResultAsync(device.Id, CancellationToken.None))!;
            Assert.IsTrue(stored.Verdicts.Any(v => v.Code.Contains('\u001b')), "the hostile code was stored as sent (the test would be moot otherwise)");
        }

        var status = Flax(dir, "status");
        Assert.AreEqual(2, status.ExitCode, status.All);
        var lines = AssertPrintable(status);
        Assert.HasCount(2, lines, "one summary line and one device line:\n" + status.Stdout);
        StringAssert.StartsWith(lines[0], "FLAXGUARD CRITICAL");
        StringAssert.Contains(lines[1], "critical: x\\e[2K\\rOK port", "shown as visible escapes");
        StringAssert.Contains(lines[1], "openwrt 23.05\\x9b2K\\u202eKO last-report=");

        var json = JsonDocument.Parse(Flax(dir, "status", "--json").Stdout).RootElement;
        StringAssert.Contains(json.GetProperty("devices")[0].GetProperty("reason").GetString(), "x" + EraseLine, "JSON keeps the exact string (escaped by JSON itself)");

        var show = Flax(dir, "baseline", "show", "office-router");
        Assert.AreEqual(0, show.ExitCode, show.All);
        AssertPrintable(show);

        var list = Flax(dir, "device", "list");
        Assert.AreEqual(0, list.ExitCode, list.All);
        AssertPrintable(list);
    }
}
