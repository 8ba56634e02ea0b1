using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>Rating stored results again when the baseline they are compared against changes.</summary>
public abstract partial class SqlFlaxStore
{
    /// <summary>
    /// After an approval the latest result is rated again against the new baseline, and findings it no longer
    /// supports are resolved: what the owner just accepted stops showing as drift at once, not one check later.
    /// </summary>
    private static async Task RerateLatestResult(DbConnection c, DbTransaction tx, string deviceId, FactSet approved, long now, CancellationToken ct)
    {
        var latest = (await Query(c, tx, "SELECT id, facts, verdicts, unverified FROM target_results WHERE device_id = @d " + LatestFirst + " LIMIT 1",
            r => (Id: Convert.ToInt64(r.GetValue(0)), Facts: (byte[])r.GetValue(1), Verdicts: r.GetString(2), Unverified: Convert.ToInt32(r.GetValue(3)) != 0),
            ct, ("d", deviceId))).FirstOrDefault();
        if (latest.Facts is null) return;
        var verdicts = JsonSerializer.Deserialize(latest.Verdicts, StoreJsonContext.Default.ListStoredVerdict)!;
        var (drift, worst, findings) = ReportAnalysis.Rate(DecodeFacts(latest.Facts), verdicts, latest.Unverified, approved);
        await Exec(c, tx, "UPDATE target_results SET drift = @drift, worst_severity = @worst, has_baseline = 1 WHERE id = @id", ct,
            ("drift", JsonSerializer.Serialize(drift, StoreJsonContext.Default.IReadOnlyListStoredDrift)), ("worst", (int)worst), ("id", latest.Id));
        var name = await Scalar(c, tx, "SELECT name FROM devices WHERE id = @d", ct, ("d", deviceId)) as string ?? deviceId;
        await MergeFindings(c, tx, deviceId, name, findings, now, [], null, ct);
    }
}
