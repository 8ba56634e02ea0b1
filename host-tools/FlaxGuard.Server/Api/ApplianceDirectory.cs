using System.Collections.Concurrent;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Api;

/// <summary>
/// Appliance keys opened once and kept in memory, with the highest counter stored so far so most replays
/// are refused before they reach the writer (the writer's check in the transaction is the authoritative one).
/// Unknown ids are not cached, so an appliance enrolled while the server runs is found on its first request.
/// </summary>
public sealed class ApplianceDirectory(IFlaxStore store, MasterKey master)
{
    public sealed class Entry(string id, byte[] key, long lastCounter)
    {
        private long _lastCounter = lastCounter;

        public string Id { get; } = id;

        public byte[] Key { get; } = key;

        public long LastCounter => Interlocked.Read(ref _lastCounter);

        public void Advance(long counter)
        {
            long seen;
            while ((seen = Interlocked.Read(ref _lastCounter)) < counter && Interlocked.CompareExchange(ref _lastCounter, counter, seen) != seen) { }
        }
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<Entry?> FindAsync(string applianceId, CancellationToken ct)
    {
        if (_entries.TryGetValue(applianceId, out var entry)) return entry;
        var record = await store.FindApplianceAsync(applianceId, ct);
        if (record is null || record.Id != applianceId) return null;
        return _entries.GetOrAdd(applianceId, _ => new Entry(record.Id, Enrollment.OpenKey(master, record), record.LastCounter));
    }
}
