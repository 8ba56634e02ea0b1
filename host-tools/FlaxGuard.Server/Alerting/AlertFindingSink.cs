using FlaxGuard.Alerts;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Alerting;

/// <summary>
/// Hands committed finding changes to the alert dispatcher. The dispatcher compares whole finding sets per device,
/// so each device that changed is described by all of its open findings as the store now has them.
/// </summary>
/// With <paramref name="newDeviceAlerts"/> it also announces each device a LAN inventory showed for the first time.
public sealed class AlertFindingSink(IFlaxStore store, AlertDispatcher dispatcher, TimeProvider time, bool newDeviceAlerts = true) : IFindingSink, INewDeviceSink
{
    /// <summary>The finding key of a new-device alert.</summary>
    public const string NewDeviceKey = "lan.device.new";

    public async Task PublishNewDevicesAsync(IReadOnlyList<LanDeviceRecord> devices, CancellationToken ct)
    {
        if (!newDeviceAlerts) return;
        foreach (var d in devices)
        {
            var appliance = await store.FindApplianceAsync(d.ApplianceId, ct);
            if (appliance is null) continue; // removed meanwhile
            dispatcher.Announce(d.ApplianceId, "lan-" + d.Id, $"new device {d.Address}", NewDeviceKey, Severity.Low, NewDeviceSentence(d, appliance.Name), time.GetUtcNow());
        }
    }

    /// <summary>What the owner reads: where, what it says it is, and how to have it checked.</summary>
    public static string NewDeviceSentence(LanDeviceRecord d, string applianceName)
    {
        var what = d.Identity + (d.Mac.Length > 0 ? $", MAC {d.Mac}" : "");
        var suggestion = d.Profile.Length > 0
            ? $"FlaxGuard suggests the '{d.Profile}' profile ({d.Confidence} confidence); check it with: flaxguard device add NAME --from-discovery {d.Id}"
            : $"FlaxGuard does not know how to check it; if you do not know it, find out what it is";
        return $"A new device appeared on the network of appliance {applianceName}: {d.Address} ({what}). It is not checked. {suggestion}.";
    }

    public async Task PublishAsync(IReadOnlyList<FindingChange> changes, CancellationToken ct)
    {
        foreach (var device in changes.GroupBy(c => c.DeviceId))
        {
            var record = await store.FindDeviceAsync(device.Key, ct);
            if (record is null) continue; // removed meanwhile: nothing left to alert about
            var open = await store.OpenFindingsAsync(device.Key, ct);
            var findings = open.Select(f => new AlertFinding(f.Key, f.Severity, f.Sentence)).ToList();
            await dispatcher.ObserveAsync(new DeviceFindings(record.ApplianceId, record.Id, record.Name, findings, time.GetUtcNow()), ct);
        }
    }
}
