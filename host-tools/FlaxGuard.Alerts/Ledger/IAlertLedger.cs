using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Ledger;

/// <summary>A finding that has been alerted as raised and not cleared since: what the owner was last told.</summary>
public sealed record AlertedFinding(Severity Severity, string Sentence);

/// <summary>
/// Remembers, per device, which findings were alerted (at which severity), so an unchanged finding is never
/// alerted twice, also across restarts. The store implements this in its database; <see cref="InMemoryAlertLedger"/>
/// and <see cref="JsonFileAlertLedger"/> are the simple ones. Calls for one device never overlap
/// (<see cref="Dispatch.AlertDispatcher"/> serializes them).
/// </summary>
public interface IAlertLedger
{
    /// <summary>The open alerted findings of a device by finding key (empty when none or unknown).</summary>
    ValueTask<IReadOnlyDictionary<string, AlertedFinding>> GetOpenAsync(string applianceId, string deviceId, CancellationToken cancellationToken);

    /// <summary>Replaces the open alerted findings of a device; must be durable when it returns.</summary>
    ValueTask SetOpenAsync(string applianceId, string deviceId, IReadOnlyDictionary<string, AlertedFinding> open, CancellationToken cancellationToken);
}
