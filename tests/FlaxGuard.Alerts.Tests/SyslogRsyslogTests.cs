using System.Text;
using FlaxGuard.Alerts.Syslog;
using FlaxGuard.Alerts.Tests.Fixtures;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

/// <summary>The syslog channel against the real rsyslogd: what rsyslog's own RFC 5424 parser makes of our messages.</summary>
[TestClass]
public sealed class SyslogRsyslogTests
{
    private const string Bom = "\uFEFF";

    [TestMethod]
    [DataRow("udp")]
    [DataRow("tcp")]
    public async Task Rsyslog_parses_app_name_msgid_structured_data_severity_and_message(string transport)
    {
        using var rsyslog = RsyslogServer.Start();
        var port = transport == "udp" ? rsyslog.UdpPort : rsyslog.TcpPort;
        await using var channel = (SyslogChannel)AlertChannels.Create($"syslog+{transport}://127.0.0.1:{port}?facility=local3&hostname=fg-test");
        var alerts = new[]
        {
            TestAlerts.Event(severity: Severity.Critical),
            TestAlerts.Event(key: "cfg.forward.tcp.8080", severity: Severity.High, sentence: "A port forward to 192.0.2.50:22 appeared."),
            TestAlerts.Event(key: "fw.version", severity: Severity.Medium),
            TestAlerts.Event(key: "net.tcp.23", severity: Severity.Low),
            TestAlerts.Event(key: "http.title", severity: Severity.Info),
            TestAlerts.Event(key: "cfg.service.telnet", severity: Severity.Critical, state: AlertState.Cleared, sentence: "No longer found: telnet", open: 0),
        };
        foreach (var alert in alerts)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await channel.SendAsync(alert, timeout.Token);
        }

        var parsed = rsyslog.WaitForMessages(alerts.Length);
        // UDP may reorder in principle; on loopback it does not, but match by key to be robust.
        CollectionAssert.AreEquivalent(new[] { 2, 3, 4, 5, 6, 5 }, parsed.Select(p => p.Severity).ToArray());
        foreach (var alert in alerts)
        {
            var message = parsed.Single(p => p.Params.GetValueOrDefault("id") == alert.Id);
            Assert.AreEqual("flaxguard", message.AppName);
            Assert.AreEqual("FINDING", message.MsgId);
            Assert.AreEqual(19, message.Facility, "local3");
            Assert.AreEqual("fg-test", message.Hostname);
            Assert.AreEqual(Environment.ProcessId.ToString(), message.ProcId);
            Assert.AreEqual(SyslogFormatter.SyslogSeverity(alert), message.Severity);
            StringAssert.StartsWith(message.StructuredData, "[flaxguard@32473 ");
            Assert.AreEqual(alert.DeviceName, message.Params["device"]);
            Assert.AreEqual(alert.DeviceId, message.Params["device-id"]);
            Assert.AreEqual(alert.FindingKey, message.Params["key"]);
            Assert.AreEqual(alert.SeverityName, message.Params["severity"]);
            Assert.AreEqual(alert.StateName, message.Params["state"]);
            Assert.AreEqual(Bom + alert.Sentence, message.Msg, "rsyslog keeps the RFC 5424 BOM at the start of MSG");
        }
    }

    [TestMethod]
    [DataRow("udp")]
    [DataRow("tcp")]
    public async Task Hostile_device_names_arrive_as_one_message_with_the_exact_cleaned_name(string transport)
    {
        using var rsyslog = RsyslogServer.Start();
        var port = transport == "udp" ? rsyslog.UdpPort : rsyslog.TcpPort;
        await using var channel = AlertChannels.Create($"syslog+{transport}://127.0.0.1:{port}");
        var hostile = TestAlerts.Event(deviceName: TestAlerts.HostileName, key: "cfg.user.\"]\\x", sentence: "Sentence with ] and \" and \\ and ünïcödé 😀");
        var normal = TestAlerts.Event(deviceName: "after the hostile one");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await channel.SendAsync(hostile, timeout.Token);
        await channel.SendAsync(normal, timeout.Token);

        var parsed = rsyslog.WaitForMessages(2);
        Thread.Sleep(300); // anything injected would show up as extra messages
        parsed = rsyslog.WaitForMessages(2);
        Assert.HasCount(2, parsed, "the hostile name must not split or inject messages");
        var first = parsed.Single(p => p.Params.GetValueOrDefault("id") == hostile.Id);
        Assert.AreEqual("flaxguard", first.AppName);
        Assert.AreEqual(TestAlerts.CleanedHostileName, first.Params["device"], "rsyslog undid our escaping to the same text");
        Assert.IsLessThanOrEqualTo(AlertText.MaxDeviceNameLength, first.Params["device"].Length);
        Assert.AreEqual("cfg.user.\"]\\x", first.Params["key"]);
        Assert.AreEqual(Bom + hostile.Sentence, first.Msg);
        StringAssert.Contains(first.StructuredData, "device=\"Router \\\"evil\\\" \\]\\\\ [x\\] <134>1", "escaped on the wire");
        var second = parsed.Single(p => p.Params.GetValueOrDefault("id") == normal.Id);
        Assert.AreEqual("after the hostile one", second.Params["device"]);
    }

    [TestMethod]
    public async Task Tcp_channel_reconnects_after_the_server_restarts()
    {
        int port;
        await using var holder = new ChannelHolder();
        using (var first = RsyslogServer.Start())
        {
            port = first.TcpPort;
            holder.Channel = AlertChannels.Create($"syslog+tcp://127.0.0.1:{port}");
            await holder.Channel.SendAsync(TestAlerts.Event(key: "before"), CancellationToken.None);
            first.WaitForMessages(1);
        }
        // The server is gone: a send either fails clearly or is lost in the dead connection's buffer;
        // either way the channel must not hang and must work again once a server listens.
        var failures = 0;
        for (var i = 0; i < 3; i++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await holder.Channel.SendAsync(TestAlerts.Event(key: "while-down-" + i), timeout.Token);
            }
            catch (AlertDeliveryException e)
            {
                failures++;
                StringAssert.StartsWith(e.Message, "syslog+tcp 127.0.0.1:");
            }
        }
        Assert.IsGreaterThanOrEqualTo(1, failures, "sending to a stopped server never failed");

        using var second = RsyslogServer.Start(port);
        var after = TestAlerts.Event(key: "after-restart");
        await holder.Channel.SendAsync(after, CancellationToken.None);
        var parsed = second.WaitForMessages(1);
        Assert.AreEqual("after-restart", parsed.Single().Params["key"]);
    }

    private sealed class ChannelHolder : IAsyncDisposable
    {
        public IAlertChannel? Channel { get; set; }
        public ValueTask DisposeAsync() => Channel?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
