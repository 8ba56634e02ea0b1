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
    public const string DnsmasqConf = "dnsmasq-conf";
    public const string OverlayBinary = "overlay-binary";
    public const string TmpProcess = "tmp-process";
    public const string DeletedProcess = "deleted-process";
    public const string MaliciousPackage = "malicious-package";
    public const string UciWireGuardPeer = "uci-wireguard-peer";
    public const string UciTunnel = "uci-tunnel";
    public const string FirewallInclude = "firewall-include";
    public const string InitScript = "init-script";
    public const string FeedAdded = "feed-added";
    public const string FeedUnsigned = "feed-unsigned";
    public const string KeepAcrossUpgrade = "sysupgrade-keep";
    public const string ProfileFetch = "profile-fetch";
    public const string RootSshKey = "root-openssh-key";
    public const string WebInterpreter = "uhttpd-interpreter";
    public const string SshPasswordOn = "ssh-password-on";
    public const string StaticRoute = "static-route";
    public const string NftAccept = "nft-accept";
    public const string NftTable = "nft-table";
    // The same on a firewall3 router (OpenWrt 21.02, iptables): a backdoor port opened, VPNFilter ssler's port-80 redirect,
    // Mirai and Hajime dropping the ports rival bots come in by.
    public const string IptablesAccept = "iptables-accept";
    public const string IptablesRedirect = "iptables-redirect";
    public const string IptablesDrop = "iptables-drop";

    // Issue 13: what attackers change on each family beyond the advisory list (Meris on RouterOS, CVE-2021-36260's
    // aftermath on Hikvision, ONVIF settings), and script injection into admin pages.
    public const string AdminPromoted = "admin-promoted";
    public const string DnsStatic = "dns-static";
    public const string FirewallOpened = "firewall-open";
    public const string NatRedirect = "nat-redirect";
    public const string GroupEscalated = "group-escalated";
    public const string FileDropped = "file-dropped";
    public const string NetwatchFetch = "netwatch-fetch";
    public const string EventScriptFetch = "event-script-fetch";
    public const string LeaseScript = "lease-script";
    public const string FetchObfuscated = "fetch-obfuscated";
    public const string FetchImported = "fetch-import";
    public const string RemoteLog = "remote-log";
    public const string VpnAccount = "vpn-account";
    public const string WireGuardPeer = "wireguard-peer";
    public const string DdnsOn = "ddns-on";
    public const string UpnpOn = "upnp-on";
    public const string SnmpWrite = "snmp-write";
    public const string SnifferStream = "sniffer-stream";
    public const string TunnelClient = "tunnel-client";
    public const string TunnelLink = "tunnel-link";
    public const string RomonOn = "romon-on";
    public const string DeviceFlagged = "device-flagged";
    public const string InstallDamaged = "install-damaged";
    public const string PackageMismatch = "package-mismatch";
    public const string UnlistedPackage = "unlisted-package";
    public const string SshEnabled = "ssh-enabled";
    public const string PlatformAccess = "platform-access";
    public const string PushTarget = "push-target";
    public const string RtspAuthWeak = "rtsp-auth-weak";
    public const string DiscoveryOn = "discovery-on";
    public const string RemoteUser = "remote-user";
    public const string GatewayChanged = "gateway-changed";
    public const string InlineScript = "inline-script";
    public const string ExternalScript = "external-script";
    public const string ExternalFrame = "external-iframe";
    public const string FormHijack = "form-hijack";
    public const string EventHandler = "event-handler";
    public const string ExternalObject = "external-object";
    public const string CodePreload = "code-preload";
    public const string RefreshRedirect = "refresh-redirect";
    public const string BaseHijack = "base-hijack";

    // Issue 13's third RouterOS round: Meris, Glupteba, TrickBot's MikroTik proxies, VPNFilter and later botnets.
    public const string ServiceOpened = "service-open";
    public const string WebProxyOpen = "web-proxy-open";
    public const string DhcpDnsPushed = "dhcp-dns";
    public const string RawBypass = "raw-bypass";
    public const string MangleRoute = "mangle-route";
    public const string DefaultRoute = "default-route";
    public const string RoutingRule = "routing-rule";
    public const string MacOpen = "mac-open";
    public const string BandwidthTestOpen = "btest-open";
    public const string SmbOn = "smb-on";
    public const string FlowExport = "flow-export";
    public const string IpsecPeer = "ipsec-peer";
    public const string ContainerAdded = "container";
    public const string TrustedCa = "trusted-ca";
    public const string LoggingHidden = "logging-hidden";
    public const string PasswordPolicy = "password-policy";

    // Issue 13's fourth RouterOS round: address lists, IPv6, the SSH server, RADIUS, the resolver, NTP.
    public const string AddressListTrusted = "address-list-trusted";
    public const string AddressList6Trusted = "address-list6-trusted";
    public const string Firewall6Opened = "firewall6-open";
    public const string Nat6Redirect = "nat6-redirect";
    public const string DefaultRoute6 = "default-route6";
    public const string SshForwarding = "ssh-forwarding";
    public const string SshWeakened = "ssh-weakened";
    public const string RadiusLogin = "radius-login";
    public const string OpenResolver = "open-resolver";
    public const string NtpServer = "ntp-server";

    // Issue 13, camera depth: what intruders change on a Hikvision camera to keep it and to carry footage away.
    public const string WebShell = "web-shell";
    public const string OnvifUserAdded = "onvif-user";
    public const string LoginLockOff = "login-lock-off";
    public const string IpFilterRemoved = "ipfilter-removed";
    public const string AccessPortChanged = "access-port";
    public const string CameraSnmpOn = "camera-snmp";
    public const string FtpTarget = "ftp-target";
    public const string MailTarget = "mail-target";
    public const string NasTarget = "nas-target";

    // Issue 13, ONVIF depth: the camera's name and its discovery scopes.
    public const string HostnameChanged = "hostname-changed";
    public const string ScopeAdded = "scope-added";
    // Unencrypted HTTP switched on beside HTTPS (GetNetworkProtocols / SetNetworkProtocols).
    public const string CleartextHttpOn = "http-on";

    // Issue 14: a static file of the firmware's web interface (a camera's login script) modified on the device.
    public const string WebFileChanged = "web-file-changed";

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
    public const string FirewallReload = "firewall-reload";
    // RouterOS adds and drops dynamic entries by itself (connected and DHCP routes, DHCP DNS names, L2TP's IPsec peers, UPnP rules,
    // address-list entries with a timeout, IPv6 routes from router advertisements).
    public const string DynamicEntries = "dynamic-entries";

    /// <summary>The advisory compromises every router and camera twin was first built for (issue 4).</summary>
    public static readonly IReadOnlyList<string> RouterCompromises =
        [NewAdmin, SshKeyAdded, DnsChanged, WanAdmin, TelnetEnabled, PortForward, SchedulerFetch, SocksProxy, FirmwareDowngrade, FirmwareUnknown];

    /// <summary>Persistence and redirection on a Linux router's file system (issue 13); only twins with files express them.</summary>
    public static readonly IReadOnlyList<string> PersistenceCompromises =
        [RcLocal, RootAccount, AccountPromotion, HostsRedirect, DnsmasqRedirect, DnsmasqConf, OverlayBinary, TmpProcess, DeletedProcess, MaliciousPackage,
         UciWireGuardPeer, FirewallInclude, InitScript, FeedAdded, FeedUnsigned, KeepAcrossUpgrade, ProfileFetch, RootSshKey, WebInterpreter,
         SshPasswordOn, StaticRoute, NftAccept, NftTable,
         UciTunnel];

    /// <summary>The live firewall changed behind the settings on a firewall3 (OpenWrt 21.02, iptables) router.</summary>
    public static readonly IReadOnlyList<string> Firewall3Compromises = [IptablesAccept, IptablesRedirect, IptablesDrop];

    /// <summary>Issue 13's RouterOS compromises.</summary>
    public static readonly IReadOnlyList<string> RouterOsCompromises =
        [AdminPromoted, DnsStatic, FirewallOpened, NatRedirect, GroupEscalated, FileDropped, NetwatchFetch, FetchObfuscated, FetchImported, RemoteLog,
         VpnAccount, WireGuardPeer, DdnsOn, UpnpOn, SnmpWrite, SnifferStream, DeviceFlagged, InstallDamaged, PackageMismatch, UnlistedPackage, TunnelClient, TunnelLink, RomonOn,
         ServiceOpened, WebProxyOpen, DhcpDnsPushed, RawBypass, MangleRoute, DefaultRoute, RoutingRule, MacOpen, BandwidthTestOpen, SmbOn, FlowExport,
         IpsecPeer, ContainerAdded, TrustedCa, LoggingHidden, PasswordPolicy,
         AddressListTrusted, AddressList6Trusted, Firewall6Opened, Nat6Redirect, DefaultRoute6, SshForwarding, SshWeakened, RadiusLogin, OpenResolver, NtpServer,
         EventScriptFetch, LeaseScript];

    /// <summary>Issue 13's camera compromises (Hikvision and ONVIF express the ones their interfaces have).</summary>
    public static readonly IReadOnlyList<string> CameraCompromises =
        [AdminPromoted, SshEnabled, PlatformAccess, PushTarget, DdnsOn, UpnpOn, RtspAuthWeak, DiscoveryOn, RemoteUser, GatewayChanged];

    /// <summary>Issue 13's deeper camera compromises (Hikvision's access and upload settings, files in the web root; ONVIF's name, scopes and HTTP).</summary>
    public static readonly IReadOnlyList<string> CameraDepthCompromises =
        [WebShell, OnvifUserAdded, LoginLockOff, IpFilterRemoved, AccessPortChanged, CameraSnmpOn, FtpTarget, MailTarget, NasTarget, HostnameChanged, ScopeAdded, CleartextHttpOn];

    /// <summary>Issue 13's web interface tampering.</summary>
    public static readonly IReadOnlyList<string> WebCompromises =
        [InlineScript, ExternalScript, ExternalFrame, FormHijack, EventHandler, ExternalObject, CodePreload, RefreshRedirect, BaseHijack];

    /// <summary>Issue 14: the firmware's own web files changed (the static files the fingerprint hashes).</summary>
    public static readonly IReadOnlyList<string> WebFileCompromises = [WebFileChanged];

    public static readonly IReadOnlyList<string> Compromises =
        [.. RouterCompromises, .. PersistenceCompromises.Concat(Firewall3Compromises).Concat(RouterOsCompromises).Concat(CameraCompromises).Concat(CameraDepthCompromises).Concat(WebCompromises).Concat(WebFileCompromises).Distinct()];

    public static readonly IReadOnlyList<string> Churn = [Reboot, Counters, Time, Session, DhcpLeases, Reorder, WhitespaceCase];

    /// <summary>Churn of a Linux router's processes, packages, learned DNS and overlay files; only twins with files express them.</summary>
    public static readonly IReadOnlyList<string> FileChurn = [ProcessPids, PackageOrder, DhcpDnsRotation, OverlayNoise, FirewallReload];

    /// <summary>Churn of RouterOS's dynamic entries; only the RouterOS twin expresses it.</summary>
    public static readonly IReadOnlyList<string> RouterOsChurn = [DynamicEntries];

    /// <summary>The advisory compromises and the churn: the changes of issue 4, which every vendor twin began with.</summary>
    public static readonly IReadOnlyList<string> Advisory = [.. RouterCompromises, .. Churn];

    public static readonly IReadOnlyList<string> All = [.. Compromises, .. Churn, .. FileChurn, .. RouterOsChurn];

    public static bool IsCompromise(string change) => Compromises.Contains(change);
}
