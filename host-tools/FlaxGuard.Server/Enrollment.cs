using System.Security.Cryptography;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server;

/// <summary>Creates appliance identities and enrolls devices, sealing every secret before it reaches the store.</summary>
public static class Enrollment
{
    public const int KeyBytes = 32;

    internal static string ApplianceKeyBinding(string applianceId) => "appliance-key:" + applianceId;

    internal static string DeviceUserBinding(string deviceId) => "device-user:" + deviceId;

    internal static string DevicePasswordBinding(string deviceId) => "device-password:" + deviceId;

    internal static string DeviceSnmpBinding(string deviceId) => "device-snmp:" + deviceId;

    /// <summary>Creates the appliance and returns its key, which exists in clear only in the caller's hands.</summary>
    public static async Task<(ApplianceRecord Appliance, byte[] Key)> AddApplianceAsync(IFlaxStore store, MasterKey master, string name, int intervalSeconds, long now, CancellationToken ct)
    {
        CheckName(name, "appliance");
        if (intervalSeconds < JobLimits.MinIntervalSeconds || intervalSeconds > JobLimits.MaxIntervalSeconds)
            throw new StoreException($"the interval must be {JobLimits.MinIntervalSeconds} to {JobLimits.MaxIntervalSeconds} seconds");
        var id = "fg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = NewApplianceKey();
        var record = new ApplianceRecord(id, name, master.Seal(key, ApplianceKeyBinding(id)), intervalSeconds, 1, now, null, 0, null);
        await store.AddApplianceAsync(record, ct);
        return (record, key);
    }

    /// <summary>A new random appliance key (the caller hands it over, then clears it).</summary>
    public static byte[] NewApplianceKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>
    /// Makes <paramref name="key"/> the appliance's key. From the commit on the old key is refused for jobs and reports
    /// alike, also for reports it sealed before: see <see cref="KeyRotationPolicy"/>.
    /// </summary>
    public static async Task RekeyApplianceAsync(IFlaxStore store, MasterKey master, ApplianceRecord appliance, byte[] key, long now, CancellationToken ct)
    {
        if (key.Length != KeyBytes) throw new ArgumentException($"an appliance key is {KeyBytes} bytes", nameof(key));
        if (!await store.ReplaceApplianceKeyAsync(appliance.Id, master.Seal(key, ApplianceKeyBinding(appliance.Id)), now, ct))
            throw new StoreException($"appliance '{appliance.Name}' was removed meanwhile");
    }

    public static byte[] OpenKey(MasterKey master, ApplianceRecord appliance) => master.Open(appliance.KeySealed, ApplianceKeyBinding(appliance.Id));

    public static async Task<DeviceRecord> AddDeviceAsync(IFlaxStore store, MasterKey master, string name, string applianceId, string address, string profile, string ports,
        string? user, string? password, long now, CancellationToken ct, string dnsResolver = "", DeviceSnmp? snmp = null, bool factoryCheck = false,
        int inventoryIntervalSeconds = JobLimits.DefaultInventoryIntervalSeconds)
    {
        CheckName(name, "device");
        PortInventorySchedule.Check(inventoryIntervalSeconds);
        var id = "dev-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var record = new DeviceRecord(id, name, applianceId, address, profile, ports,
            string.IsNullOrEmpty(user) ? null : master.SealText(user, DeviceUserBinding(id)),
            string.IsNullOrEmpty(password) ? null : master.SealText(password, DevicePasswordBinding(id)), now,
            dnsResolver, snmp is null ? null : master.SealText(snmp.Encode(), DeviceSnmpBinding(id)), factoryCheck, inventoryIntervalSeconds);
        await store.AddDeviceAsync(record, ct);
        return record;
    }

    /// <summary>
    /// Changes what was given (null = keep). A new user name or password is sealed again under the device's
    /// bindings; <paramref name="clearCredentials"/> removes both (for a device checked without a login).
    /// </summary>
    public static async Task<DeviceRecord> UpdateDeviceAsync(IFlaxStore store, MasterKey master, DeviceRecord device, DeviceUpdate update, CancellationToken ct)
    {
        if (update.Name is not null) CheckName(update.Name, "device");
        if (update.InventoryIntervalSeconds is { } every) PortInventorySchedule.Check(every);
        var changed = device with
        {
            Name = update.Name ?? device.Name,
            Address = update.Address ?? device.Address,
            Profile = update.Profile ?? device.Profile,
            Ports = update.Ports ?? device.Ports,
            ApplianceId = update.ApplianceId ?? device.ApplianceId,
            UserSealed = update.ClearCredentials ? null
                : update.User is null ? device.UserSealed : master.SealText(update.User, DeviceUserBinding(device.Id)),
            PasswordSealed = update.ClearCredentials ? null
                : update.Password is null ? device.PasswordSealed : master.SealText(update.Password, DevicePasswordBinding(device.Id)),
            DnsResolver = update.DnsResolver ?? device.DnsResolver,
            SnmpSealed = update.ClearSnmp ? null
                : update.Snmp is null ? device.SnmpSealed : master.SealText(update.Snmp.Encode(), DeviceSnmpBinding(device.Id)),
            FactoryCheck = update.FactoryCheck ?? device.FactoryCheck,
            InventoryIntervalSeconds = update.InventoryIntervalSeconds ?? device.InventoryIntervalSeconds,
        };
        if (!await store.UpdateDeviceAsync(changed, ct)) throw new StoreException($"device '{device.Name}' was removed meanwhile");
        return changed;
    }

    public static (string User, string Password) OpenCredentials(MasterKey master, DeviceRecord device) => (
        device.UserSealed is null ? "" : master.OpenText(device.UserSealed, DeviceUserBinding(device.Id)),
        device.PasswordSealed is null ? "" : master.OpenText(device.PasswordSealed, DevicePasswordBinding(device.Id)));

    private static bool IsPrintable(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (System.Text.Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done) return false;
            if (System.Text.Rune.IsControl(rune) || System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format) return false;
            i += used - 1;
        }
        return true;
    }

    /// <summary>The device's probe settings for its job: trusted resolver and opened SNMP credentials.</summary>
    public static ProbeSettings OpenProbeSettings(MasterKey master, DeviceRecord device)
    {
        var settings = new ProbeSettings { TrustedResolver = device.DnsResolver };
        if (device.SnmpSealed is not null) DeviceSnmp.Decode(master.OpenText(device.SnmpSealed, DeviceSnmpBinding(device.Id))).CopyTo(settings);
        return settings;
    }

    private static void CheckName(string name, string what)
    {
        // Control characters, bidi overrides and zero-width marks (Unicode Cf) would let a name rewrite the lines
        // that status, the dashboard and alerts print around it.
        if (string.IsNullOrWhiteSpace(name) || name.Length > Report.MaxDeviceIdLength || !IsPrintable(name))
            throw new StoreException($"the {what} name must be 1 to {Report.MaxDeviceIdLength} printable characters (no control, bidi or zero-width characters)");
    }
}
