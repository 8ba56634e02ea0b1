using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Server.Store;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary>
/// Firmware verdicts end to end, everything real and on loopback: <c>flaxguard serve --hashes</c> with the repository's
/// OpenWrt 23.05.5 data (re-signed with a test key) and <c>flaxguard agent run</c> as child processes, four OpenWrt
/// twins of the same board and release. The agent fetches the database in ranges; its verdicts (known-good, then
/// known-exploited, changed, a tampered rootfs measured in flash, and the host's consensus outlier) reach the store, the dashboard, status and the webhook.
/// </summary>
[TestClass]
public sealed class FirmwareVerdictTests
{
    private const string TwinUser = "admin";
    // TEST DATA: a made-up known-exploited row (no such CVE) so that a downgraded twin matches one; only in the test's copy.
    private const string TestCve = "CVE-2099-0001";
    private const string TestExploitRow = "OpenWrt\tOpenWrt\trouter\t*\t<23.05.0\t23.05.0\t" + TestCve + "\t\tno\thttps://example.invalid/test-advisory\tTEST ROW of the end-to-end test";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task FirmwareVerdicts_ReachStoreDashboardStatusAndAlerts()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("e2e-fw");
        var data = dir.File("host");
        var state = dir.File("agent-state");
        var hashes = dir.File("hashes");
        RepositoryFiles.CopyDirectory(Path.Combine(RepositoryFiles.Root(), "hashes"), hashes);
        File.AppendAllText(Path.Combine(hashes, "known-exploited.tsv"), TestExploitRow + "\n");
        var dataKey = dir.File("data.key");
        Assert.AreEqual(0, FlaxguardProcess.Run(null, "hashes", "keygen", "--out", dataKey).ExitCode);
        var sign = FlaxguardProcess.Run(null, "hashes", "sign", "--dir", hashes, "--key", dataKey);
        Assert.AreEqual(0, sign.ExitCode, sign.All);

        var port = FreePort.Tcp();
        var password = "twin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);
        await using var first = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.84.{block}.1"), 0, TwinUser, password, ct);
        await using var second = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.84.{block}.2"), 0, TwinUser, password, ct);
        await using var third = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.84.{block}.3"), 0, TwinUser, password, ct);
        await using var fourth = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.84.{block}.4"), 0, TwinUser, password, ct);
        // Four alike, so that when one leaves the group (downgraded) the other three still have a majority.
        (string Name, OpenWrtTwin Twin)[] twins = [("owrt-one", first), ("owrt-two", second), ("owrt-three", third), ("owrt-four", fourth)];

        await using var webhook = await WebhookReceiver.StartAsync();
        using var serve = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data,
            "--alert", "webhook+" + webhook.Url.ToString(), "--hashes", hashes, "--hashes-public-key", dataKey + ".pub");
        await Eventually.WaitUntil(() => Task.FromResult(serve.Output.Contains("firmware database version", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => serve.Output);

        var provisioning = dir.File("agent.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "fw-agent", "--interval", "10", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data);
        Assert.AreEqual(0, add.ExitCode, add.All);
        foreach (var (name, twin) in twins)
        {
            var device = FlaxguardProcess.Run(password + "\n", "device", "add", name, "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "openwrt",
                "--ports", "2323", "--user", TwinUser, "--password-stdin", "--appliance", "fw-agent", "--data-dir", data);
            Assert.AreEqual(0, device.ExitCode, device.All);
        }

        // The job names the database version; the appliance cannot fetch the database without its key.
        using (var anonymous = PinnedHttp.Create(data, new Uri($"https://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20)))
        {
            var refused = await anonymous.GetAsync("api/v1/hashdb", ct);
            Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var agent = ChildProcess.Start("round done", TimeSpan.FromSeconds(120),
            "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--interval-seconds", "2");
        await Eventually.WaitUntil(() => Task.FromResult(agent.Output.Contains("firmware database version", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => agent.Output);

        await using var store = StoreFactory.Open(null, data);
        var ids = new Dictionary<string, string>();
        foreach (var (name, _) in twins) ids[name] = (await store.FindDeviceAsync(name, ct))!.Id;

        // Stock twins: linksys,e8450-ubi on 23.05.5, a published release in the imported data.
        foreach (var (name, _) in twins)
        {
            await Eventually.WaitUntil(async () => (await store.LatestResultAsync(ids[name], ct))?.Verdicts.Any(v => v.Code == FirmwareAssessor.KnownGoodCode) == true,
                TimeSpan.FromSeconds(60), () => $"no known-good firmware verdict for {name}; agent:\n{agent.Output}");
        }
        var stock = (await store.LatestResultAsync(ids["owrt-two"], ct))!;
        StringAssert.StartsWith(stock.Firmware, FirmwareAssessor.KnownGoodCode);
        Assert.IsFalse(stock.Verdicts.Any(v => v.Code == FleetConsensus.OutlierCode), "identical twins agree");

        // The owner approves the first router's baseline (so a firmware change is measured against it).
        await Eventually.WaitUntil(async () => await store.LatestBaselineAsync(ids["owrt-one"], BaselineState.Proposed, ct) is not null, TimeSpan.FromSeconds(60), () => "no proposal");
        var approve = FlaxguardProcess.Run(null, "baseline", "approve", "owrt-one", "--data-dir", data);
        Assert.AreEqual(0, approve.ExitCode, approve.All);
        await Eventually.WaitUntil(async () => await store.LatestBaselineAsync(ids["owrt-four"], BaselineState.Proposed, ct) is not null, TimeSpan.FromSeconds(60), () => "no proposal for owrt-four");
        var approveFourth = FlaxguardProcess.Run(null, "baseline", "approve", "owrt-four", "--data-dir", data);
        Assert.AreEqual(0, approveFourth.ExitCode, approveFourth.All);

        // Consensus: the third router reports another kernel than the others of the same board, version and build.
        third.Mutate(s => s.Kernel = "5.15.999");
        await Eventually.WaitUntil(async () => (await store.OpenFindingsAsync(ids["owrt-three"], ct)).Any(f => f.Key.StartsWith(FleetConsensus.OutlierCode, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), () => "no consensus finding for owrt-three; agent:\n" + agent.Output);
        var outlier = (await store.OpenFindingsAsync(ids["owrt-three"], ct)).Single(f => f.Key.StartsWith(FleetConsensus.OutlierCode, StringComparison.Ordinal));
        Assert.AreEqual(Severity.High, outlier.Severity);
        StringAssert.Contains(outlier.Sentence, "report '5.15.167'", "the majority value");

        // Downgrade of the first router to a release before the (test) fix: known-exploited, and changed against its baseline.
        first.Apply(TwinChanges.FirmwareDowngrade);
        await Eventually.WaitUntil(async () => (await store.OpenFindingsAsync(ids["owrt-one"], ct)).Any(f => f.Severity == Severity.Critical && f.Sentence.Contains(TestCve)),
            TimeSpan.FromSeconds(60), () => "no critical known-exploited finding for owrt-one; agent:\n" + agent.Output);
        var downgraded = (await store.LatestResultAsync(ids["owrt-one"], ct))!;
        var exploited = downgraded.Verdicts.Single(v => v.Code == FirmwareAssessor.ExploitedCode);
        StringAssert.Contains(exploited.Message, "Update to 23.05.0 or later");
        Assert.AreEqual(Severity.High, downgraded.Verdicts.Single(v => v.Code == FirmwareAssessor.ChangedCode).Severity);
        Assert.IsTrue(downgraded.Verdicts.Any(v => v.Code == FirmwareAssessor.UnknownCode), "22.03.5 is not in the imported data");
        StringAssert.StartsWith(downgraded.Firmware, FirmwareAssessor.ExploitedCode);

        // Measured flash: one byte of the fourth router's squashfs changed in place (version and build unchanged, overlay untouched).
        var rootfs = fourth.CurrentFlash.Find("rootfs")!;
        var tamperAt = rootfs.Offset + 200;
        fourth.WriteFlash(tamperAt, [(byte)(fourth.CurrentFlash.Bytes[tamperAt] ^ 0x01)]);
        await Eventually.WaitUntil(async () => (await store.OpenFindingsAsync(ids["owrt-four"], ct)).Any(f => f.Severity == Severity.Critical && f.Key.Contains("firmware.rootfs", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), () => "no critical rootfs finding for owrt-four; agent:\n" + agent.Output);

        // Status: CRITICAL, with each device's firmware verdict.
        var status = FlaxguardProcess.Run(null, "status", "--data-dir", data);
        Assert.AreEqual(2, status.ExitCode, status.All);
        string Line(string name) => status.Stdout.Split('\n').Single(l => l.Contains(" " + name + " ", StringComparison.Ordinal));
        StringAssert.Contains(Line("owrt-one"), "worst=critical firmware=" + FirmwareAssessor.ExploitedCode);
        StringAssert.Contains(Line("owrt-two"), "firmware=" + FirmwareAssessor.KnownGoodCode);
        StringAssert.Contains(Line("owrt-three"), "worst=high firmware=" + FleetConsensus.OutlierCode);
        StringAssert.Contains(Line("owrt-four"), "worst=critical");

        // Dashboard: the overview's firmware column and the device page's firmware section.
        using (var http = PinnedHttp.Create(data, new Uri($"https://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20)))
        {
            var overview = await http.GetStringAsync("dashboard", ct);
            StringAssert.Contains(overview, FirmwareAssessor.KnownGoodCode);
            Assert.DoesNotContain("not assessed", overview);
            var page = await http.GetStringAsync("dashboard/device/" + Uri.EscapeDataString(ids["owrt-one"]), ct);
            StringAssert.Contains(page, FirmwareAssessor.ExploitedCode);
            StringAssert.Contains(page, TestCve);
            StringAssert.Contains(page, FirmwareAssessor.ChangedCode);
            var outlierPage = await http.GetStringAsync("dashboard/device/" + Uri.EscapeDataString(ids["owrt-three"]), ct);
            StringAssert.Contains(outlierPage, FleetConsensus.OutlierCode);
            var tamperedPage = await http.GetStringAsync("dashboard/device/" + Uri.EscapeDataString(ids["owrt-four"]), ct);
            StringAssert.Contains(tamperedPage, "firmware.rootfs.sha256");
            StringAssert.Contains(tamperedPage, "critical");
        }

        // Alerts: both findings went out on the webhook.
        await Eventually.WaitUntil(() => Task.FromResult(webhook.Received.Any(b => b.Text.Contains(TestCve, StringComparison.Ordinal))), TimeSpan.FromSeconds(15),
            () => "no known-exploited alert; received: " + string.Join("\n", webhook.Received.Select(b => b.Text)));
        await Eventually.WaitUntil(() => Task.FromResult(webhook.Received.Any(b => b.Text.Contains("owrt-three", StringComparison.Ordinal) && b.Text.Contains("5.15.167", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(15), () => "no consensus alert; received: " + string.Join("\n", webhook.Received.Select(b => b.Text)));

        var fetches = CountOf(agent.Output, "firmware database version");
        TestContext.WriteLine($"database fetched/loaded {fetches} time(s); compiled size {new FileInfo(Path.Combine(state, "firmware.db")).Length:N0} bytes");
        Assert.AreEqual(1, fetches, "the database is fetched once per version, not every round");
        Assert.IsTrue(agent.Terminate(TimeSpan.FromSeconds(30)), "the agent did not stop on SIGTERM");
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
