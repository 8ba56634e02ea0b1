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

    // Where implants persist and redirect on a Linux router (issue 13): Mirai/VPNFilter/KV-botnet/Flax Typhoon habits.
    public const string RcLocal = "rc-local";
    public const string RootAccount = "root-account";
    public const string AccountPromotion = "uid0-promotion";
    public const string HostsRedirect = "hosts-redirect";
    public const string DnsmasqRedirect = "dnsmasq-redirect";
    public const string OverlayBinary = "overlay-binary";
    public const string TmpProcess = "tmp-process";
    public const string DeletedProcess = "deleted-process";
    public const string MaliciousPackage = "malicious-package";
    public const string WireGuardPeer = "wireguard-peer";
    public const string FirewallInclude = "firewall-include";
    public const string InitScript = "init-script";

    // Benign churn: a real device does these by itself, or its API presents the same state differently.
    public const string Reboot = "reboot";
    public const string Counters = "counters";
    public const string Time = "time";
    public const string Session = "session";
    public const string DhcpLeases = "dhcp-leases";
    public const string Reorder = "reorder";
    public const string WhitespaceCase = "whitespace-case";
    public const string ProcessPids = "process-pids";
    public const string PackageOrder = "package-order";
    public const string DhcpDnsRotation = "dhcp-dns-rotation";
    public const string OverlayNoise = "overlay-noise";

    public static readonly IReadOnlyList<string> Compromises =
        [NewAdmin, SshKeyAdded, DnsChanged, WanAdmin, TelnetEnabled, PortForward, SchedulerFetch, SocksProxy, FirmwareDowngrade, FirmwareUnknown];

    /// <summary>Persistence and redirection on a Linux router's file system (issue 13); only twins with files express them.</summary>
    public static readonly IReadOnlyList<string> PersistenceCompromises =
        [RcLocal, RootAccount, AccountPromotion, HostsRedirect, DnsmasqRedirect, OverlayBinary, TmpProcess, DeletedProcess, MaliciousPackage,
         WireGuardPeer, FirewallInclude, InitScript];

    public static readonly IReadOnlyList<string> Churn = [Reboot, Counters, Time, Session, DhcpLeases, Reorder, WhitespaceCase];

    /// <summary>Churn of a Linux router's processes, packages, learned DNS and overlay files; only twins with files express them.</summary>
    public static readonly IReadOnlyList<string> FileChurn = [ProcessPids, PackageOrder, DhcpDnsRotation, OverlayNoise];

    public static readonly IReadOnlyList<string> All = [.. Compromises, .. PersistenceCompromises, .. Churn, .. FileChurn];

    public static bool IsCompromise(string change) => Compromises.Contains(change) || PersistenceCompromises.Contains(change);
}
