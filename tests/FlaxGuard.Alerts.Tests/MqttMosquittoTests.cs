using System.Text.Json;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Alerts.Ledger;
using FlaxGuard.Alerts.Mqtt;
using FlaxGuard.Alerts.Tests.Fixtures;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Tests;

/// <summary>The MQTT channel against the real mosquitto, observed by an MQTTnet subscriber.</summary>
[TestClass]
public sealed class MqttMosquittoTests
{
    private static string _directory = null!;
    private static string _passwordFile = null!;
    private const string User = "flaxguard";
    private const string Password = "mqtt-pass-7f3a";

    [ClassInitialize]
    public static void CreatePasswordFile(TestContext _)
    {
        _directory = Directory.CreateTempSubdirectory("fg-mqtt-").FullName;
        _passwordFile = Path.Combine(_directory, "mqtt.pw");
        File.WriteAllText(_passwordFile, Password + "\n");
    }

    [ClassCleanup]
    public static void RemovePasswordFile() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public async Task Publishes_device_discovery_state_attributes_and_availability_retained()
    {
        using var broker = MosquittoBroker.Start(User, Password);
        var spec = $"mqtt://{User}@127.0.0.1:{broker.Port}?password-file={_passwordFile}&client-id=fg-alerts-test";
        var options = MqttOptions.Parse(spec);
        var alert = TestAlerts.Event(severity: Severity.Critical, open: 1);
        var objectId = HomeAssistantDiscovery.ObjectId(alert.ApplianceId, alert.DeviceId);
        await using (var channel = new MqttAlertChannel(options))
        {
            await channel.SendAsync(alert, CancellationToken.None);

            // A subscriber that connects afterwards gets what is retained, with the retain flag set.
            await using var late = await MqttRecorder.ConnectAsync(broker.Port, "#", User, Password);
            var config = (await late.WaitForAsync(m => m.Topic == $"homeassistant/device/{objectId}/config", what: "discovery config")).Single();
            Assert.IsTrue(config.Retain);
            using (var json = JsonDocument.Parse(config.Payload))
            {
                var root = json.RootElement;
                var dev = root.GetProperty("dev");
                Assert.AreEqual(objectId, dev.GetProperty("ids")[0].GetString());
                Assert.AreEqual("Office router", dev.GetProperty("name").GetString());
                Assert.AreEqual("FlaxGuard", root.GetProperty("o").GetProperty("name").GetString());
                var components = root.GetProperty("cmps").EnumerateObject().ToArray();
                Assert.HasCount(1, components, "one binary sensor per device");
                var sensor = components[0].Value;
                Assert.AreEqual("binary_sensor", sensor.GetProperty("p").GetString());
                Assert.AreEqual("problem", sensor.GetProperty("device_class").GetString());
                Assert.AreEqual(objectId + "_problem", sensor.GetProperty("unique_id").GetString());
                Assert.AreEqual($"flaxguard/{objectId}/state", sensor.GetProperty("state_topic").GetString());
                Assert.AreEqual($"flaxguard/{objectId}/attributes", sensor.GetProperty("json_attributes_topic").GetString());
                Assert.AreEqual("flaxguard/status", sensor.GetProperty("availability_topic").GetString());
            }
            var state = (await late.WaitForAsync(m => m.Topic == $"flaxguard/{objectId}/state", what: "state")).Single();
            Assert.AreEqual("ON", state.Payload);
            Assert.IsTrue(state.Retain);
            var availability = (await late.WaitForAsync(m => m.Topic == "flaxguard/status", what: "availability")).Single();
            Assert.AreEqual("online", availability.Payload);
            Assert.IsTrue(availability.Retain);
            var attributes = (await late.WaitForAsync(m => m.Topic == $"flaxguard/{objectId}/attributes", what: "attributes")).Single();
            Assert.IsTrue(attributes.Retain);
            using (var json = JsonDocument.Parse(attributes.Payload))
            {
                Assert.AreEqual(1, json.RootElement.GetProperty("open_findings").GetInt32());
                Assert.AreEqual("critical", json.RootElement.GetProperty("worst_open_severity").GetString());
                Assert.AreEqual("cfg.service.telnet", json.RootElement.GetProperty("last_key").GetString());
            }
            Assert.IsFalse(late.Seen.Any(m => m.Topic.EndsWith("/event")), "events are not retained");

            // Clearing the last finding turns the problem sensor off.
            await using var live = await MqttRecorder.ConnectAsync(broker.Port, $"flaxguard/{objectId}/#", User, Password);
            await channel.SendAsync(TestAlerts.Event(state: AlertState.Cleared, open: 0), CancellationToken.None);
            await live.WaitForAsync(m => m.Topic == $"flaxguard/{objectId}/state" && m.Payload == "OFF", what: "OFF state");
            var evt = (await live.WaitForAsync(m => m.Topic == $"flaxguard/{objectId}/event", what: "event")).Single();
            using (var json = JsonDocument.Parse(evt.Payload)) Assert.AreEqual("cleared", json.RootElement.GetProperty("state").GetString());
        }

        // After a clean shutdown the retained availability says offline.
        await using var afterwards = await MqttRecorder.ConnectAsync(broker.Port, "flaxguard/status", User, Password);
        Assert.AreEqual("offline", (await afterwards.WaitForAsync(m => true, what: "availability")).Single().Payload);
    }

    [TestMethod]
    public async Task Home_assistant_birth_message_makes_the_channel_publish_discovery_again()
    {
        using var broker = MosquittoBroker.Start();
        await using var channel = (MqttAlertChannel)AlertChannels.Create($"mqtt://127.0.0.1:{broker.Port}?discovery-prefix=homeassistant");
        var first = TestAlerts.Event(deviceId: "dev-a", deviceName: "Router A");
        var second = TestAlerts.Event(deviceId: "dev-b", deviceName: "Camera B");
        await channel.SendAsync(first, CancellationToken.None);
        await channel.SendAsync(second, CancellationToken.None);

        await using var homeAssistant = await MqttRecorder.ConnectAsync(broker.Port, "homeassistant/device/+/config");
        await homeAssistant.WaitForAsync(m => m.Retain, count: 2, what: "retained config");
        Assert.AreEqual(0, homeAssistant.Seen.Count(m => !m.Retain), "nothing live before the birth message");

        await homeAssistant.PublishAsync("homeassistant/status", "online");
        var republished = await homeAssistant.WaitForAsync(m => !m.Retain, count: 2, what: "re-published config");
        CollectionAssert.AreEquivalent(
            new[] { HomeAssistantDiscovery.ObjectId("appliance-1", "dev-a"), HomeAssistantDiscovery.ObjectId("appliance-1", "dev-b") },
            republished.Select(m => m.Topic.Split('/')[2]).ToArray());
        Assert.AreEqual(1, channel.BirthRepublishCount);

        // "offline" (HA's last will) is not a birth: nothing is published for it.
        await homeAssistant.PublishAsync("homeassistant/status", "offline");
        await Task.Delay(500);
        Assert.AreEqual(2, homeAssistant.Seen.Count(m => !m.Retain));
        Assert.AreEqual(1, channel.BirthRepublishCount);
    }

    [TestMethod]
    public async Task Through_the_dispatcher_healthy_devices_appear_and_a_restart_announces_every_device_again()
    {
        using var broker = MosquittoBroker.Start();
        var directory = Directory.CreateTempSubdirectory("fg-mqtt-ledger-");
        try
        {
            var ledgerPath = Path.Combine(directory.FullName, "alerts.json");
            var healthy = new DeviceFindings("appliance-1", "dev-ok", "Healthy camera", [], DateTimeOffset.UtcNow);
            var broken = new DeviceFindings("appliance-1", "dev-bad", "Broken router", [new AlertFinding("cfg.service.telnet", Severity.Critical, "Telnet is on.")], DateTimeOffset.UtcNow);
            var okId = HomeAssistantDiscovery.ObjectId("appliance-1", "dev-ok");
            var badId = HomeAssistantDiscovery.ObjectId("appliance-1", "dev-bad");

            await using (var first = new AlertDispatcher(JsonFileAlertLedger.Open(ledgerPath), [AlertChannels.Create($"mqtt://127.0.0.1:{broker.Port}")]))
            {
                Assert.IsEmpty(await first.ObserveAsync(healthy));
                Assert.HasCount(1, await first.ObserveAsync(broken));
                Assert.IsEmpty(await first.ObserveAsync(healthy), "no alert and no second status for an unchanged device");
                Assert.IsTrue(await first.FlushAsync(TimeSpan.FromSeconds(10)));
            }
            await using (var retained = await MqttRecorder.ConnectAsync(broker.Port))
            {
                await retained.WaitForAsync(m => m.Topic == $"homeassistant/device/{okId}/config" && m.Retain, what: "healthy device config");
                var okState = (await retained.WaitForAsync(m => m.Topic == $"flaxguard/{okId}/state", what: "healthy state")).Single();
                Assert.AreEqual("OFF", okState.Payload);
                Assert.AreEqual("ON", (await retained.WaitForAsync(m => m.Topic == $"flaxguard/{badId}/state", what: "broken state")).Single().Payload);
            }

            // A restarted server: nothing to alert (the ledger remembers), but both devices are announced again,
            // so Home Assistant's next birth message gets both configs even though no alert was sent.
            await using var homeAssistant = await MqttRecorder.ConnectAsync(broker.Port, "homeassistant/device/+/config");
            await homeAssistant.WaitForAsync(m => m.Retain, count: 2, what: "retained config");
            var channel = (MqttAlertChannel)AlertChannels.Create($"mqtt://127.0.0.1:{broker.Port}");
            await using (var second = new AlertDispatcher(JsonFileAlertLedger.Open(ledgerPath), [channel]))
            {
                Assert.IsEmpty(await second.ObserveAsync(broken));
                Assert.IsEmpty(await second.ObserveAsync(healthy));
                Assert.IsTrue(await second.FlushAsync(TimeSpan.FromSeconds(10)));
                Assert.AreEqual(0, second.Stats.Single().Delivered, "statuses are not alerts");
                await homeAssistant.WaitForAsync(m => !m.Retain, count: 2, what: "config announced after the restart");
                await homeAssistant.PublishAsync("homeassistant/status", "online");
                var all = await homeAssistant.WaitForAsync(m => !m.Retain, count: 4, what: "config after the birth message");
                CollectionAssert.AreEquivalent(new[] { okId, okId, badId, badId }, all.Select(m => m.Topic.Split('/')[2]).ToArray());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task Hostile_device_names_give_safe_topics_and_exact_json()
    {
        using var broker = MosquittoBroker.Start();
        await using var channel = AlertChannels.Create($"mqtt://127.0.0.1:{broker.Port}");
        var alert = TestAlerts.Event(deviceId: "dev/+/#\"x\" 日本", deviceName: TestAlerts.HostileName);
        await channel.SendAsync(alert, CancellationToken.None);
        var objectId = HomeAssistantDiscovery.ObjectId(alert.ApplianceId, alert.DeviceId);
        StringAssert.Matches(objectId, new System.Text.RegularExpressions.Regex("^flaxguard_dev_x_[0-9a-f]{8}$"));

        await using var recorder = await MqttRecorder.ConnectAsync(broker.Port);
        var config = (await recorder.WaitForAsync(m => m.Topic == $"homeassistant/device/{objectId}/config", what: "config")).Single();
        using var json = JsonDocument.Parse(config.Payload);
        Assert.AreEqual(TestAlerts.CleanedHostileName, json.RootElement.GetProperty("dev").GetProperty("name").GetString());
        Assert.IsTrue(recorder.Seen.All(m => m.Topic.All(c => c < 128 && c != '+' && c != '#')), "topics stay plain ASCII without wildcards");
    }

    [TestMethod]
    public async Task Wrong_password_is_a_permanent_failure_that_does_not_show_the_password()
    {
        using var broker = MosquittoBroker.Start(User, Password);
        var wrong = Path.Combine(_directory, "wrong.pw");
        File.WriteAllText(wrong, "not-the-password");
        await using var channel = AlertChannels.Create($"mqtt://{User}@127.0.0.1:{broker.Port}?password-file={wrong}");
        var e = await Assert.ThrowsExactlyAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.Event(), CancellationToken.None));
        Assert.IsTrue(e.IsPermanent, e.Message);
        StringAssert.StartsWith(e.Message, $"mqtt 127.0.0.1:{broker.Port}: the broker refused the connection");
        Assert.DoesNotContain("not-the-password", e.Message);
    }

    [TestMethod]
    public async Task No_broker_is_a_retryable_failure()
    {
        var port = FreePort.Tcp();
        await using var channel = AlertChannels.Create($"mqtt://127.0.0.1:{port}?timeout=2");
        var e = await Assert.ThrowsExactlyAsync<AlertDeliveryException>(() => channel.SendAsync(TestAlerts.Event(), CancellationToken.None));
        Assert.IsFalse(e.IsPermanent, e.Message);
        StringAssert.StartsWith(e.Message, $"mqtt 127.0.0.1:{port}: ");
    }
}
