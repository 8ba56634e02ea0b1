using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>Devices an appliance checks: registration, lookup, update, removal; each change bumps the appliance's job version.</summary>
public abstract partial class SqlFlaxStore
{
    public async Task AddDeviceAsync(DeviceRecord d, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        if (await Scalar(c, tx, "SELECT 1 FROM devices WHERE name = @n OR id = @n", ct, ("n", d.Name)) is not null)
            throw new StoreException($"a device named '{d.Name}' already exists");
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE id = @a AND removed_at IS NULL", ct, ("a", d.ApplianceId)) is null)
            throw new StoreException($"appliance '{d.ApplianceId}' does not exist");
        await Exec(c, tx, """
            INSERT INTO devices (id, name, appliance_id, address, profile, ports, user_sealed, password_sealed, created_at, dns_resolver, snmp_sealed, factory_check, inventory_interval_seconds)
            VALUES (@id, @name, @a, @address, @profile, @ports, @user, @password, @created, @resolver, @snmp, @factory, @inventory)
            """, ct, ("id", d.Id), ("name", d.Name), ("a", d.ApplianceId), ("address", d.Address), ("profile", d.Profile), ("ports", d.Ports),
            ("user", d.UserSealed), ("password", d.PasswordSealed), ("created", d.CreatedAt), ("resolver", d.DnsResolver), ("snmp", d.SnmpSealed), ("factory", d.FactoryCheck ? 1 : 0),
            ("inventory", d.InventoryIntervalSeconds));
        await BumpJob(c, tx, d.ApplianceId, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<DeviceRecord?> FindDeviceAsync(string idOrName, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, DeviceSelect + " WHERE id = @x OR name = @x ORDER BY CASE WHEN id = @x THEN 0 ELSE 1 END", ReadDevice, ct, ("x", idOrName))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(string? applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return applianceId is null
            ? await Query(c, null, DeviceSelect + " ORDER BY name", ReadDevice, ct)
            : await Query(c, null, DeviceSelect + " WHERE appliance_id = @a ORDER BY name", ReadDevice, ct, ("a", applianceId));
    }

    private const string DeviceSelect = "SELECT id, name, appliance_id, address, profile, ports, user_sealed, password_sealed, created_at, dns_resolver, snmp_sealed, factory_check, inventory_interval_seconds FROM devices";

    private static DeviceRecord ReadDevice(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : (byte[])r.GetValue(6), r.IsDBNull(7) ? null : (byte[])r.GetValue(7), Convert.ToInt64(r.GetValue(8)),
        r.GetString(9), r.IsDBNull(10) ? null : (byte[])r.GetValue(10), Convert.ToInt64(r.GetValue(11)) != 0,
        Convert.ToInt32(r.GetValue(12)));

    public async Task<bool> UpdateDeviceAsync(DeviceRecord d, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var oldAppliance = await Scalar(c, tx, "SELECT appliance_id FROM devices WHERE id = @d", ct, ("d", d.Id)) as string;
        if (oldAppliance is null) return false;
        if (await Scalar(c, tx, "SELECT 1 FROM devices WHERE (name = @n OR id = @n) AND id <> @d", ct, ("n", d.Name), ("d", d.Id)) is not null)
            throw new StoreException($"a device named '{d.Name}' already exists");
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE id = @a AND removed_at IS NULL", ct, ("a", d.ApplianceId)) is null)
            throw new StoreException($"appliance '{d.ApplianceId}' does not exist");
        await Exec(c, tx, """
            UPDATE devices SET name = @name, appliance_id = @a, address = @address, profile = @profile, ports = @ports,
                user_sealed = @user, password_sealed = @password, dns_resolver = @resolver, snmp_sealed = @snmp, factory_check = @factory,
                inventory_interval_seconds = @inventory WHERE id = @id
            """, ct, ("id", d.Id), ("name", d.Name), ("a", d.ApplianceId), ("address", d.Address), ("profile", d.Profile), ("ports", d.Ports),
            ("user", d.UserSealed), ("password", d.PasswordSealed), ("resolver", d.DnsResolver), ("snmp", d.SnmpSealed), ("factory", d.FactoryCheck ? 1 : 0),
            ("inventory", d.InventoryIntervalSeconds));
        await BumpJob(c, tx, d.ApplianceId, ct);
        if (oldAppliance != d.ApplianceId) await BumpJob(c, tx, oldAppliance, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> RemoveDeviceAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var appliance = await Scalar(c, tx, "SELECT appliance_id FROM devices WHERE id = @d", ct, ("d", deviceId)) as string;
        if (appliance is null) return false;
        foreach (var table in new[] { "target_results", "baselines", "findings" })
            await Exec(c, tx, $"DELETE FROM {table} WHERE device_id = @d", ct, ("d", deviceId));
        await Exec(c, tx, "DELETE FROM devices WHERE id = @d", ct, ("d", deviceId));
        await BumpJob(c, tx, appliance, ct);
        await tx.CommitAsync(ct);
        Fleet.Forget(deviceId);
        return true;
    }

    private static Task BumpJob(DbConnection c, DbTransaction tx, string applianceId, CancellationToken ct) =>
        Exec(c, tx, "UPDATE appliances SET job_version = job_version + 1 WHERE id = @a", ct, ("a", applianceId));
}
