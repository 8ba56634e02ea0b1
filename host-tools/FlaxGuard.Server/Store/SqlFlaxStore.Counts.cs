using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>Refusal counters and report counts.</summary>
public abstract partial class SqlFlaxStore
{
    public async Task CountRefusalsAsync(IReadOnlyDictionary<string, long> counts, CancellationToken ct)
    {
        if (counts.Count == 0) return;
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        foreach (var (reason, count) in counts)
            await Exec(c, tx, "INSERT INTO refusals (reason, count) VALUES (@r, @n) ON CONFLICT (reason) DO UPDATE SET count = refusals.count + @n", ct, ("r", reason), ("n", count));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, long>> RefusalCountsAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var rows = await Query(c, null, "SELECT reason, count FROM refusals ORDER BY reason", r => (r.GetString(0), Convert.ToInt64(r.GetValue(1))), ct);
        return rows.ToDictionary(x => x.Item1, x => x.Item2);
    }

    public async Task<long> CountReportsAsync(string? applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return Convert.ToInt64(applianceId is null
            ? await Scalar(c, null, "SELECT COUNT(*) FROM reports", ct)
            : await Scalar(c, null, "SELECT COUNT(*) FROM reports WHERE appliance_id = @a", ct, ("a", applianceId)));
    }

    public async Task<IReadOnlyList<long>> ReportCountersAsync(string applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await Query(c, null, "SELECT counter FROM reports WHERE appliance_id = @a ORDER BY counter", r => Convert.ToInt64(r.GetValue(0)), ct, ("a", applianceId));
    }
}
