using System.Text.Json;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Alerts.Ledger;
using FlaxGuard.Alerts.Mqtt;
using FlaxGuard.Alerts.Tests.Fixtures;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

/// <summary>What the server does: one dispatcher, every kind of channel, real receivers for all of them.</summary>
[TestClass]
public sealed class EndToEndTests
{
    [TestMethod]
    public async Task A_report_reaches_webhook_syslog_udp_and_tcp_and_mqtt_once()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var rsyslog = RsyslogServer.Start();
        using var broker = MosquittoBroker.Start();
        await using var homeAssistant = await MqttRecorder.ConnectAsync(broker.Port, "flaxguard/+/event");
        var specs = new[]
        {
            webhook.Url.ToString(),
            $"syslog+udp://127.0.0.1:{rsyslog.UdpPort}",
            $"syslog+tcp://127.0.0.1:{rsyslog.TcpPort}",
            $"mqtt://127.0.0.1:{broker.Port}",
        };
        await using var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), specs.Select(s => AlertChannels.Create(s)).ToArray());

        var verdicts = new[]
        {
            new Verdict(VerdictKind.Drift, Severity.Critical, "drift.added", "cfg.service.telnet", "Telnet was switched on (new: cfg.service.telnet=port=23 from=any)"),
            new Verdict(VerdictKind.Firmware, Severity.High, "firmware.exploited", "openwrt 19.07.2", "This firmware has known exploited vulnerabilities."),
        };
        var report = new DeviceFindings("appliance-1", "dev-7", "Büro-Router", verdicts.Select(AlertFinding.FromVerdict).ToArray(), DateTimeOffset.UtcNow);
        Assert.HasCount(2, await dispatcher.ObserveAsync(report));
        Assert.IsEmpty(await dispatcher.ObserveAsync(report), "the same report again sends nothing");
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(15)));

        Assert.HasCount(2, webhook.Received);
        var syslog = rsyslog.WaitForMessages(4); // two over UDP, two over TCP
        Assert.HasCount(4, syslog);
        CollectionAssert.AreEquivalent(new[] { 2, 2, 3, 3 }, syslog.Select(m => m.Severity).ToArray());
        Assert.IsTrue(syslog.All(m => m.Params["device"] == "Büro-Router"));
        var events = await homeAssistant.WaitForAsync(_ => true, count: 2, what: "event");
        var keys = events.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("finding").GetProperty("key").GetString()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "cfg.service.telnet", "firmware.exploited:openwrt 19.07.2" }, keys);
        Assert.IsTrue(events.All(e => e.Topic == $"flaxguard/{HomeAssistantDiscovery.ObjectId("appliance-1", "dev-7")}/event"));
        foreach (var stats in dispatcher.Stats)
        {
            Assert.AreEqual(2, stats.Delivered, stats.Channel);
            Assert.AreEqual(0, stats.Failed + stats.Dropped + stats.Retries, stats.Channel);
        }
    }
}
