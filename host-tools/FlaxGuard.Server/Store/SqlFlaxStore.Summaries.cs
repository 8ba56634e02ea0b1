using System.Data.Common;
using System.Text.Json;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>Result summaries for status and the dashboard: the facts blob is never read, only the analysis columns.</summary>
public abstract partial class SqlFlaxStore
{
    private const string SummaryColumns = "t.id, t.report_id, t.device_id, t.verdicts, t.drift, t.worst_severity, t.unverified, t.firmware, t.received_at, t.has_baseline";

    private static TargetResultRecord ReadSummary(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)), r.GetString(2), [],
        JsonSerializer.Deserialize(r.GetString(3), StoreJsonContext.Default.ListStoredVerdict)!, JsonSerializer.Deserialize(r.GetString(4), StoreJsonContext.Default.ListStoredDrift)!,
        (Severity)Convert.ToInt32(r.GetValue(5)), Convert.ToInt32(r.GetValue(6)) != 0, r.IsDBNull(7) ? null : r.GetString(7),
        Convert.ToInt64(r.GetValue(8)), Convert.ToInt32(r.GetValue(9)) != 0);

    public async Task<IReadOnlyDictionary<string, TargetResultRecord>> LatestResultsAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        // One index seek per device on target_results(device_id, sealed_at, id): the cost follows the device count, not the report count.
        var rows = await Query(c, null, $"""
            SELECT {SummaryColumns} FROM devices d
            JOIN target_results t ON t.id = (SELECT x.id FROM target_results x WHERE x.device_id = d.id ORDER BY x.sealed_at DESC, x.id DESC LIMIT 1)
            """, ReadSummary, ct);
        return rows.ToDictionary(r => r.DeviceId, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<TargetResultRecord>> ResultHistoryAsync(string deviceId, int limit, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var rows = await Query(c, null, $"SELECT {SummaryColumns} FROM target_results t WHERE t.device_id = @d ORDER BY t.sealed_at DESC, t.id DESC LIMIT @n",
            ReadSummary, ct, ("d", deviceId), ("n", Math.Clamp(limit, 1, 10_000)));
        rows.Reverse();
        return rows;
    }
}
