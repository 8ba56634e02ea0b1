namespace FlaxGuard.Server;

/// <summary>What <c>flaxguard device set</c> changes; null keeps the current value. The password is a secret.</summary>
public sealed record DeviceUpdate(
    string? Name = null, string? Address = null, string? Profile = null, string? Ports = null, string? ApplianceId = null,
    string? User = null, string? Password = null, bool ClearCredentials = false,
    string? DnsResolver = null, DeviceSnmp? Snmp = null, bool ClearSnmp = false, bool? FactoryCheck = null,
    int? InventoryIntervalSeconds = null)
{
    public bool IsEmpty => Name is null && Address is null && Profile is null && Ports is null && ApplianceId is null
        && User is null && Password is null && !ClearCredentials && DnsResolver is null && Snmp is null && !ClearSnmp && FactoryCheck is null
        && InventoryIntervalSeconds is null;

    /// <summary>The changed fields by name, never their secret values.</summary>
    public IEnumerable<string> ChangedFields()
    {
        if (Name is not null) yield return "name";
        if (Address is not null) yield return "address";
        if (Profile is not null) yield return "profile";
        if (Ports is not null) yield return "ports";
        if (ApplianceId is not null) yield return "appliance";
        if (User is not null) yield return "user";
        if (Password is not null) yield return "password";
        if (ClearCredentials) yield return "credentials removed";
        if (DnsResolver is not null) yield return "dns resolver";
        if (Snmp is not null) yield return "snmp credentials";
        if (ClearSnmp) yield return "snmp credentials removed";
        if (FactoryCheck is { } on) yield return on ? "factory-password check on" : "factory-password check off";
        if (InventoryIntervalSeconds is { } every) yield return "port inventory " + PortInventorySchedule.Describe(every);
    }

    public override string ToString() => $"DeviceUpdate({string.Join(", ", ChangedFields())})";
}
