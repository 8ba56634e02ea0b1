using System.Diagnostics;
using System.Text.Json;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Alerts.Ledger;
using FlaxGuard.Alerts.Tests.Fixtures;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

/// <summary>
/// The dispatcher's decisions (raise, clear, never repeat) and its delivery (bounded queue, retries), with the
/// real webhook channel and a real HTTP receiver as the channel under it.
/// </summary>
[TestClass]
public sealed class DispatcherTests
{
    private static readonly RetryPolicy FastRetry = new(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100));

    private static DeviceFindings Report(params AlertFinding[] findings) =>
        new("appliance-1", "dev-1", "Office router", findings, DateTimeOffset.UtcNow);

    private static readonly AlertFinding Telnet = new("cfg.service.telnet", Severity.Critical, "Telnet was switched on.");
    private static readonly AlertFinding NewUser = new("cfg.user.backdoor", Severity.Critical, "A new account 'backdoor' appeared.");
    private static readonly AlertFinding NtpLow = new("cfg.ntp.server.203.0.113.9", Severity.Medium, "A time server was added.");

    private static string[] Summaries(IEnumerable<ReceivedWebhook> requests) => requests.Select(r =>
    {
        using var json = JsonDocument.Parse(r.Body);
        return json.RootElement.GetProperty("state").GetString() + " " + json.RootElement.GetProperty("finding").GetProperty("key").GetString()
            + " " + json.RootElement.GetProperty("severity").GetString();
    }).OrderBy(s => s, StringComparer.Ordinal).ToArray();

    [TestMethod]
    public async Task Repeated_identical_reports_alert_once_then_clear_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [AlertChannels.Create(receiver.Url.ToString())]);

        Assert.HasCount(2, await dispatcher.ObserveAsync(Report(Telnet, NewUser)));
        for (var i = 0; i < 5; i++) Assert.IsEmpty(await dispatcher.ObserveAsync(Report(NewUser, Telnet)), "same findings, any order");
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        CollectionAssert.AreEqual(new[] { "raised cfg.service.telnet critical", "raised cfg.user.backdoor critical" }, Summaries(receiver.Received));

        var cleared = await dispatcher.ObserveAsync(Report(NewUser));
        Assert.HasCount(1, cleared);
        Assert.AreEqual(AlertState.Cleared, cleared[0].State);
        Assert.AreEqual("No longer found: Telnet was switched on.", cleared[0].Sentence);
        Assert.AreEqual(1, cleared[0].OpenFindings);
        Assert.IsEmpty(await dispatcher.ObserveAsync(Report(NewUser)), "a cleared finding is not cleared twice");
        var allClear = await dispatcher.ObserveAsync(Report());
        Assert.HasCount(1, allClear);
        Assert.AreEqual(0, allClear[0].OpenFindings);
        Assert.AreEqual(Severity.None, allClear[0].WorstOpenSeverity);
        Assert.IsEmpty(await dispatcher.ObserveAsync(Report()));

        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.HasCount(4, receiver.Received);
        Assert.AreEqual(4, dispatcher.Stats[0].Delivered);
        Assert.AreEqual(0, dispatcher.Stats[0].Failed + dispatcher.Stats[0].Dropped);
    }

    [TestMethod]
    public async Task A_severity_increase_is_raised_again_but_a_decrease_or_new_wording_is_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [AlertChannels.Create(receiver.Url.ToString())]);
        await dispatcher.ObserveAsync(Report(NtpLow));
        var raised = await dispatcher.ObserveAsync(Report(NtpLow with { Severity = Severity.High, Sentence = "now high" }));
        Assert.HasCount(1, raised);
        Assert.AreEqual(Severity.High, raised[0].Severity);
        Assert.AreEqual("now high", raised[0].Sentence);
        Assert.IsEmpty(await dispatcher.ObserveAsync(Report(NtpLow)), "lower again: the owner already knows about worse");
        Assert.IsEmpty(await dispatcher.ObserveAsync(Report(NtpLow with { Severity = Severity.High, Sentence = "other words" })));
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        CollectionAssert.AreEqual(new[] { "raised cfg.ntp.server.203.0.113.9 high", "raised cfg.ntp.server.203.0.113.9 medium" }, Summaries(receiver.Received));
    }

    [TestMethod]
    public async Task The_file_ledger_prevents_duplicates_across_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("fg-ledger-");
        try
        {
            var path = Path.Combine(directory.FullName, "alerts.json");
            await using var receiver = await WebhookReceiver.StartAsync();
            await using (var first = new AlertDispatcher(JsonFileAlertLedger.Open(path), [AlertChannels.Create(receiver.Url.ToString())]))
            {
                Assert.HasCount(2, await first.ObserveAsync(Report(Telnet, NtpLow)));
            } // disposing drains the queue

            // A new process: same file, same findings -> nothing; one finding gone -> one clear.
            await using (var second = new AlertDispatcher(JsonFileAlertLedger.Open(path), [AlertChannels.Create(receiver.Url.ToString())]))
            {
                Assert.IsEmpty(await second.ObserveAsync(Report(NtpLow, Telnet)));
                var changes = await second.ObserveAsync(Report(Telnet));
                Assert.AreEqual(AlertState.Cleared, changes.Single().State);
            }
            await using (var third = new AlertDispatcher(JsonFileAlertLedger.Open(path), [AlertChannels.Create(receiver.Url.ToString())]))
            {
                Assert.IsEmpty(await third.ObserveAsync(Report(Telnet)));
            }
            CollectionAssert.AreEqual(new[] { "cleared cfg.ntp.server.203.0.113.9 medium", "raised cfg.ntp.server.203.0.113.9 medium", "raised cfg.service.telnet critical" },
                Summaries(receiver.Received));
            Assert.IsFalse(File.Exists(path + ".tmp"), "no temporary file left behind");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void A_damaged_ledger_file_is_a_clear_error()
    {
        var directory = Directory.CreateTempSubdirectory("fg-ledger-");
        try
        {
            var path = Path.Combine(directory.FullName, "alerts.json");
            foreach (var content in new[] { "{ not json", "[]", "{\"version\":2,\"devices\":[]}", "{\"version\":1,\"devices\":[{\"appliance\":\"a\",\"device\":\"d\",\"open\":[{\"key\":\"k\",\"severity\":\"bogus\",\"sentence\":\"s\"}]}]}", "{\"version\":1,\"devices\":[{\"appliance\":\"a\"}]}" })
            {
                File.WriteAllText(path, content);
                var e = Assert.ThrowsExactly<InvalidDataException>(() => JsonFileAlertLedger.Open(path), content);
                StringAssert.Contains(e.Message, "is damaged");
                Assert.DoesNotContain("\n", e.Message);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Failures_are_retried_with_the_same_alert_id_and_permanent_ones_are_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(503, 502, 200, 400);
        var options = new AlertDispatcherOptions { Retry = FastRetry };
        await using var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [AlertChannels.Create(receiver.Url.ToString())], options);

        await dispatcher.ObserveAsync(Report(Telnet));
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        var attempts = receiver.Received;
        Assert.HasCount(3, attempts);
        Assert.AreEqual(1, attempts.Select(a => a.Delivery).Distinct().Count(), "one alert id across retries");
        CollectionAssert.AreEqual(new[] { 503, 502, 200 }, attempts.Select(a => a.AnsweredStatus).ToArray());

        await dispatcher.ObserveAsync(Report(Telnet, NewUser)); // answered 400: given up at once
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.HasCount(4, receiver.Received);

        receiver.DefaultStatus = 500;
        await dispatcher.ObserveAsync(Report(Telnet, NewUser, NtpLow)); // always 500: gives up after 3 attempts
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.HasCount(7, receiver.Received);

        var stats = dispatcher.Stats.Single();
        Assert.AreEqual(1, stats.Delivered);
        Assert.AreEqual(2, stats.Failed);
        Assert.AreEqual(4, stats.Retries);
    }

    [TestMethod]
    public async Task A_stuck_receiver_never_blocks_observe_and_overflow_is_counted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Stall();
        var options = new AlertDispatcherOptions { QueueCapacity = 5, Retry = FastRetry, DrainTimeout = TimeSpan.FromSeconds(5) };
        var logger = new ListLogger();
        var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [AlertChannels.Create($"{receiver.Url}?token=TOPSECRET#timeout=30")], options, logger);
        try
        {
            var clock = Stopwatch.StartNew();
            for (var device = 0; device < 20; device++)
            {
                var changes = await dispatcher.ObserveAsync(new DeviceFindings("appliance-1", "dev-" + device, "Device " + device, [Telnet], DateTimeOffset.UtcNow));
                Assert.HasCount(1, changes);
            }
            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(2), "ObserveAsync waited for the channel: " + clock.Elapsed);

            // One alert is being delivered (stuck in the receiver), five wait in the queue, the rest were dropped.
            var stats = dispatcher.Stats.Single();
            Assert.IsTrue(stats.Dropped is >= 14 and <= 15, "dropped " + stats.Dropped);
            Assert.AreEqual(20, stats.Queued + stats.Dropped);
            var overflow = logger.Lines.Where(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Text.Contains("is full")).ToArray();
            Assert.HasCount((int)stats.Dropped, overflow);
            StringAssert.StartsWith(overflow[0].Text, $"Alert queue for webhook http://{receiver.Url.Authority} is full (5); dropped a raised alert for device dev-");
            Assert.IsFalse(logger.Lines.Any(l => l.Text.Contains("TOPSECRET") || l.Text.Contains("/hooks/")), "logs name host:port only");

            receiver.Unstall();
            Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
            Assert.AreEqual(stats.Queued, stats.Delivered);
            Assert.HasCount((int)stats.Queued, receiver.Received);
        }
        finally
        {
            await dispatcher.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task Dispose_gives_up_on_a_dead_channel_within_the_drain_timeout()
    {
        var port = FreePort.Tcp();
        var options = new AlertDispatcherOptions { Retry = new RetryPolicy(100, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)), DrainTimeout = TimeSpan.FromMilliseconds(500) };
        var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [AlertChannels.Create($"http://127.0.0.1:{port}/hook")], options);
        await dispatcher.ObserveAsync(Report(Telnet, NewUser));
        var clock = Stopwatch.StartNew();
        await dispatcher.DisposeAsync();
        Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(3), clock.Elapsed.ToString());
        var stats = dispatcher.Stats.Single();
        Assert.AreEqual(0, stats.Delivered);
        Assert.AreEqual(1, stats.Failed, "the queued alert that never started is counted as failed");
        Assert.IsGreaterThanOrEqualTo(1L, stats.Retries);
    }

    [TestMethod]
    public async Task Findings_are_cleaned_and_deduplicated_by_key()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [AlertChannels.Create(receiver.Url.ToString())]);
        var changes = await dispatcher.ObserveAsync(new DeviceFindings("appliance-1", "dev-1", TestAlerts.HostileName,
        [
            new AlertFinding("k\n1", Severity.Low, "first\r\nline"),
            new AlertFinding("k 1", Severity.High, "worse"),
            new AlertFinding("ignored", Severity.None, "not a finding"),
            new AlertFinding("  ", Severity.High, "no key"),
        ], DateTimeOffset.UtcNow));
        var alert = changes.Single();
        Assert.AreEqual("k 1", alert.FindingKey);
        Assert.AreEqual(Severity.High, alert.Severity);
        Assert.AreEqual(TestAlerts.CleanedHostileName, alert.DeviceName);
        Assert.AreEqual(32, alert.Id.Length);
    }

    [TestMethod]
    public void Findings_from_engine_verdicts_use_the_fact_key_for_drift()
    {
        var drift = new Verdict(VerdictKind.Drift, Severity.Critical, "drift.added", "cfg.user.backdoor", "A new account appeared (new: cfg.user.backdoor=admin)");
        var changed = new Verdict(VerdictKind.Drift, Severity.Critical, "drift.changed", "cfg.user.backdoor", "changed");
        Assert.AreEqual(AlertFinding.FromVerdict(drift).Key, AlertFinding.FromVerdict(changed).Key);
        Assert.AreEqual("cfg.user.backdoor", AlertFinding.FromVerdict(drift).Key);
        var firmware = new Verdict(VerdictKind.Firmware, Severity.High, "firmware.exploited", "openwrt 19.07", "Known exploited");
        Assert.AreEqual("firmware.exploited:openwrt 19.07", AlertFinding.FromVerdict(firmware).Key);
        Assert.AreEqual(Severity.High, AlertFinding.FromVerdict(firmware).Severity);
    }
}
