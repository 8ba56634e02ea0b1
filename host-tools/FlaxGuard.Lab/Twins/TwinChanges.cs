namespace FlaxGuard.Lab.Twins;

/// <summary>
/// Names of the states a twin can be put into. Compromises must be detected; churn must produce no drift at all.
/// </summary>
public static class TwinChanges
{
    // Compromises: what the 2024 botnet advisory and Mirai-family implants leave behind.
    public const string NewAdmin = "new-admin";
    public const string SshKeyAdded = "ssh-key";
    public const string DnsChanged = "dns-changed";
    public const string WanAdmin = "wan-admin";
    public const string TelnetEnabled = "telnet";
    public const string PortForward = "port-forward";
    public const string SchedulerFetch = "scheduler-fetch";
    public const string SocksProxy = "socks";
    public const string FirmwareDowngrade = "firmware-downgrade";
    public const string FirmwareUnknown = "firmware-unknown";

    // Benign churn: a real device does these by itself, or its API presents the same state differently.
    public const string Reboot = "reboot";
    public const string Counters = "counters";
    public const string Time = "time";
    public const string Session = "session";
    public const string DhcpLeases = "dhcp-leases";
    public const string Reorder = "reorder";
    public const string WhitespaceCase = "whitespace-case";

    public static readonly IReadOnlyList<string> Compromises =
        [NewAdmin, SshKeyAdded, DnsChanged, WanAdmin, TelnetEnabled, PortForward, SchedulerFetch, SocksProxy, FirmwareDowngrade, FirmwareUnknown];

    public static readonly IReadOnlyList<string> Churn = [Reboot, Counters, Time, Session, DhcpLeases, Reorder, WhitespaceCase];

    public static readonly IReadOnlyList<string> All = [.. Compromises, .. Churn];

    public static bool IsCompromise(string change) => Compromises.Contains(change);
}
