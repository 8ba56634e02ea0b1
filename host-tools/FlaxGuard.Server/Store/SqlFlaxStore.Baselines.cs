using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>Baselines (proposed, approved, rejected) and the stored results and open findings read against them.</summary>
public abstract partial class SqlFlaxStore
{
    public async Task<BaselineRecord?> LatestBaselineAsync(string deviceId, BaselineState state, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, BaselineSelect + " WHERE device_id = @d AND state = @s ORDER BY id DESC LIMIT 1", ReadBaseline, ct,
            ("d", deviceId), ("s", StateName(state)))).FirstOrDefault();
    }

    public async Task<BaselineRecord?> ApproveBaselineAsync(string deviceId, bool fromLatest, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var appliance = await Scalar(c, tx, "SELECT appliance_id FROM devices WHERE id = @d", ct, ("d", deviceId)) as string;
        if (appliance is null) return null;
        long id;
        if (fromLatest)
        {
            var facts = await Scalar(c, tx, "SELECT facts FROM target_results WHERE device_id = @d AND unverified = 0 " + LatestFirst + " LIMIT 1", ct, ("d", deviceId)) as byte[];
            if (facts is null) return null;
            await Exec(c, tx, "UPDATE baselines SET state = 'rejected', decided_at = @now WHERE device_id = @d AND state = 'proposed'", ct, ("now", now), ("d", deviceId));
            await Exec(c, tx, "UPDATE baselines SET state = 'replaced', decided_at = @now WHERE device_id = @d AND state = 'approved'", ct, ("now", now), ("d", deviceId));
            id = Convert.ToInt64(await Scalar(c, tx, "INSERT INTO baselines (device_id, state, facts, created_at, decided_at) VALUES (@d, 'approved', @f, @now, @now) RETURNING id", ct,
                ("d", deviceId), ("f", facts), ("now", now)));
        }
        else
        {
            var proposed = await Scalar(c, tx, "SELECT id FROM baselines WHERE device_id = @d AND state = 'proposed' ORDER BY id DESC LIMIT 1", ct, ("d", deviceId));
            if (proposed is null) return null;
            id = Convert.ToInt64(proposed);
            await Exec(c, tx, "UPDATE baselines SET state = 'replaced', decided_at = @now WHERE device_id = @d AND state = 'approved'", ct, ("now", now), ("d", deviceId));
            await Exec(c, tx, "UPDATE baselines SET state = 'approved', decided_at = @now WHERE id = @id", ct, ("now", now), ("id", id));
        }
        await BumpJob(c, tx, appliance, ct);
        var record = (await Query(c, tx, BaselineSelect + " WHERE id = @id", ReadBaseline, ct, ("id", id))).Single();
        await RerateLatestResult(c, tx, deviceId, DecodeFacts(record.Facts), now, ct);
        await tx.CommitAsync(ct);
        return record;
    }

    public async Task<BaselineRecord?> RejectBaselineAsync(string deviceId, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var proposed = await Scalar(c, tx, "SELECT id FROM baselines WHERE device_id = @d AND state = 'proposed' ORDER BY id DESC LIMIT 1", ct, ("d", deviceId));
        if (proposed is null) return null;
        await Exec(c, tx, "UPDATE baselines SET state = 'rejected', decided_at = @now WHERE id = @id", ct, ("now", now), ("id", Convert.ToInt64(proposed)));
        var record = (await Query(c, tx, BaselineSelect + " WHERE id = @id", ReadBaseline, ct, ("id", Convert.ToInt64(proposed)))).Single();
        await tx.CommitAsync(ct);
        return record;
    }

    private const string BaselineSelect = "SELECT id, device_id, state, facts, created_at, decided_at FROM baselines";

    private static BaselineRecord ReadBaseline(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0)), r.GetString(1), ParseState(r.GetString(2)), (byte[])r.GetValue(3), Convert.ToInt64(r.GetValue(4)),
        r.IsDBNull(5) ? null : Convert.ToInt64(r.GetValue(5)));

    private static string StateName(BaselineState s) => s.ToString().ToLowerInvariant();

    private static BaselineState ParseState(string s) => Enum.Parse<BaselineState>(s, ignoreCase: true);

    public async Task<TargetResultRecord?> LatestResultAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, """
            SELECT id, report_id, device_id, facts, verdicts, drift, worst_severity, unverified, firmware, received_at, has_baseline
            FROM target_results WHERE device_id = @d ORDER BY sealed_at DESC, id DESC LIMIT 1
            """, r => new TargetResultRecord(
                Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)), r.GetString(2), (byte[])r.GetValue(3),
                JsonSerializer.Deserialize(r.GetString(4), StoreJsonContext.Default.ListStoredVerdict)!, JsonSerializer.Deserialize(r.GetString(5), StoreJsonContext.Default.ListStoredDrift)!,
                (Severity)Convert.ToInt32(r.GetValue(6)), Convert.ToInt32(r.GetValue(7)) != 0, r.IsDBNull(8) ? null : r.GetString(8),
                Convert.ToInt64(r.GetValue(9)), Convert.ToInt32(r.GetValue(10)) != 0), ct, ("d", deviceId))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<FindingRecord>> OpenFindingsAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await Query(c, null, "SELECT id, device_id, finding_key, severity, sentence, first_seen, last_seen, resolved_at FROM findings WHERE device_id = @d AND resolved_at IS NULL ORDER BY severity DESC, finding_key",
            ReadFinding, ct, ("d", deviceId));
    }
}
