using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>Appliances: registration, lookup, removal and key replacement.</summary>
public abstract partial class SqlFlaxStore
{
    public async Task AddApplianceAsync(ApplianceRecord a, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE name = @n OR id = @n", ct, ("n", a.Name)) is not null)
            throw new StoreException($"an appliance named '{a.Name}' already exists");
        await Exec(c, tx, """
            INSERT INTO appliances (id, name, key_sealed, interval_seconds, job_version, created_at, last_counter)
            VALUES (@id, @name, @key, @interval, @jv, @created, 0)
            """, ct, ("id", a.Id), ("name", a.Name), ("key", a.KeySealed), ("interval", a.IntervalSeconds), ("jv", a.JobVersion), ("created", a.CreatedAt));
        await tx.CommitAsync(ct);
    }

    public async Task<ApplianceRecord?> FindApplianceAsync(string idOrName, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, ApplianceSelect + " WHERE (id = @x OR name = @x) AND removed_at IS NULL ORDER BY CASE WHEN id = @x THEN 0 ELSE 1 END",
            ReadAppliance, ct, ("x", idOrName))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<ApplianceRecord>> ListAppliancesAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await Query(c, null, ApplianceSelect + " WHERE removed_at IS NULL ORDER BY name", ReadAppliance, ct);
    }

    public async Task<bool> RemoveApplianceAsync(string applianceId, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var name = await Scalar(c, tx, "SELECT name FROM appliances WHERE id = @a AND removed_at IS NULL" + ForUpdate, ct, ("a", applianceId)) as string;
        if (name is null) return false;
        var assigned = await Query(c, tx, "SELECT name FROM devices WHERE appliance_id = @a ORDER BY name", r => r.GetString(0), ct, ("a", applianceId));
        if (assigned.Count > 0)
            throw new StoreException($"appliance '{name}' still checks {string.Join(", ", assigned)}; move each to another appliance with " +
                $"'flaxguard device set DEVICE --appliance OTHER' or remove it with 'flaxguard device remove DEVICE' first");
        // The row stays (stored reports refer to it) under a name that frees the old one for a new enrollment; the key is wiped.
        await Exec(c, tx, "UPDATE appliances SET removed_at = @now, name = @tomb, key_sealed = @none, job_version = job_version + 1 WHERE id = @a", ct,
            ("now", now), ("tomb", RemovedName(applianceId)), ("none", Array.Empty<byte>()), ("a", applianceId));
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The name a removed appliance keeps: not a valid appliance name (control characters), so it never clashes.</summary>
    private static string RemovedName(string applianceId) => "\u0001removed\u0001" + applianceId;

    public async Task<bool> ReplaceApplianceKeyAsync(string applianceId, byte[] keySealed, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE id = @a AND removed_at IS NULL" + ForUpdate, ct, ("a", applianceId)) is null) return false;
        await Exec(c, tx, "UPDATE appliances SET key_sealed = @k, key_rotated_at = @now, job_version = job_version + 1 WHERE id = @a", ct,
            ("k", keySealed), ("now", now), ("a", applianceId));
        await tx.CommitAsync(ct);
        return true;
    }

    private const string ApplianceSelect = "SELECT id, name, key_sealed, interval_seconds, job_version, created_at, last_seen, last_counter, queue_length, key_rotated_at FROM appliances";

    private static ApplianceRecord ReadAppliance(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), Convert.ToInt32(r.GetValue(3)), Convert.ToInt64(r.GetValue(4)), Convert.ToInt64(r.GetValue(5)),
        r.IsDBNull(6) ? null : Convert.ToInt64(r.GetValue(6)), Convert.ToInt64(r.GetValue(7)), r.IsDBNull(8) ? null : Convert.ToInt32(r.GetValue(8)),
        r.IsDBNull(9) ? null : Convert.ToInt64(r.GetValue(9)));
}
