using System.Data.Common;
using System.Net;
using FlaxGuard.Engine.Reports;

namespace FlaxGuard.Server.Store;

/// <summary>The LAN inventory: devices found by each appliance's discovery rounds, kept with first and last sighting.</summary>
public abstract partial class SqlFlaxStore
{
    private const string LanSelect = """
        SELECT l.id, l.appliance_id, l.network, l.address, l.mac, l.vendor, l.model, l.name, l.kind, l.profile, l.confidence, l.reason,
               l.sources, l.ports, l.first_seen, l.last_seen,
               (SELECT MIN(d.id) FROM devices d WHERE d.appliance_id = l.appliance_id AND d.address = l.address)
        FROM lan_devices l JOIN appliances a ON a.id = l.appliance_id AND a.removed_at IS NULL
        """;

    public async Task<IReadOnlyList<LanDeviceRecord>> ListLanDevicesAsync(string? applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var rows = applianceId is null
            ? await Query(c, null, LanSelect, ReadLanDevice, ct)
            : await Query(c, null, LanSelect + " WHERE l.appliance_id = @a", ReadLanDevice, ct, ("a", applianceId));
        // Numeric address order (198.51.100.9 before 198.51.100.10), which SQL text order is not.
        return rows.OrderBy(r => r.ApplianceId, StringComparer.Ordinal).ThenBy(r => AddressKey(r.Address)).ToList();
    }

    public async Task<LanDeviceRecord?> FindLanDeviceAsync(long id, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, LanSelect + " WHERE l.id = @id", ReadLanDevice, ct, ("id", id))).FirstOrDefault();
    }

    private static LanDeviceRecord ReadLanDevice(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0)), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.GetString(7), r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11), Convert.ToInt32(r.GetValue(12)), r.GetString(13),
        Convert.ToInt64(r.GetValue(14)), Convert.ToInt64(r.GetValue(15)), r.IsDBNull(16) ? null : r.GetString(16));

    private static long AddressKey(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.GetAddressBytes() is { Length: 4 } b ? (long)b[0] << 24 | (long)b[1] << 16 | (long)b[2] << 8 | b[3] : long.MaxValue;

    /// <summary>
    /// Merges one inventory report into the appliance's LAN inventory (in the ingest transaction) and returns the devices
    /// seen for the first time. The appliance's first inventory is the baseline: stored, never "new". A report sealed
    /// before a device's last sighting (it waited out a host outage) only moves first_seen back.
    /// </summary>
    private async Task<List<LanDeviceRecord>> StoreInventory(DbConnection c, DbTransaction tx, string applianceId, LanInventory inventory, long sealedAt, CancellationToken ct)
    {
        var baseline = await Scalar(c, tx, "SELECT lan_surveyed_at FROM appliances WHERE id = @a", ct, ("a", applianceId)) is null;
        var known = (await Query(c, tx, "SELECT address, mac, id, first_seen, last_seen FROM lan_devices WHERE appliance_id = @a",
                r => (Address: r.GetString(0), Mac: r.GetString(1), Id: Convert.ToInt64(r.GetValue(2)), First: Convert.ToInt64(r.GetValue(3)), Last: Convert.ToInt64(r.GetValue(4))), ct, ("a", applianceId)))
            .ToDictionary(k => k.Address, StringComparer.Ordinal);
        var enrolled = (await Query(c, tx, "SELECT id, address FROM devices WHERE appliance_id = @a", r => (Id: r.GetString(0), Address: r.GetString(1)), ct, ("a", applianceId)))
            .GroupBy(d => d.Address, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(d => d.Id).Order(StringComparer.Ordinal).First(), StringComparer.Ordinal);
        var fresh = new List<LanDeviceRecord>();
        foreach (var d in inventory.Devices)
        {
            var ports = string.Join(',', d.Ports);
            (string Name, object? Value)[] identity =
            [
                ("network", inventory.Network), ("mac", d.Mac), ("vendor", d.Vendor), ("model", d.Model), ("name", d.Name), ("kind", d.Kind),
                ("profile", d.Profile), ("confidence", d.Confidence), ("reason", d.Reason), ("sources", d.Sources), ("ports", ports),
            ];
            long id;
            if (known.TryGetValue(d.Address, out var row))
            {
                var replaced = row.Mac.Length > 0 && d.Mac.Length > 0 && row.Mac != d.Mac;
                if (sealedAt < row.Last && !replaced)
                {
                    if (sealedAt < row.First) await Exec(c, tx, "UPDATE lan_devices SET first_seen = @t WHERE id = @id", ct, ("t", sealedAt), ("id", row.Id));
                    continue;
                }
                // Another network card at a known address is another device: it starts over and counts as new.
                await Exec(c, tx, """
                    UPDATE lan_devices SET network = @network, mac = CASE WHEN @mac = '' THEN mac ELSE @mac END, vendor = @vendor, model = @model, name = @name,
                        kind = @kind, profile = @profile, confidence = @confidence, reason = @reason, sources = @sources, ports = @ports,
                        first_seen = CASE WHEN @replaced = 1 THEN @t ELSE first_seen END, last_seen = @t WHERE id = @id
                    """, ct, [.. identity, ("replaced", replaced ? 1 : 0), ("t", sealedAt), ("id", row.Id)]);
                if (!replaced) continue;
                id = row.Id;
            }
            else
            {
                id = Convert.ToInt64(await Scalar(c, tx, """
                    INSERT INTO lan_devices (appliance_id, network, address, mac, vendor, model, name, kind, profile, confidence, reason, sources, ports, first_seen, last_seen)
                    VALUES (@a, @network, @address, @mac, @vendor, @model, @name, @kind, @profile, @confidence, @reason, @sources, @ports, @t, @t) RETURNING id
                    """, ct, [.. identity, ("a", applianceId), ("address", d.Address), ("t", sealedAt)]));
                known[d.Address] = (d.Address, d.Mac, id, sealedAt, sealedAt);
            }
            var checkedBy = enrolled.GetValueOrDefault(d.Address);
            // An enrolled address is checked already: nothing to tell the owner about.
            if (baseline || checkedBy is not null) continue;
            fresh.Add(new LanDeviceRecord(id, applianceId, inventory.Network, d.Address, d.Mac, d.Vendor, d.Model, d.Name, d.Kind, d.Profile, d.Confidence,
                d.Reason, d.Sources, ports, sealedAt, sealedAt, null));
        }
        if (baseline) await Exec(c, tx, "UPDATE appliances SET lan_surveyed_at = @t WHERE id = @a", ct, ("t", sealedAt), ("a", applianceId));
        return fresh;
    }
}
