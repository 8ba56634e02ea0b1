using FlaxGuard.Engine.Families;

namespace FlaxGuard.Server;

/// <summary>
/// A device's SNMP credentials: a v2c community, or a v3 user with its authentication and privacy passwords. Every value
/// is a secret kept in memory only; the store holds them sealed under the master key, jobs carry them encrypted.
/// ToString never shows them.
/// </summary>
public sealed record DeviceSnmp(string Community, string User, string AuthPassword, string PrivPassword)
{
    public static DeviceSnmp V2c(string community) => new(community, "", "", "");

    public static DeviceSnmp V3(string user, string authPassword, string privPassword) => new("", user, authPassword, privPassword);

    public static DeviceSnmp From(ProbeSettings settings) => new(settings.SnmpCommunity, settings.SnmpUser, settings.SnmpAuthPassword, settings.SnmpPrivPassword);

    public bool IsV3 => User.Length > 0;

    /// <summary>One value per line; a secret that holds a line break cannot be stored (prompts and pipes give none).</summary>
    public string Encode()
    {
        string[] parts = [Community, User, AuthPassword, PrivPassword];
        if (parts.Any(p => p.Contains('\n') || p.Contains('\r'))) throw new StoreException("an SNMP secret cannot contain a line break");
        return string.Join('\n', parts);
    }

    public static DeviceSnmp Decode(string text)
    {
        var parts = text.Split('\n');
        if (parts.Length != 4) throw new StoreException("the stored SNMP credentials are damaged");
        return new DeviceSnmp(parts[0], parts[1], parts[2], parts[3]);
    }

    public void CopyTo(ProbeSettings settings)
    {
        settings.SnmpCommunity = Community;
        settings.SnmpUser = User;
        settings.SnmpAuthPassword = AuthPassword;
        settings.SnmpPrivPassword = PrivPassword;
    }

    public override string ToString() => IsV3 ? "DeviceSnmp(v3)" : "DeviceSnmp(v2c)";
}
