using System.Collections.Concurrent;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Api;

/// <summary>
/// Appliance keys opened once and kept in memory. Whether a report's counter is taken is decided by the store, in the
/// writer's transaction (see ReportVerifier for the replay argument).
/// Unknown ids are not cached, so an appliance enrolled while the server runs is found on its first request.
/// </summary>
public sealed class ApplianceDirectory(IFlaxStore store, MasterKey master)
{
    public sealed class Entry(string id, byte[] key)
    {
        public string Id { get; } = id;

        public byte[] Key { get; } = key;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<Entry?> FindAsync(string applianceId, CancellationToken ct)
    {
        if (_entries.TryGetValue(applianceId, out var entry)) return entry;
        var record = await store.FindApplianceAsync(applianceId, ct);
        if (record is null || record.Id != applianceId) return null;
        return _entries.GetOrAdd(applianceId, _ => new Entry(record.Id, Enrollment.OpenKey(master, record)));
    }
}
