using System.Collections.Concurrent;

namespace FlaxGuard.Alerts.Ledger;

/// <summary>A ledger that forgets on restart: for tests and for a server that runs without a store.</summary>
public sealed class InMemoryAlertLedger : IAlertLedger
{
    private static readonly IReadOnlyDictionary<string, AlertedFinding> Empty = new Dictionary<string, AlertedFinding>();
    private readonly ConcurrentDictionary<(string, string), IReadOnlyDictionary<string, AlertedFinding>> _open = new();

    public ValueTask<IReadOnlyDictionary<string, AlertedFinding>> GetOpenAsync(string applianceId, string deviceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_open.TryGetValue((applianceId, deviceId), out var open) ? open : Empty);

    public ValueTask SetOpenAsync(string applianceId, string deviceId, IReadOnlyDictionary<string, AlertedFinding> open, CancellationToken cancellationToken)
    {
        var copy = new Dictionary<string, AlertedFinding>(open, StringComparer.Ordinal);
        if (copy.Count == 0) _open.TryRemove((applianceId, deviceId), out _);
        else _open[(applianceId, deviceId)] = copy;
        return ValueTask.CompletedTask;
    }
}
