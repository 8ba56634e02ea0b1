namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>One uci section: named or anonymous, options in file order; a value is a string (option) or a list.</summary>
public sealed class UciSectionState(string? name, string type)
{
    /// <summary>Null for anonymous sections; rpcd then shows a generated "cfgXXXXXX" name that depends on the position.</summary>
    public string? Name { get; } = name;

    public string Type { get; } = type;

    public List<KeyValuePair<string, object>> Options { get; } = [];

    public UciSectionState Set(string option, string value)
    {
        Remove(option);
        Options.Add(new(option, value));
        return this;
    }

    public UciSectionState List(string option, params string[] values)
    {
        Remove(option);
        Options.Add(new(option, values.ToList()));
        return this;
    }

    public object? Get(string option) => Options.FirstOrDefault(o => o.Key == option).Value;

    public void Remove(string option) => Options.RemoveAll(o => o.Key == option);
}

/// <summary>
/// An rpcd ACL group (a file in /usr/share/rpcd/acl.d), read permission only: what the twin serves is read-only.
/// <see cref="Files"/> are path patterns granted "read", <see cref="FileLists"/> path patterns granted "list"
/// (luci-base's luci-access grants "/" and "/*", which fnmatch without FNM_PATHNAME lets match every path);
/// <see cref="CgiIo"/> lists the cgi-io functions it grants ("download", "backup", "exec"), <see cref="FileExecs"/> the
/// command lines (or executables) granted "exec".
/// </summary>
public sealed record AclGroup(string Name, IReadOnlyDictionary<string, string[]> Ubus, IReadOnlyList<string> UciConfigs, IReadOnlyList<string> Files,
    IReadOnlyList<string>? FileLists = null, IReadOnlyList<string>? CgiIo = null, IReadOnlyList<string>? FileExecs = null);

/// <summary>One entry of the overlay's upper layer: "file", "directory", "symlink" or "char" (a whiteout: a deleted ROM file).</summary>
public sealed record OverlayEntry(string Type, long Size, string? Target = null);

/// <summary>A process as luci.sys process_list reports it; <see cref="Exe"/> is what /proc/PID/exe points to.</summary>
public sealed record TwinProcess(int Pid, int Ppid, string User, string Command, string Exe);

/// <summary>An init script as rpcd's "rc list" reports it.</summary>
public sealed record InitScript(string Name, int Start, int? Stop, bool Enabled, bool Running);

/// <summary>
/// Everything the twin's ubus objects report: uci configs as OpenWrt 23.05 ships them, system board, files,
/// init scripts, volatile values (uptime, clock offset, memory, counters, leases) and the rpcd ACL groups.
/// Not thread-safe on its own: <see cref="OpenWrtTwin"/> locks around it.
/// </summary>
public sealed partial class OpenWrtTwinState
{
    public const string AuthorizedKeysPath = "/etc/dropbear/authorized_keys";
    public const string LeasesPath = "/tmp/dhcp.leases";
    public const string OwnerKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHQ0bGFiT3duZXJLZXlPbmx5Rm9yVGVzdHNBQUFBQUFB owner@office-laptop";
    public const string IntruderKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDlabIntruderKeyNotARealKeyButShapedLikeOneAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA root@vps";

    public const string SecondIntruderKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGxhYlNlY29uZEludHJ1ZGVyS2V5Tm90UmVhbEF0QWxsQUFB backup@host";

    public Dictionary<string, List<UciSectionState>> Configs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
    public List<InitScript> InitScripts { get; } = [];
    public Dictionary<string, AclGroup> AclGroups { get; } = new(StringComparer.Ordinal);

    /// <summary>The raw flash /proc/mtd lists and cgi-io streams; the factory one is a small NOR layout.</summary>
    public TwinFlash Flash { get; set; } = TwinFlash.Factory();

    /// <summary>/overlay/upper, by path below it ("/usr/bin/wg"); folders are implied by the paths, listed in insertion order.</summary>
    public List<KeyValuePair<string, OverlayEntry>> Overlay { get; } = [];

    public List<TwinProcess> Processes { get; } = [];

    /// <summary>DNS servers the WAN learned by DHCP (network.interface dump "dns-server"; /tmp/resolv.conf.d/resolv.conf.auto).</summary>
    public List<string> LearnedDns { get; } = ["192.0.2.53", "192.0.2.54"];

    /// <summary>Whether folder listings come in another order (readdir order is the file system's, not sorted).</summary>
    public bool ListingShuffled { get; set; }

    /// <summary>Plain passwords of the rpcd logins, by user (the uci "password" field shows only "$p$user").</summary>
    public Dictionary<string, string> Passwords { get; } = new(StringComparer.Ordinal);

    public string BoardName { get; set; } = "linksys,e8450-ubi";
    public string Model { get; set; } = "Linksys E8450 (UBI)";
    public string Kernel { get; set; } = "5.15.167";
    public string Distribution { get; set; } = "OpenWrt";
    public string Version { get; set; } = "23.05.5";
    public string Revision { get; set; } = "r24106-10cc5fcd00";
    public string Target { get; set; } = "mediatek/mt7622";

    // Volatile: a real router changes these by itself.
    public long BootUptimeBase { get; set; } = 86_400 * 3 + 4711;
    public long ClockOffsetSeconds { get; set; }
    public long MemoryFree { get; set; } = 389_283_840;
    public long RxBytes { get; set; } = 8_123_456_789;
    public long TxBytes { get; set; } = 912_345_678;
    public List<(string Mac, string Address, string Host, long Expires)> Leases { get; } = [];

    /// <summary>Whether lists are served reversed, sections reversed and options reversed (the "reorder" churn).</summary>
    public bool Reordered { get; set; }

    /// <summary>Whether case-insensitive values are served in other case and lists as blank-separated strings where OpenWrt accepts both.</summary>
    public bool Respelled { get; set; }

    public static OpenWrtTwinState Factory(string user, string password)
    {
        var s = new OpenWrtTwinState();
        s.Passwords[user] = password;
        s.Configs["system"] =
        [
            new UciSectionState(null, "system").Set("hostname", "OfficeRouter").Set("timezone", "UTC").Set("ttylogin", "0").Set("log_size", "128").Set("urandom_seed", "0"),
            new UciSectionState("ntp", "timeserver").Set("enabled", "1").Set("enable_server", "0")
                .List("server", "0.openwrt.pool.ntp.org", "1.openwrt.pool.ntp.org", "2.openwrt.pool.ntp.org", "3.openwrt.pool.ntp.org"),
        ];
        s.Configs["network"] =
        [
            new UciSectionState("loopback", "interface").Set("device", "lo").Set("proto", "static").Set("ipaddr", "127.0.0.1").Set("netmask", "255.0.0.0"),
            new UciSectionState("globals", "globals").Set("ula_prefix", "fd5e:1a2b:3c4d::/48"),
            new UciSectionState(null, "device").Set("name", "br-lan").Set("type", "bridge").List("ports", "lan1", "lan2", "lan3", "lan4"),
            new UciSectionState("lan", "interface").Set("device", "br-lan").Set("proto", "static").Set("ipaddr", "192.168.1.1").Set("netmask", "255.255.255.0").Set("ip6assign", "60"),
            new UciSectionState("wan", "interface").Set("device", "wan").Set("proto", "dhcp").Set("peerdns", "0").List("dns", "9.9.9.9", "2620:fe::fe"),
            new UciSectionState("wan6", "interface").Set("device", "wan").Set("proto", "dhcpv6"),
        ];
        s.Configs["firewall"] =
        [
            new UciSectionState(null, "defaults").Set("syn_flood", "1").Set("input", "REJECT").Set("output", "ACCEPT").Set("forward", "REJECT"),
            new UciSectionState(null, "zone").Set("name", "lan").List("network", "lan").Set("input", "ACCEPT").Set("output", "ACCEPT").Set("forward", "ACCEPT"),
            new UciSectionState(null, "zone").Set("name", "wan").List("network", "wan", "wan6").Set("input", "REJECT").Set("output", "ACCEPT").Set("forward", "REJECT").Set("masq", "1").Set("mtu_fix", "1"),
            new UciSectionState(null, "forwarding").Set("src", "lan").Set("dest", "wan"),
            new UciSectionState(null, "rule").Set("name", "Allow-DHCP-Renew").Set("src", "wan").Set("proto", "udp").Set("dest_port", "68").Set("target", "ACCEPT").Set("family", "ipv4"),
            new UciSectionState(null, "rule").Set("name", "Allow-Ping").Set("src", "wan").Set("proto", "icmp").Set("icmp_type", "echo-request").Set("family", "ipv4").Set("target", "ACCEPT"),
            new UciSectionState(null, "rule").Set("name", "Allow-IGMP").Set("src", "wan").Set("proto", "igmp").Set("family", "ipv4").Set("target", "ACCEPT"),
            new UciSectionState(null, "rule").Set("name", "Allow-DHCPv6").Set("src", "wan").Set("proto", "udp").Set("dest_port", "546").Set("family", "ipv6").Set("target", "ACCEPT"),
            new UciSectionState(null, "rule").Set("name", "Allow-ICMPv6-Input").Set("src", "wan").Set("proto", "icmp").List("icmp_type", "echo-request", "echo-reply", "destination-unreachable").Set("limit", "1000/sec").Set("family", "ipv6").Set("target", "ACCEPT"),
            new UciSectionState(null, "rule").Set("name", "Allow-IPSec-ESP").Set("src", "wan").Set("dest", "lan").Set("proto", "esp").Set("target", "ACCEPT"),
            new UciSectionState(null, "redirect").Set("name", "NAS-HTTPS").Set("target", "DNAT").Set("src", "wan").Set("dest", "lan").Set("proto", "tcp").Set("src_dport", "8443").Set("dest_ip", "192.168.1.20").Set("dest_port", "443"),
        ];
        s.Configs["rpcd"] =
        [
            new UciSectionState(null, "rpcd").Set("socket", "/var/run/ubus/ubus.sock").Set("timeout", "30"),
            new UciSectionState(null, "login").Set("username", user).Set("password", "$p$" + user).List("read", "*").List("write", "*"),
        ];
        s.Configs["dropbear"] =
        [
            // The owner logs in with a key (authorized_keys below) and switched password logins off.
            new UciSectionState(null, "dropbear").Set("PasswordAuth", "off").Set("RootPasswordAuth", "off").Set("Port", "22"),
        ];
        s.Configs["uhttpd"] =
        [
            new UciSectionState("main", "uhttpd").List("listen_http", "0.0.0.0:80", "[::]:80").List("listen_https", "0.0.0.0:443", "[::]:443")
                .Set("redirect_https", "0").Set("home", "/www").Set("rfc1918_filter", "1").Set("max_requests", "3").Set("max_connections", "100")
                .Set("cert", "/etc/uhttpd.crt").Set("key", "/etc/uhttpd.key").Set("cgi_prefix", "/cgi-bin").Set("script_timeout", "60")
                .Set("network_timeout", "30").Set("http_keepalive", "20").Set("tcp_keepalive", "1").Set("ubus_prefix", "/ubus"),
            new UciSectionState("defaults", "cert").Set("days", "730").Set("key_type", "ec").Set("ec_curve", "P-256").Set("commonname", "OpenWrt"),
        ];
        s.Configs["dhcp"] =
        [
            new UciSectionState(null, "dnsmasq").Set("domainneeded", "1").Set("boguspriv", "1").Set("localise_queries", "1").Set("rebind_protection", "1")
                .Set("local", "/lan/").Set("domain", "lan").Set("expandhosts", "1").Set("cachesize", "1000").Set("authoritative", "1")
                .Set("readethers", "1").Set("leasefile", LeasesPath).Set("localservice", "1").List("server", "9.9.9.9", "/corp.example/192.168.1.53"),
            new UciSectionState("lan", "dhcp").Set("interface", "lan").Set("start", "100").Set("limit", "150").Set("leasetime", "12h").Set("dhcpv4", "server")
                .Set("dhcpv6", "server").Set("ra", "server"),
            new UciSectionState("wan", "dhcp").Set("interface", "wan").Set("ignore", "1"),
            new UciSectionState("odhcpd", "odhcpd").Set("maindhcp", "0").Set("leasefile", "/tmp/hosts/odhcpd").Set("loglevel", "4"),
        ];
        s.Files[AuthorizedKeysPath] = OwnerKey + "\n";
        s.AddPersistenceFactory();
        s.InitScripts.AddRange(
        [
            new InitScript("boot", 10, 90, true, false), new InitScript("dnsmasq", 19, 10, true, true), new InitScript("dropbear", 19, 50, true, true),
            new InitScript("firewall", 19, null, true, true), new InitScript("network", 20, 90, true, true), new InitScript("odhcpd", 35, 85, true, true),
            new InitScript("rpcd", 12, null, true, true), new InitScript("sysntpd", 98, null, true, true), new InitScript("uhttpd", 50, null, true, true),
        ]);
        s.Leases.Add(("3c:22:fb:12:34:56", "192.168.1.143", "laptop", 43_000));
        s.Leases.Add(("a4:83:e7:aa:bb:cc", "192.168.1.187", "phone", 41_500));
        s.AddDefaultAclGroups();
        return s;
    }

    private void AddDefaultAclGroups()
    {
        AclGroups["unauthenticated"] = new("unauthenticated", new Dictionary<string, string[]> { ["session"] = ["access", "login"] }, [], []);
        AclGroups["luci-mod-status"] = new("luci-mod-status", new Dictionary<string, string[]>
        {
            ["system"] = ["board", "info"], ["network.device"] = ["status"], ["luci-rpc"] = ["getDHCPLeases"],
        }, [], []);
        AclGroups["luci-base"] = new("luci-base", new Dictionary<string, string[]> { ["uci"] = ["get", "configs"], ["session"] = ["access", "destroy"] },
            ["*"], []);
        AclGroups["luci-mod-system-sshkeys"] = new("luci-mod-system-sshkeys", new Dictionary<string, string[]> { ["file"] = ["read"] }, [], [AuthorizedKeysPath]);
        AclGroups["luci-mod-system-init"] = new("luci-mod-system-init", new Dictionary<string, string[]> { ["rc"] = ["list"] }, [], []);
        // LuCI luci-mod-system.json "luci-mod-system-flash" read: cgi-io backup/download, file read on the MTD block devices,
        // /proc/mtd, /proc/mounts and /etc/sysupgrade.conf (reference/firmware-integrity.md, section 1a).
        AclGroups["luci-mod-system-flash"] = new("luci-mod-system-flash", new Dictionary<string, string[]> { ["file"] = ["read"] }, [],
            ["/dev/mtdblock[0-9]*", TwinFlash.ProcMtdPath, "/proc/mounts", "/etc/sysupgrade.conf"], CgiIo: ["backup", "download"]);
    }

    /// <summary>Adds an rpcd login with ACL group lists (uci lists, as rpcd requires).</summary>
    public void AddLogin(string user, string password, string[] read, string[] write)
    {
        Passwords[user] = password;
        var section = new UciSectionState(null, "login").Set("username", user).Set("password", "$p$" + user);
        if (read.Length > 0) section.List("read", read);
        if (write.Length > 0) section.List("write", write);
        Configs["rpcd"].Add(section);
    }

    public UciSectionState? Login(string user) =>
        Configs["rpcd"].FirstOrDefault(s => s.Type == "login" && s.Get("username") as string == user);
}
