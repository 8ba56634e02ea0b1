using System.Collections.Concurrent;
using FlaxGuard.Server.Store;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Api;

/// <summary>
/// Refusal counters kept in memory and added to the store in one transaction per flush, so a flood of bad requests
/// costs no write per request. Counts that could not be written stay pending for the next flush: none are lost
/// while the process runs, and the last flush happens at shutdown.
/// </summary>
public sealed class RefusalCounter(IFlaxStore store, ILogger log)
{
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public void Add(string reason) => _pending.AddOrUpdate(reason, 1, (_, n) => n + 1);

    /// <summary>Counts not yet in the store.</summary>
    public IReadOnlyDictionary<string, long> Pending() => _pending.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// The store's counts plus the pending ones: what has been refused so far. Read under the flush lock, or a flush
    /// moving counts from memory to the store between the two reads would hide them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> TotalsAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var totals = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (reason, count) in await store.RefusalCountsAsync(ct)) totals[reason] = count;
            foreach (var (reason, count) in Pending()) totals[reason] = totals.GetValueOrDefault(reason) + count;
            return totals;
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            var taken = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var reason in _pending.Keys)
                if (_pending.TryRemove(reason, out var count) && count > 0) taken[reason] = count;
            if (taken.Count == 0) return;
            try
            {
                await store.CountRefusalsAsync(taken, ct);
            }
            catch (Exception e) when (e is StoreException or System.Data.Common.DbException or OperationCanceledException)
            {
                foreach (var (reason, count) in taken) _pending.AddOrUpdate(reason, count, (_, n) => n + count);
                log.LogWarning("could not store refusal counters (kept in memory, tried again later): {Error}", e.Message);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }
}
