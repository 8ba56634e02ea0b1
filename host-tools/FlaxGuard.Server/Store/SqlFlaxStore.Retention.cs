using System.Data.Common;

namespace FlaxGuard.Server.Store;

/// <summary>Pruning old history in short batches (see <see cref="RetentionPolicy"/>).</summary>
public abstract partial class SqlFlaxStore
{
    // A result is the latest of its device when no other result of that device was sealed later (ties by id),
    // the same order LatestResultAsync reads.
    private const string NotLatest = """
        EXISTS (SELECT 1 FROM target_results n WHERE n.device_id = target_results.device_id
          AND (n.sealed_at > target_results.sealed_at OR (n.sealed_at = target_results.sealed_at AND n.id > target_results.id)))
        """;

    public async Task<PruneOutcome> PruneAsync(RetentionPolicy policy, long now, CancellationToken ct)
    {
        var cutoff = now - (long)policy.MaxAge.TotalSeconds;
        long results = await DeleteInBatches(
            $"SELECT id FROM target_results WHERE received_at < @cutoff AND {NotLatest} LIMIT {RetentionPolicy.BatchRows}", ct, ("cutoff", cutoff));
        results += await PruneBeyondCount(policy.MaxResultsPerDevice, ct);
        long findings = await DeleteRows("DELETE FROM findings WHERE resolved_at IS NOT NULL AND resolved_at < @cutoff", ct, ("cutoff", cutoff));
        long baselines = await DeleteRows(
            "DELETE FROM baselines WHERE state IN ('rejected', 'replaced') AND COALESCE(decided_at, created_at) < @cutoff", ct, ("cutoff", cutoff));
        long lan = await DeleteRows("DELETE FROM lan_devices WHERE last_seen < @cutoff", ct, ("cutoff", cutoff));
        return new PruneOutcome(results, findings, baselines, lan);
    }

    /// <summary>Keeps the newest <paramref name="keep"/> results of each device.</summary>
    private async Task<long> PruneBeyondCount(int keep, CancellationToken ct)
    {
        List<string> devices;
        await using (var c = await OpenAsync(ct))
            devices = await Query(c, null, "SELECT device_id FROM target_results GROUP BY device_id HAVING COUNT(*) > @keep", r => r.GetString(0), ct, ("keep", keep));
        long removed = 0;
        foreach (var device in devices)
        {
            (long Sealed, long Id)? boundary;
            await using (var c = await OpenAsync(ct))
            {
                boundary = (await Query(c, null, "SELECT sealed_at, id FROM target_results WHERE device_id = @d ORDER BY sealed_at DESC, id DESC LIMIT 1 OFFSET @keep",
                    r => ((long Sealed, long Id)?)(Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1))), ct, ("d", device), ("keep", keep))).FirstOrDefault();
            }
            if (boundary is not { } b) continue;
            removed += await DeleteInBatches(
                $"SELECT id FROM target_results WHERE device_id = @d AND (sealed_at < @s OR (sealed_at = @s AND id <= @i)) LIMIT {RetentionPolicy.BatchRows}",
                ct, ("d", device), ("s", b.Sealed), ("i", b.Id));
        }
        return removed;
    }

    /// <summary>Deletes the target_results rows <paramref name="selectIds"/> names, one bounded transaction at a time.</summary>
    private async Task<long> DeleteInBatches(string selectIds, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        long total = 0;
        while (true)
        {
            var removed = await DeleteRows($"DELETE FROM target_results WHERE id IN ({selectIds})", ct, parameters);
            total += removed;
            if (removed < RetentionPolicy.BatchRows) return total;
        }
    }

    private async Task<long> DeleteRows(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var c = await OpenAsync(ct);
        await using DbTransaction tx = await BeginWriteAsync(c, ct);
        await using var cmd = Command(c, tx, sql, parameters);
        var removed = await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return removed;
    }
}
