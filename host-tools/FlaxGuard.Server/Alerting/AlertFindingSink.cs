using FlaxGuard.Alerts;
using FlaxGuard.Alerts.Dispatch;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Alerting;

/// <summary>
/// Hands committed finding changes to the alert dispatcher. The dispatcher compares whole finding sets per device,
/// so each device that changed is described by all of its open findings as the store now has them.
/// </summary>
public sealed class AlertFindingSink(IFlaxStore store, AlertDispatcher dispatcher, TimeProvider time) : IFindingSink
{
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
