using FlaxGuard.Alerts;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Alerts.Ledger;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Alerting;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Alerting;

/// <summary>New-device alerts from the LAN inventory: one alert per new device, and none with serve --no-new-device-alerts.</summary>
[TestClass]
public sealed class NewDeviceAlertTests
{
    private sealed class RecordingChannel : IAlertChannel
    {
        public List<AlertEvent> Sent { get; } = [];
        public string Description => "recording";
        public Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.Add(alert);
            return Task.CompletedTask;
        }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static async Task<List<AlertEvent>> PublishAsync(bool newDeviceAlerts)
    {
        using var dir = new TempDir("new-device-alerts");
        await using var store = new SqliteFlaxStore(dir.File("flaxguard.db"));
        await store.MigrateAsync(null, CancellationToken.None);
        var (appliance, _) = await Enrollment.AddApplianceAsync(store, MasterKey.Ephemeral(), "attic-pi", 300, TestReports.Now, CancellationToken.None);
        var channel = new RecordingChannel();
        await using var dispatcher = new AlertDispatcher(new InMemoryAlertLedger(), [channel]);
        var sink = new AlertFindingSink(store, dispatcher, TimeProvider.System, newDeviceAlerts);
        var device = new LanDeviceRecord(42, appliance.Id, "192.0.2.0/24", "192.0.2.64", "02:00:00:00:00:64", "Hikvision\u001b[2J", "DS-2CD2043G2", "", "camera",
            "hikvision", "high", "it names Hikvision as its maker", 4, "80,554", TestReports.Now, TestReports.Now, null);
        await sink.PublishNewDevicesAsync([device], CancellationToken.None);
        Assert.IsTrue(await dispatcher.FlushAsync(TimeSpan.FromSeconds(10)));
        return channel.Sent;
    }

    [TestMethod]
    public async Task ANewDevice_RaisesOneLowAlert_ThatSaysHowToEnrolIt()
    {
        var alert = (await PublishAsync(newDeviceAlerts: true)).Single();
        Assert.AreEqual(AlertFindingSink.NewDeviceKey, alert.FindingKey);
        Assert.AreEqual(Severity.Low, alert.Severity);
        Assert.AreEqual(AlertState.Raised, alert.State);
        Assert.AreEqual("lan-42", alert.DeviceId);
        StringAssert.Contains(alert.Sentence, "appliance attic-pi: 192.0.2.64");
        StringAssert.Contains(alert.Sentence, "MAC 02:00:00:00:00:64");
        StringAssert.Contains(alert.Sentence, "flaxguard device add NAME --from-discovery 42");
        Assert.IsFalse(alert.Sentence.Any(char.IsControl), "device text reaches the alert cleaned: " + alert.Sentence);
    }

    [TestMethod]
    public async Task WithNewDeviceAlertsOff_NothingIsSent()
    {
        Assert.IsEmpty(await PublishAsync(newDeviceAlerts: false));
    }
}
