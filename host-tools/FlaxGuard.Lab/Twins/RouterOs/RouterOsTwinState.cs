using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FlaxGuard.Lab.Twins.RouterOs;

/// <summary>
/// The configuration and running state of the RouterOS twin, and how each REST menu presents it: every value a
/// string, ".id" values like "*1A" that renumber on reboot and reorder, counters and clocks that move on their own.
/// Lab data only: addresses are documentation (RFC 5737) and shared space (RFC 6598), never contacted.
/// Not thread-safe; <see cref="RouterOsTwin"/> locks around it.
/// </summary>
public sealed class RouterOsTwinState
{
    public const string Lan = "100.64.88.0/24,fd00:64:88::/64";
    public const string AttackerHost = "203.0.113.66";

    private readonly int _wwwPort;
    private readonly string _loginPassword;

    public RouterOsTwinState(int wwwPort, string loginUser, string loginPassword)
    {
        _wwwPort = wwwPort;
        LoginUser = loginUser;
        _loginPassword = loginPassword;
        Reset();
    }

    /// <summary>The account the checker logs in with: "admin" itself, or a read-only user of its own.</summary>
    public string LoginUser { get; }

    /// <summary>The router's full administrator, owner of its scripts and SSH key.</summary>
    public string AdminUser => "admin";

    // Firmware.
    public string Version { get; set; } = "";
    public string BuildTime { get; set; } = "";

    // Menus of items: each row keeps its own fields; ".id" comes from its serial at render time.
    public List<Row> Packages { get; } = [];
    public List<Row> Users { get; } = [];
    public List<Row> SshKeys { get; } = [];
    public List<Row> Services { get; } = [];
    public List<Row> Nat { get; } = [];
    public List<Row> Scripts { get; } = [];
    public List<Row> Schedulers { get; } = [];
    public List<Row> Leases { get; } = [];
    public List<Row> Groups { get; } = [];
    public List<Row> DnsStatic { get; } = [];
    public List<Row> Filter { get; } = [];
    public List<Row> Files { get; } = [];
    public List<Row> Netwatch { get; } = [];
    public List<Row> LoggingActions { get; } = [];
    // Where RouterOS runs scripts on events: PPP profiles (on-up, on-down), DHCP servers (lease-script), the DHCP client (script).
    public List<Row> PppProfiles { get; } = [];
    public List<Row> DhcpServers { get; } = [];
    public string DhcpClientScript { get; set; } = "";
    public List<Row> PppSecrets { get; } = [];
    public List<Row> WireGuardPeers { get; } = [];
    public List<Row> SnmpCommunities { get; } = [];
    public List<Row> OvpnServers { get; } = [];

    // Tunnels the router dials out and point-to-point links (issue 13's second round; Meris added an L2TP client "lvpn").
    public List<Row> SstpClients { get; } = [];
    public List<Row> L2tpClients { get; } = [];
    public List<Row> EoipTunnels { get; } = [];
    public List<Row> GreTunnels { get; } = [];

    // Issue 13's third round: routes, policy routing, marking and raw rules, what DHCP hands out, proxy access, traffic-flow,
    // IPsec, containers, certificates and logging rules.
    public List<Row> DhcpNetworks { get; } = [];
    public List<Row> Mangle { get; } = [];
    public List<Row> Raw { get; } = [];
    public List<Row> Routes { get; } = [];
    public List<Row> RoutingRules { get; } = [];
    public List<Row> ProxyAccess { get; } = [];
    public List<Row> SocksAccess { get; } = [];
    public List<Row> FlowTargets { get; } = [];
    public List<Row> IpsecPeers { get; } = [];
    public List<Row> IpsecIdentities { get; } = [];
    public List<Row> Containers { get; } = [];
    public List<Row> Certificates { get; } = [];
    public List<Row> LoggingRules { get; } = [];
    public SortedDictionary<string, string> MacServer { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> MacWinbox { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> BandwidthServer { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Smb { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> TrafficFlow { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> UserSettings { get; } = new(StringComparer.Ordinal);

    // Issue 13's fourth round: address lists, the IPv6 firewall and routes, the SSH server, RADIUS and the NTP client.
    public List<Row> AddressLists { get; } = [];
    public List<Row> AddressLists6 { get; } = [];
    public List<Row> Filter6 { get; } = [];
    public List<Row> Nat6 { get; } = [];
    public List<Row> Routes6 { get; } = [];
    public List<Row> RadiusServers { get; } = [];
    public SortedDictionary<string, string> Ssh { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> UserAaa { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> NtpClient { get; } = new(StringComparer.Ordinal);

    /// <summary>Menus (e.g. "user/settings") this twin answers with 400 "no such command or directory", as an older release or a missing package does.</summary>
    public HashSet<string> AbsentMenus { get; } = new(StringComparer.Ordinal);

    // Settings menus.
    public SortedDictionary<string, string> Dns { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Socks { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Proxy { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Cloud { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Upnp { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Snmp { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Sniffer { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> DeviceMode { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> PptpServer { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> L2tpServer { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> SstpServer { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, string> Romon { get; } = new(StringComparer.Ordinal);

    /// <summary>What check-installation's "status" says (no published text: the twin's wording is a lab choice).</summary>
    public string InstallationStatus { get; set; } = "";

    /// <summary>True on a twin of a release before 7.13, which has no /system/device-mode.</summary>
    public bool NoDeviceMode { get; set; }

    /// <summary>Passwords by user (the REST API never shows them).</summary>
    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    // What churns by itself.
    public DateTimeOffset Boot { get; set; }
    public TimeSpan ClockOffset { get; set; }
    public long CounterBase { get; set; }
    public int IdShift { get; set; }
    public int Generation { get; set; }

    /// <summary>Presents values the way a sloppier API (or another release) might: yes/no, spaces in lists, upper case, CRLF scripts.</summary>
    public bool Sloppy { get; set; }

    public sealed class Row(int serial, params (string Key, string Value)[] fields)
    {
        public int Serial { get; set; } = serial;
        public SortedDictionary<string, string> Fields { get; } = new(fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);
        public string this[string key] { get => Fields[key]; set => Fields[key] = value; }
    }

    public DateTimeOffset Now => DateTimeOffset.UtcNow + ClockOffset;

    public void Reset()
    {
        Version = "7.20.8 (long-term)";
        BuildTime = "2026-01-13 10:21:48";
        Boot = DateTimeOffset.UtcNow - TimeSpan.FromHours(76.5);
        ClockOffset = TimeSpan.Zero;
        CounterBase = 1_000;
        IdShift = 0;
        Generation = 0;
        Sloppy = false;
        Passwords.Clear();

        Packages.Clear();
        Packages.Add(new Row(1, ("name", "routeros"), ("version", ""), ("build-time", ""), ("scheduled", ""), ("disabled", "false"), ("available", "false"), ("size", "13172736")));
        Packages.Add(new Row(2, ("name", "container"), ("version", ""), ("build-time", ""), ("scheduled", ""), ("disabled", "true"), ("available", "false"), ("size", "102400")));

        // The built-in full "admin"; a login user of another name is a read-only account, as MikroTik advises for monitoring.
        Users.Clear();
        Users.Add(new Row(1, ("name", "admin"), ("group", "full"), ("address", ""), ("disabled", "false"), ("expired", "false"), ("comment", "system default user")));
        Passwords["admin"] = LoginUser == "admin" ? _loginPassword : "lab-admin-pw";
        if (LoginUser != "admin")
        {
            Users.Add(new Row(2, ("name", LoginUser), ("group", "read"), ("address", ""), ("disabled", "false"), ("expired", "false"), ("comment", "flaxguard")));
            Passwords[LoginUser] = _loginPassword;
        }
        // A camera-viewing colleague with a read-only account: the one an intruder would rather promote than add.
        if (LoginUser != "viewer")
        {
            Users.Add(new Row(4, ("name", "viewer"), ("group", "read"), ("address", ""), ("disabled", "false"), ("expired", "false"), ("comment", "front desk")));
            Passwords["viewer"] = "lab-viewer-pw";
        }
        if (LoginUser != "old-tech")
        {
            Users.Add(new Row(3, ("name", "old-tech"), ("group", "full"), ("address", ""), ("disabled", "true"), ("expired", "false"), ("comment", "left 2025")));
            Passwords["old-tech"] = "lab-old-tech-pw";
        }

        SshKeys.Clear();
        SshKeys.Add(SshKeyRow(1, AdminUser, "ed25519", "256", Ed25519Blob(1), "admin@lab-laptop"));

        Services.Clear();
        Services.Add(ServiceRow(1, "telnet", 23, "", disabled: true));
        Services.Add(ServiceRow(2, "ftp", 21, "", disabled: true));
        Services.Add(ServiceRow(3, "www", _wwwPort, Lan + ",127.0.0.0/8", disabled: false));
        Services.Add(ServiceRow(4, "ssh", 22, Lan, disabled: false));
        Services.Add(ServiceRow(5, "www-ssl", 443, "", disabled: true, ssl: true));
        Services.Add(ServiceRow(6, "api", 8728, "", disabled: true));
        Services.Add(ServiceRow(7, "winbox", 8291, Lan, disabled: false));
        Services.Add(ServiceRow(8, "api-ssl", 8729, "", disabled: true, ssl: true));

        Dns.Clear();
        foreach (var (k, v) in new[]
        {
            ("allow-remote-requests", "false"), ("cache-max-ttl", "1w"), ("cache-size", "2048"), ("cache-used", "0"),
            ("dynamic-servers", "198.51.100.1"), ("max-concurrent-queries", "100"), ("max-concurrent-tcp-sessions", "20"),
            ("max-udp-packet-size", "4096"), ("query-server-timeout", "2s"), ("query-total-timeout", "10s"),
            ("servers", "192.0.2.53,198.51.100.53"), ("use-doh-server", ""), ("verify-doh-cert", "false"),
        }) Dns[k] = v;

        Nat.Clear();
        Nat.Add(new Row(1, ("chain", "srcnat"), ("action", "masquerade"), ("out-interface", "ether1"), ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "defconf: masquerade")));
        Nat.Add(new Row(2, ("chain", "dstnat"), ("action", "dst-nat"), ("protocol", "tcp"), ("dst-port", "8443"), ("in-interface", "ether1"), ("to-addresses", "100.64.88.20"), ("to-ports", "443"), ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "nas")));
        Nat.Add(new Row(3, ("chain", "dstnat"), ("action", "dst-nat"), ("protocol", "udp"), ("dst-port", "51820"), ("in-interface", "ether1"), ("to-addresses", "100.64.88.21"), ("disabled", "true"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "old vpn, off")));

        Scripts.Clear();
        Scripts.Add(new Row(1, ("name", "backup-config"), ("owner", AdminUser), ("policy", "ftp,read,write,policy,test,sensitive"), ("dont-require-permissions", "false"),
            ("source", "/system backup save name=nightly dont-encrypt=no\n/export file=nightly"), ("invalid", "false"), ("comment", "")));

        Schedulers.Clear();
        Schedulers.Add(new Row(1, ("name", "nightly-backup"), ("start-date", "2026-01-01"), ("start-time", "03:00:00"), ("interval", "1d00:00:00"), ("on-event", "backup-config"),
            ("owner", AdminUser), ("policy", "ftp,read,write,policy,test,sensitive"), ("disabled", "false"), ("comment", "")));

        Socks.Clear();
        foreach (var (k, v) in new[] { ("auth-method", "none"), ("connection-idle-timeout", "2m"), ("enabled", "false"), ("max-connections", "200"), ("port", "1080"), ("version", "4"), ("vrf", "main") })
            Socks[k] = v;

        Proxy.Clear();
        foreach (var (k, v) in new[]
        {
            ("always-from-cache", "false"), ("anonymous", "false"), ("cache-administrator", "webmaster"), ("cache-hit-dscp", "4"), ("cache-on-disk", "false"),
            ("cache-path", "web-proxy"), ("enabled", "false"), ("max-cache-object-size", "2048KiB"), ("max-cache-size", "unlimited"), ("max-client-connections", "600"),
            ("max-fresh-time", "3d"), ("max-server-connections", "600"), ("parent-proxy", "::"), ("parent-proxy-port", "0"), ("port", "8080"),
            ("serialize-connections", "false"), ("src-address", "::"),
        }) Proxy[k] = v;

        ResetIssue13();
        ResetDepth();
        ResetFourth();

        Leases.Clear();
        Leases.Add(LeaseRow(1, "100.64.88.50", "AA:BB:CC:00:00:01", "laptop"));
        Leases.Add(LeaseRow(2, "100.64.88.51", "AA:BB:CC:00:00:02", "phone"));
    }

    // The menus issue 13 added: groups, static DNS, firewall, files, netwatch, logging, tunnels, cloud, UPnP, SNMP, sniffer, device-mode.
    private void ResetIssue13()
    {
        InstallationStatus = "installation is ok";
        NoDeviceMode = false;
        Groups.Clear();
        const string all = "local,telnet,ssh,ftp,reboot,read,write,policy,test,winbox,password,web,sniff,sensitive,api,romon,rest-api";
        Groups.Add(new Row(1, ("name", "read"), ("policy", "local,telnet,ssh,reboot,read,test,winbox,password,web,sniff,sensitive,api,romon,rest-api,!ftp,!write,!policy"), ("skin", "default"), ("comment", "")));
        Groups.Add(new Row(2, ("name", "write"), ("policy", "local,telnet,ssh,reboot,read,write,test,winbox,password,web,sniff,sensitive,api,romon,rest-api,!ftp,!policy"), ("skin", "default"), ("comment", "")));
        Groups.Add(new Row(3, ("name", "full"), ("policy", all), ("skin", "default"), ("comment", "")));

        DnsStatic.Clear();
        DnsStatic.Add(new Row(1, ("name", "router.lan"), ("address", "100.64.88.1"), ("type", "A"), ("ttl", "1d"), ("disabled", "false"), ("dynamic", "false")));
        DnsStatic.Add(new Row(2, ("name", "laptop.lan"), ("address", "100.64.88.50"), ("type", "A"), ("ttl", "10m"), ("disabled", "false"), ("dynamic", "true")));

        Filter.Clear();
        Filter.Add(FilterRow(1, ("chain", "input"), ("action", "accept"), ("connection-state", "established,related,untracked"), ("comment", "defconf: accept established,related,untracked")));
        Filter.Add(FilterRow(2, ("chain", "input"), ("action", "drop"), ("connection-state", "invalid"), ("comment", "defconf: drop invalid")));
        Filter.Add(FilterRow(3, ("chain", "input"), ("action", "accept"), ("protocol", "icmp"), ("comment", "defconf: accept ICMP")));
        // The owner's own: Winbox from the addresses of the "mgmt" list (the list an intruder would rather add to than add a rule).
        Filter.Add(FilterRow(7, ("chain", "input"), ("action", "accept"), ("protocol", "tcp"), ("dst-port", "8291"), ("src-address-list", "mgmt"), ("comment", "winbox from mgmt")));
        Filter.Add(FilterRow(4, ("chain", "input"), ("action", "drop"), ("in-interface-list", "!LAN"), ("comment", "defconf: drop all not coming from LAN")));
        Filter.Add(FilterRow(5, ("chain", "forward"), ("action", "fasttrack-connection"), ("connection-state", "established,related"), ("hw-offload", "true"), ("comment", "defconf: fasttrack")));
        Filter.Add(FilterRow(6, ("chain", "forward"), ("action", "drop"), ("connection-nat-state", "!dstnat"), ("connection-state", "new"), ("in-interface-list", "WAN"), ("comment", "defconf: drop all from WAN not DSTNATed")));

        Files.Clear();
        Files.Add(FileRow(1, "flash", "directory", null));
        Files.Add(FileRow(2, "flash/nightly.backup", "backup", null));
        Files.Add(FileRow(3, "flash/nightly.rsc", "script", "# exported by backup-config\n/system identity set name=lab-rb5009\n"));
        Files.Add(FileRow(4, "flash/skins", "directory", null));

        Netwatch.Clear();
        Netwatch.Add(new Row(1, ("host", "100.64.88.20"), ("type", "simple"), ("interval", "1m"), ("timeout", "1s"), ("up-script", ""), ("down-script", "/log warning \"nas down\""), ("test-script", ""),
            ("disabled", "false"), ("status", "up"), ("since", ""), ("comment", "nas")));

        PppProfiles.Clear();
        PppProfiles.Add(new Row(1, ("name", "default"), ("local-address", ""), ("remote-address", ""), ("on-up", ""), ("on-down", ""), ("use-encryption", "default"), ("default", "true")));
        PppProfiles.Add(new Row(2, ("name", "default-encryption"), ("local-address", ""), ("remote-address", ""), ("on-up", ""), ("on-down", ""), ("use-encryption", "yes"), ("default", "true")));
        DhcpServers.Clear();
        DhcpServers.Add(new Row(1, ("name", "defconf"), ("interface", "bridge"), ("address-pool", "default-dhcp"), ("lease-time", "30m"), ("lease-script", ""),
            ("disabled", "false"), ("dynamic", "false"), ("invalid", "false")));
        DhcpClientScript = "";

        LoggingActions.Clear();
        LoggingActions.Add(new Row(1, ("name", "memory"), ("target", "memory"), ("memory-lines", "1000"), ("default", "true")));
        LoggingActions.Add(new Row(2, ("name", "disk"), ("target", "disk"), ("disk-file-name", "flash/log"), ("default", "true")));
        LoggingActions.Add(new Row(3, ("name", "echo"), ("target", "echo"), ("remember", "true"), ("default", "true")));
        LoggingActions.Add(new Row(4, ("name", "remote"), ("target", "remote"), ("remote", "0.0.0.0"), ("remote-port", "514"), ("src-address", "0.0.0.0"), ("default", "true")));
        LoggingActions.Add(new Row(5, ("name", "siem"), ("target", "remote"), ("remote", "100.64.88.30"), ("remote-port", "514"), ("src-address", "0.0.0.0"), ("default", "false")));

        PppSecrets.Clear();
        PppSecrets.Add(new Row(1, ("name", "roadwarrior"), ("service", "l2tp"), ("profile", "default-encryption"), ("remote-address", "100.64.89.10"), ("password", "lab-ppp-pw"),
            ("caller-id", ""), ("routes", ""), ("disabled", "false"), ("last-logged-out", "")));

        WireGuardPeers.Clear();
        WireGuardPeers.Add(new Row(1, ("interface", "wg-home"), ("public-key", Convert.ToBase64String(LabBytes("wg", 1, 32))), ("allowed-address", "100.64.90.2/32"),
            ("endpoint-address", ""), ("endpoint-port", "0"), ("preshared-key", "lab-psk"), ("persistent-keepalive", "25s"), ("disabled", "false"), ("dynamic", "false"),
            ("rx", "0"), ("tx", "0"), ("last-handshake", ""), ("current-endpoint-address", ""), ("current-endpoint-port", "0")));

        SnmpCommunities.Clear();
        SnmpCommunities.Add(new Row(1, ("name", "public"), ("addresses", "100.64.88.0/24"), ("read-access", "true"), ("write-access", "false"), ("security", "none"),
            ("authentication-password", ""), ("encryption-password", ""), ("disabled", "false"), ("default", "true")));

        OvpnServers.Clear();
        OvpnServers.Add(new Row(1, ("name", "ovpn-server1"), ("port", "1194"), ("mode", "ip"), ("certificate", "none"), ("disabled", "true")));

        // The owner's own: an SSTP client to the head office and an EoIP link to the branch; the password is in the row and must never be read.
        SstpClients.Clear();
        SstpClients.Add(new Row(1, ("name", "sstp-hq"), ("connect-to", "vpn.hq.example"), ("user", "branch7"), ("password", "lab-sstp-pw"), ("profile", "default-encryption"),
            ("disabled", "false"), ("running", "true"), ("uptime", "")));
        L2tpClients.Clear();
        EoipTunnels.Clear();
        EoipTunnels.Add(new Row(1, ("name", "eoip-branch"), ("remote-address", "100.64.91.1"), ("tunnel-id", "7"), ("mtu", "auto"), ("actual-mtu", "1458"), ("disabled", "false"), ("running", "true")));
        GreTunnels.Clear();
        Romon.Clear();
        foreach (var (k, v) in new[] { ("enabled", "false"), ("id", "00:00:00:00:00:00"), ("secrets", "") }) Romon[k] = v;

        Cloud.Clear();
        foreach (var (k, v) in new[] { ("back-to-home-vpn", "revoked-and-disabled"), ("ddns-enabled", "no"), ("ddns-update-interval", "none"), ("update-time", "yes"), ("status", "") })
            Cloud[k] = v;
        Upnp.Clear();
        foreach (var (k, v) in new[] { ("allow-disable-external-interface", "false"), ("enabled", "false"), ("show-dummy-rule", "true") }) Upnp[k] = v;
        Snmp.Clear();
        foreach (var (k, v) in new[] { ("contact", ""), ("enabled", "true"), ("engine-id", "80003a8c04"), ("location", "rack"), ("trap-community", "public"), ("trap-version", "1") }) Snmp[k] = v;
        Sniffer.Clear();
        foreach (var (k, v) in new[] { ("filter-stream", "false"), ("memory-limit", "100KiB"), ("only-headers", "false"), ("running", "false"), ("streaming-enabled", "false"), ("streaming-server", "0.0.0.0:37008") })
            Sniffer[k] = v;
        DeviceMode.Clear();
        foreach (var (k, v) in new[]
        {
            ("attempt-count", "0"), ("bandwidth-test", "true"), ("container", "false"), ("email", "true"), ("fetch", "true"), ("flagged", "false"), ("hotspot", "true"),
            ("install-any-version", "false"), ("ipsec", "true"), ("l2tp", "true"), ("mode", "advanced"), ("partitions", "false"), ("pptp", "true"), ("proxy", "true"),
            ("romon", "true"), ("routerboard", "false"), ("scheduler", "true"), ("smb", "true"), ("sniffer", "true"), ("socks", "true"), ("traffic-gen", "false"), ("zerotier", "true"),
        }) DeviceMode[k] = v;
        PptpServer.Clear();
        foreach (var (k, v) in new[] { ("authentication", "mschap1,mschap2"), ("default-profile", "default-encryption"), ("enabled", "false"), ("keepalive-timeout", "30"), ("max-mru", "1450"), ("max-mtu", "1450") })
            PptpServer[k] = v;
        L2tpServer.Clear();
        foreach (var (k, v) in new[] { ("authentication", "mschap2"), ("default-profile", "default-encryption"), ("enabled", "true"), ("use-ipsec", "required"), ("max-mru", "1450"), ("max-mtu", "1450") })
            L2tpServer[k] = v;
        SstpServer.Clear();
        foreach (var (k, v) in new[] { ("authentication", "mschap2"), ("certificate", "none"), ("default-profile", "default"), ("enabled", "false"), ("port", "443") })
            SstpServer[k] = v;
    }

    // Issue 13's third round, as a small office's RB5009 with defconf has them.
    private void ResetDepth()
    {
        AbsentMenus.Clear();
        DhcpNetworks.Clear();
        DhcpNetworks.Add(new Row(1, ("address", "100.64.88.0/24"), ("gateway", "100.64.88.1"), ("dns-server", ""), ("dns-none", "false"), ("ntp-server", ""), ("domain", "lan"), ("comment", "defconf")));
        Mangle.Clear();
        Mangle.Add(FilterRow(1, ("chain", "forward"), ("action", "change-mss"), ("new-mss", "clamp-to-pmtu"), ("protocol", "tcp"), ("tcp-flags", "syn"), ("passthrough", "true"), ("comment", "pppoe mss")));
        Raw.Clear();
        Raw.Add(FilterRow(1, ("chain", "prerouting"), ("action", "drop"), ("src-address-list", "bogons"), ("in-interface-list", "WAN"), ("comment", "drop bogons")));
        Routes.Clear();
        Routes.Add(RouteRow(1, "100.64.92.0/24", "100.64.88.254", dynamic: false));
        Routes.Add(RouteRow(2, "0.0.0.0/0", "198.51.100.1", dynamic: true));
        Routes.Add(RouteRow(3, "100.64.88.0/24", "bridge", dynamic: true));
        RoutingRules.Clear();
        ProxyAccess.Clear();
        SocksAccess.Clear();
        FlowTargets.Clear();
        IpsecPeers.Clear();
        IpsecIdentities.Clear();
        Containers.Clear();
        Certificates.Clear();
        Certificates.Add(CertificateRow(1, "local-root", "lab-rb5009 CA", authority: true, trusted: true));
        Certificates.Add(CertificateRow(2, "webfig", "router.lan", authority: false, trusted: true));
        LoggingRules.Clear();
        LoggingRules.Add(new Row(1, ("topics", "info"), ("action", "memory"), ("prefix", ""), ("disabled", "false"), ("invalid", "false"), ("default", "true")));
        LoggingRules.Add(new Row(2, ("topics", "error"), ("action", "memory"), ("prefix", ""), ("disabled", "false"), ("invalid", "false"), ("default", "true")));
        LoggingRules.Add(new Row(3, ("topics", "warning"), ("action", "memory"), ("prefix", ""), ("disabled", "false"), ("invalid", "false"), ("default", "true")));
        LoggingRules.Add(new Row(4, ("topics", "critical"), ("action", "echo"), ("prefix", ""), ("disabled", "false"), ("invalid", "false"), ("default", "true")));
        LoggingRules.Add(new Row(5, ("topics", "account,system"), ("action", "siem"), ("prefix", ""), ("disabled", "false"), ("invalid", "false"), ("default", "false")));
        Set(MacServer, ("allowed-interface-list", "LAN"));
        Set(MacWinbox, ("allowed-interface-list", "LAN"));
        Set(BandwidthServer, ("allocate-udp-ports-from", "2000"), ("authenticate", "true"), ("enabled", "true"), ("max-sessions", "100"));
        Set(Smb, ("comment", "MikrotikSMB"), ("domain", "MSHOME"), ("enabled", "no"), ("interfaces", "all"));
        Set(TrafficFlow, ("active-flow-timeout", "30m"), ("cache-entries", "32k"), ("enabled", "false"), ("inactive-flow-timeout", "15s"), ("interfaces", "all"),
            ("packet-sampling", "false"), ("sampling-interval", "0"), ("sampling-space", "0"));
        Set(UserSettings, ("minimum-categories", "2"), ("minimum-password-length", "10"));
    }

    // Issue 13's fourth round, as defconf and a careful owner leave them: the IPv6 defconf filter with its bad_ipv6 list,
    // a "mgmt" list that Winbox accepts, a port-scan list the router fills by itself, RouterOS's SSH defaults, no RADIUS, NTP on.
    private void ResetFourth()
    {
        AddressLists.Clear();
        AddressLists.Add(AddressListRow(1, "mgmt", "100.64.88.10", dynamic: false, "office pc"));
        AddressLists.Add(AddressListRow(2, "bogons", "192.0.2.0/24", dynamic: false, "TEST-NET-1"));
        AddressLists.Add(AddressListRow(3, "port-scanners", "198.51.100.99", dynamic: true, ""));
        AddressLists6.Clear();
        AddressLists6.Add(AddressListRow(1, "bad_ipv6", "::/128", dynamic: false, "defconf: unspecified address"));
        AddressLists6.Add(AddressListRow(2, "bad_ipv6", "2001:db8::/32", dynamic: false, "defconf: documentation"));
        AddressLists6.Add(AddressListRow(3, "mgmt6", "fd00:64:88::10", dynamic: false, "office pc"));
        Filter6.Clear();
        Filter6.Add(FilterRow(1, ("chain", "input"), ("action", "accept"), ("connection-state", "established,related,untracked"), ("comment", "defconf: accept established,related,untracked")));
        Filter6.Add(FilterRow(2, ("chain", "input"), ("action", "drop"), ("connection-state", "invalid"), ("comment", "defconf: drop invalid")));
        Filter6.Add(FilterRow(3, ("chain", "input"), ("action", "accept"), ("protocol", "icmpv6"), ("comment", "defconf: accept ICMPv6")));
        Filter6.Add(FilterRow(4, ("chain", "input"), ("action", "accept"), ("protocol", "udp"), ("dst-port", "546"), ("src-address", "fe80::/10"), ("comment", "defconf: accept DHCPv6-Client prefix delegation")));
        Filter6.Add(FilterRow(5, ("chain", "input"), ("action", "accept"), ("protocol", "tcp"), ("dst-port", "8291"), ("src-address-list", "mgmt6"), ("comment", "winbox from mgmt6")));
        Filter6.Add(FilterRow(6, ("chain", "input"), ("action", "drop"), ("in-interface-list", "!LAN"), ("comment", "defconf: drop everything else not coming from LAN")));
        Filter6.Add(FilterRow(7, ("chain", "forward"), ("action", "drop"), ("src-address-list", "bad_ipv6"), ("comment", "defconf: drop bad src IPs")));
        Filter6.Add(FilterRow(8, ("chain", "forward"), ("action", "drop"), ("in-interface-list", "!LAN"), ("comment", "defconf: drop everything else not coming from LAN")));
        Nat6.Clear();
        Routes6.Clear();
        Routes6.Add(RouteRow(1, "::/0", "fe80::1%ether1", dynamic: true));
        Routes6.Add(RouteRow(2, "fd00:64:88::/64", "bridge", dynamic: true));
        RadiusServers.Clear();
        Set(Ssh, ("allow-none-crypto", "false"), ("always-allow-password-login", "false"), ("forwarding-enabled", "no"), ("host-key-size", "2048"), ("host-key-type", "rsa"),
            ("strong-crypto", "false"));
        Set(UserAaa, ("accounting", "true"), ("default-group", "read"), ("exclude-groups", ""), ("interim-update", "0s"), ("use-radius", "false"));
        Set(NtpClient, ("enabled", "true"), ("mode", "unicast"), ("servers", "time.example,192.0.2.123"), ("vrf", "main"), ("status", "synchronized"),
            ("synced-server", "192.0.2.123"), ("synced-stratum", "2"), ("freq-drift", "0.2 PPM"), ("system-offset", "0.1 ms"));
    }

    public static Row AddressListRow(int serial, string list, string address, bool dynamic, string comment)
    {
        var row = new Row(serial, ("list", list), ("address", address), ("creation-time", "2026-01-02 03:04:05"), ("disabled", "false"), ("dynamic", dynamic ? "true" : "false"));
        if (dynamic) row["timeout"] = "23:59:41";
        if (comment.Length > 0) row["comment"] = comment;
        return row;
    }

    private static void Set(SortedDictionary<string, string> settings, params (string Key, string Value)[] fields)
    {
        settings.Clear();
        foreach (var (k, v) in fields) settings[k] = v;
    }

    public static Row RouteRow(int serial, string dst, string gateway, bool dynamic, string table = "main") =>
        new(serial, ("dst-address", dst), ("gateway", gateway), ("routing-table", table), ("distance", dynamic && gateway.Contains('.') ? "1" : dynamic ? "0" : "1"),
            ("scope", "30"), ("target-scope", "10"), ("disabled", "false"), ("dynamic", dynamic ? "true" : "false"), ("static", dynamic ? "false" : "true"),
            ("active", "true"), ("inactive", "false"), ("immediate-gw", gateway.Contains('.') ? gateway + "%bridge" : gateway), ("suppress-hw-offload", "false"));

    public static Row CertificateRow(int serial, string name, string commonName, bool authority, bool trusted) =>
        new(serial, ("name", name), ("common-name", commonName), ("authority", authority ? "true" : "false"), ("trusted", trusted ? "true" : "false"),
            ("private-key", name == "imported-ca" ? "false" : "true"), ("crl", "false"), ("key-type", "rsa"), ("key-size", "2048"), ("key-usage", authority ? "key-cert-sign,crl-sign" : "tls-server"),
            ("fingerprint", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("lab-cert-" + name)))), ("invalid-before", "2026-01-02 03:04:05"),
            ("invalid-after", "2036-01-02 03:04:05"), ("expires-after", ""), ("serial-number", serial.ToString("X8", CultureInfo.InvariantCulture)));

    public static Row FilterRow(int serial, params (string Key, string Value)[] fields)
    {
        var row = new Row(serial, fields);
        foreach (var (k, v) in new[] { ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", "") })
            row.Fields.TryAdd(k, v);
        return row;
    }

    public static Row FileRow(int serial, string name, string type, string? contents)
    {
        var row = new Row(serial, ("name", name), ("type", type), ("size", contents is null ? "0" : contents.Length.ToString(CultureInfo.InvariantCulture)),
            ("creation-time", "2026-01-02 03:04:05"), ("last-modified", "2026-01-02 03:04:05"));
        if (contents is not null) row["contents"] = contents;
        return row;
    }

    public static Row ServiceRow(int serial, string name, int port, string address, bool disabled, bool ssl = false)
    {
        var row = new Row(serial, ("name", name), ("port", port.ToString(CultureInfo.InvariantCulture)), ("address", address), ("disabled", disabled ? "true" : "false"),
            ("invalid", "false"), ("dynamic", "false"), ("max-sessions", "20"), ("proto", "tcp"), ("vrf", "main"));
        if (ssl)
        {
            row["certificate"] = "none";
            row["tls-version"] = "any";
        }
        return row;
    }

    public static Row SshKeyRow(int serial, string user, string type, string bits, byte[] blob, string comment) =>
        new(serial, ("user", user), ("key-type", type), ("bits", bits), ("fingerprint", Fingerprint(blob)), ("key-owner", comment));

    public static Row LeaseRow(int serial, string address, string mac, string host) =>
        new(serial, ("address", address), ("mac-address", mac), ("client-id", "1:" + mac.ToLowerInvariant()), ("host-name", host), ("server", "defconf"),
            ("status", "bound"), ("dynamic", "true"), ("disabled", "false"), ("blocked", "false"), ("radius", "false"));

    /// <summary>OpenSSH's fingerprint form: "SHA256:" and the SHA-256 of the key blob in base64 without padding.</summary>
    public static string Fingerprint(byte[] blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    /// <summary>An ssh-ed25519 public key blob (RFC 8709 wire form) with lab key bytes.</summary>
    public static byte[] Ed25519Blob(int seed) => SshBlob("ssh-ed25519", LabBytes("ed25519", seed, 32));

    /// <summary>An ssh-rsa public key blob (RFC 4253 wire form: e, n) with a 2048-bit lab modulus.</summary>
    public static byte[] RsaBlob(int seed)
    {
        var modulus = LabBytes("rsa", seed, 256);
        modulus[0] |= 0x80;
        return SshBlob("ssh-rsa", [0x01, 0x00, 0x01], [0x00, .. modulus]);
    }

    private static byte[] SshBlob(string type, params byte[][] parts)
    {
        var buffer = new List<byte>();
        void Put(byte[] data)
        {
            buffer.AddRange([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
            buffer.AddRange(data);
        }
        Put(Encoding.ASCII.GetBytes(type));
        foreach (var part in parts) Put(part);
        return [.. buffer];
    }

    public static byte[] LabBytes(string label, int seed, int count)
    {
        var result = new byte[count];
        for (var offset = 0; offset < count; offset += 32)
        {
            var block = SHA256.HashData(Encoding.ASCII.GetBytes($"flaxguard-lab-{label}-{seed}-{offset}"));
            Array.Copy(block, 0, result, offset, Math.Min(32, count - offset));
        }
        return result;
    }

    /// <summary>RouterOS's uptime form, e.g. "3d4h30m0s".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        var sb = new StringBuilder();
        if (span.Days >= 7) sb.Append(span.Days / 7).Append('w');
        if (span.Days % 7 > 0) sb.Append(span.Days % 7).Append('d');
        if (span.Hours > 0) sb.Append(span.Hours).Append('h');
        if (span.Minutes > 0) sb.Append(span.Minutes).Append('m');
        sb.Append(span.Seconds).Append('s');
        return sb.ToString();
    }

    public static string Stamp(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>RouterOS ".id": "*" and a hex serial.</summary>
    public string Id(Row row) => "*" + (row.Serial + IdShift).ToString("X", CultureInfo.InvariantCulture);

    public string ShortVersion => Version.Split(' ')[0];
}
