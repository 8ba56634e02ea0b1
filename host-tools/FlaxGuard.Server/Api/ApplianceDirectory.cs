using System.Collections.Concurrent;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Api;

/// <summary>
/// Appliance keys for the API. Every request reads the appliance's row (one primary-key lookup), so an appliance
/// enrolled, removed ('agent remove') or given a new key ('agent rekey') by another process is known on the very next
/// request, without a restart or any signal to serve. What is cached is only the opened key, under the sealed bytes it
/// was opened from: a new sealed key opens again, a wiped one (removed) is never found.
/// Whether a report's counter is taken is decided by the store, in the writer's transaction (see ReportVerifier for the
/// replay argument); that transaction also refuses a report of an appliance removed since it was verified.
/// </summary>
public sealed class ApplianceDirectory(IFlaxStore store, MasterKey master)
{
    public sealed class Entry(string id, byte[] key, byte[] sealedKey)
    {
        public string Id { get; } = id;

        public byte[] Key { get; } = key;

        internal byte[] SealedKey { get; } = sealedKey;
    }

    private readonly ConcurrentDictionary<string, Entry> _opened = new(StringComparer.Ordinal);

    /// <summary>The appliance with its key as the store holds it now; null when it is unknown or removed.</summary>
    public async Task<Entry?> FindAsync(string applianceId, CancellationToken ct)
    {
        var record = await store.FindApplianceAsync(applianceId, ct);
        if (record is null || record.Id != applianceId || record.KeySealed.Length == 0)
        {
            _opened.TryRemove(applianceId, out _);
            return null;
        }
        if (_opened.TryGetValue(applianceId, out var entry) && entry.SealedKey.AsSpan().SequenceEqual(record.KeySealed)) return entry;
        entry = new Entry(record.Id, Enrollment.OpenKey(master, record), record.KeySealed);
        _opened[applianceId] = entry;
        return entry;
    }
}
