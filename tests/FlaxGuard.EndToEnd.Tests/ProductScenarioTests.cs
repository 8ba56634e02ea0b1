using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Lab;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Lab.Twins.RouterOs;
using FlaxGuard.Server.Store;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary>
/// The product as an owner runs it, everything on loopback: <c>flaxguard serve</c> (SQLite in a temp dir) and
/// <c>flaxguard agent run</c> as real child processes, three lab twins (OpenWrt, RouterOS, Hikvision) in-process,
/// enrollment and baseline approval through the CLI, a compromise, and a host outage with the agent's disk queue.
/// </summary>
[TestClass]
public sealed class ProductScenarioTests
{
    private const int IntervalSeconds = 2;
    private const string TwinUser = "admin";
    private static readonly TimeSpan ScenarioBound = TimeSpan.FromMinutes(4);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task EnrolledDevices_AreBaselinedCompromiseFoundAndOutageBacklogArrivesExactlyOnce()
    {
        var ct = TestContext.CancellationToken;
        var scenario = Stopwatch.StartNew();
        using var dir = new TempDir("e2e");
        var data = dir.File("host");
        var state = dir.File("agent-state");
        var port = FreePort.Tcp();
        var password = "twin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);

        await using var openWrt = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{block}.1"), 0, TwinUser, password, ct);
        await using var routerOs = await RouterOsTwin.StartAsync(IPAddress.Parse($"127.82.{block}.1"), 0, TwinUser, password, ct);
        await using var hikvision = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.83.{block}.1"), 0, TwinUser, password, ct);
        ILabTwin[] twins = [openWrt, routerOs, hikvision];

        await using var webhook = await WebhookReceiver.StartAsync();
        using var serve = StartServe(data, port, webhook.Url.ToString());

        // Enrollment through the CLI, exactly as the README tells an owner: HTTPS, with serve's host CA pinned in the file.
        var provisioning = dir.File("agent.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "e2e-agent", "--interval", "10", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data);
        Assert.AreEqual(0, add.ExitCode, add.All);
        var provisioned = JsonDocument.Parse(File.ReadAllBytes(provisioning)).RootElement;
        var applianceId = provisioned.GetProperty("applianceId").GetString()!;
        Assert.AreEqual(File.ReadAllText(Path.Combine(data, "tls", "ca.crt")).Trim(), provisioned.GetProperty("caCertificatePem").GetString()!.Trim(), "the host CA is pinned");
        foreach (var twin in twins)
        {
            var device = FlaxguardProcess.Run(password + "\n", "device", "add", twin.Profile + "-twin", "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", twin.Profile,
                "--ports", "2323", "--user", TwinUser, "--password-stdin", "--appliance", applianceId, "--data-dir", data);
            Assert.AreEqual(0, device.ExitCode, device.All);
            Assert.IsFalse(device.All.Contains(password, StringComparison.Ordinal), "the device password was echoed");
        }

        using var agent = ChildProcess.Start("round done", TimeSpan.FromSeconds(90),
            "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--interval-seconds", IntervalSeconds.ToString());
        StringAssert.Contains(agent.Output, $"host https://127.0.0.1:{port}, CA pinned");

        // First baseline: every device's first fully verified report proposes one; the owner approves it.
        await using (var store = StoreFactory.Open(null, data))
        {
            foreach (var twin in twins)
            {
                var device = (await store.FindDeviceAsync(twin.Profile + "-twin", ct))!;
                await Eventually.WaitUntil(async () => await store.LatestBaselineAsync(device.Id, BaselineState.Proposed, ct) is not null, TimeSpan.FromSeconds(60),
                    () => $"no baseline proposed for {twin.Profile}; agent output:\n{agent.Output}");
                var approve = FlaxguardProcess.Run(null, "baseline", "approve", twin.Profile + "-twin", "--data-dir", data);
                Assert.AreEqual(0, approve.ExitCode, approve.All);
            }
            // Once the agent checks against the approved baselines, the untouched lab is all OK.
            await Eventually.WaitUntil(() => Task.FromResult(FlaxguardProcess.Run(null, "status", "--data-dir", data).ExitCode == 0), TimeSpan.FromSeconds(60),
                () => "status did not become OK after approval: " + FlaxguardProcess.Run(null, "status", "--data-dir", data).All + "\nagent:\n" + agent.Output);

            // Compromise: RouterOS gets a SOCKS proxy (what the 2024 botnet advisory describes) and a telnet backdoor on 2323.
            routerOs.Apply(TwinChanges.SocksProxy);
            await using var backdoor = new LabTelnetListener(IPAddress.Parse($"127.82.{block}.1"), 2323);
            var compromisedAt = Stopwatch.StartNew();
            var compromiseLogMark = agent.Output.Length;
            var routerDevice = (await store.FindDeviceAsync("routeros-twin", ct))!;
            await Eventually.WaitUntil(async () => (await store.OpenFindingsAsync(routerDevice.Id, ct)).Any(f => f.Severity == Severity.Critical), TimeSpan.FromSeconds(30),
                () => "no critical finding for the compromised RouterOS twin; agent:\n" + agent.Output);
            var detection = compromisedAt.Elapsed;
            var findings = await store.OpenFindingsAsync(routerDevice.Id, ct);
            TestContext.WriteLine($"compromise to stored critical finding: {detection.TotalSeconds:0.0} s (interval {IntervalSeconds} s); findings: " +
                                  string.Join("; ", findings.Select(f => $"{f.Severity} {f.Key}")));
            // "Within one check interval": the first round that starts after the compromise carries the finding
            // (counted in rounds, so a slow machine does not turn it into a timing lottery), and in wall time one
            // interval plus the rounds themselves.
            var roundsStarted = CountOf(agent.Output[compromiseLogMark..], "round starting");
            TestContext.WriteLine($"rounds started between the compromise and the stored finding: {roundsStarted}");
            Assert.IsLessThanOrEqualTo(2, roundsStarted, "the finding did not arrive with the next round");
            Assert.IsTrue(detection < TimeSpan.FromSeconds(IntervalSeconds + 20), $"the finding took {detection.TotalSeconds:0.0} s");
            // The same finding reaches the alert channel (serve --alert webhook+http://...) and the dashboard.
            await Eventually.WaitUntil(() => Task.FromResult(webhook.Received.Any(b => IsRouterCriticalAlert(b.Text))), TimeSpan.FromSeconds(15),
                () => "no critical webhook alert for routeros-twin; received: " + string.Join("\n", webhook.Received.Select(b => b.Text)));
            var alertAfter = webhook.Received.First(b => IsRouterCriticalAlert(b.Text)).At - (DateTime.UtcNow - compromisedAt.Elapsed);
            TestContext.WriteLine($"compromise to webhook alert: {alertAfter.TotalSeconds:0.0} s");
            Assert.IsTrue(alertAfter < TimeSpan.FromSeconds(IntervalSeconds + 25), $"the alert took {alertAfter.TotalSeconds:0.0} s");
            using (var http = PinnedHttp.Create(data, new Uri($"https://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20)))
            {
                var page = await http.GetStringAsync("dashboard", ct);
                StringAssert.Contains(page, "routeros-twin");
                StringAssert.Contains(page.ToLowerInvariant(), "critical");
            }
            var status = FlaxguardProcess.Run(null, "status", "--data-dir", data);
            Assert.AreEqual(2, status.ExitCode, status.All);
            StringAssert.Contains(status.Stdout, "FLAXGUARD CRITICAL");
            StringAssert.Contains(status.Stdout, "routeros-twin");
        }

        // Host outage for several intervals: the agent keeps checking and queues its reports on disk.
        long countersBefore;
        await using (var store = StoreFactory.Open(null, data)) countersBefore = (await store.ReportCountersAsync(applianceId, ct)).Count;
        serve.Kill();
        var outageLogMark = agent.Output.Length;
        await Task.Delay(TimeSpan.FromSeconds(IntervalSeconds * 5), ct);
        var queuedDuringOutage = Directory.GetFiles(state, "rq-*").Length;
        TestContext.WriteLine($"reports queued on disk during the outage: {queuedDuringOutage}");
        Assert.IsGreaterThanOrEqualTo(6, queuedDuringOutage, $"expected reports of at least two rounds queued, found {queuedDuringOutage}; agent:\n{agent.Output[outageLogMark..]}");

        using var serveAgain = StartServe(data, port, webhook.Url.ToString());
        await Eventually.WaitUntil(() => Task.FromResult(Directory.GetFiles(state, "rq-*").Length == 0), TimeSpan.FromSeconds(30),
            () => "the queue did not drain after the host returned; agent:\n" + agent.Output[outageLogMark..]);

        // Stop the agent the way systemd does, then check every report arrived exactly once.
        Assert.IsTrue(agent.Terminate(TimeSpan.FromSeconds(30)), "the agent did not stop on SIGTERM");
        Assert.AreEqual(0, agent.ExitCode, agent.Output);
        StringAssert.Contains(agent.Output, "agent stopping");
        var counterFile = File.ReadAllBytes(Path.Combine(state, "report-counter"));
        await using (var store = StoreFactory.Open(null, data))
        {
            var counters = (await store.ReportCountersAsync(applianceId, ct)).Order().ToList();
            TestContext.WriteLine($"reports stored: {counters.Count} (before the outage {countersBefore}); counters {counters.First()}..{counters.Last()}");
            Assert.AreEqual(counters.Count, counters.Distinct().Count(), "a report was stored twice");
            CollectionAssert.AreEqual(Enumerable.Range(1, counters.Count).Select(i => (long)i).ToList(), counters, "a report is missing (gap in the counters)");
            Assert.IsGreaterThanOrEqualTo(countersBefore + queuedDuringOutage, (long)counters.Count, "the outage backlog did not arrive");
            var leftOver = Directory.GetFiles(state, "rq-*").Length;
            Assert.IsLessThanOrEqualTo(3, leftOver, $"{leftOver} reports left queued at stop (at most the last round's may wait)");
            Assert.IsNotEmpty(counterFile);
        }
        Assert.IsFalse(agent.Output.Contains(password, StringComparison.Ordinal), "the device password reached the agent log");
        var key = JsonDocument.Parse(File.ReadAllBytes(provisioning)).RootElement.GetProperty("key").GetString()!;
        Assert.IsFalse(agent.Output.Contains(key, StringComparison.Ordinal), "the appliance key reached the agent log");
        Assert.IsTrue(scenario.Elapsed < ScenarioBound, $"the scenario took {scenario.Elapsed}");
    }

    private static ChildProcess StartServe(string data, int port, string webhookUrl) =>
        ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data, "--alert", "webhook+" + webhookUrl);

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static bool IsRouterCriticalAlert(string body) =>
        body.Contains("routeros-twin", StringComparison.Ordinal) && body.Contains("critical", StringComparison.OrdinalIgnoreCase);
}
