namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>
/// The files, processes and overlay layer of a stock OpenWrt 23.05 router that the persistence checks read:
/// root's crontab (one owner job), rc.local and /etc/passwd and /etc/hosts as base-files ships them, the process
/// list of a running router, and the overlay's upper layer after first boot (host keys, board.json, the
/// whiteouts of the uci-defaults scripts that ran, one owner-installed package: wireguard-tools).
/// </summary>
public sealed partial class OpenWrtTwinState
{
    public const string CrontabPath = "/etc/crontabs/root";
    public const string RcLocalPath = "/etc/rc.local";
    public const string PasswdPath = "/etc/passwd";
    public const string HostsPath = "/etc/hosts";
    public const string DnsmasqConfPath = "/etc/dnsmasq.conf";
    // What base-files' /etc/dnsmasq.conf holds: commented examples only (the twin's own words).
    public const string StockDnsmasqConf =
        "# Options here are read by dnsmasq in addition to those generated from /etc/config/dhcp.\n" +
        "# Examples:\n#srv-host=_ldap._tcp.example.com,ldap.example.com,389\n#ptr-record=_http._tcp.dns-sd-services,\"Printer\"._http._tcp.dns-sd-services\n";
    public const string ResolvAutoPath = "/tmp/resolv.conf.d/resolv.conf.auto";

    public const string StockRcLocal = "# Put your custom commands here that should be executed once\n# the system init finished. By default this file does nothing.\n\nexit 0\n";

    public const string StockPasswd =
        "root:x:0:0:root:/root:/bin/ash\ndaemon:*:1:1:daemon:/var:/bin/false\nftp:*:55:55:ftp:/home/ftp:/bin/false\n" +
        "network:*:101:101:network:/var:/bin/false\nnobody:*:65534:65534:nobody:/var:/bin/false\nntp:x:123:123:ntp:/var/run/ntp:/bin/false\n" +
        "dnsmasq:x:453:453:dnsmasq:/var/run/dnsmasq:/bin/false\nlogd:x:514:514:logd:/var/run/logd:/bin/false\nubus:x:81:81:ubus:/var/run/ubus:/bin/false\n";

    public const string StockHosts = "127.0.0.1 localhost\n\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n";

    public const string OpkgConfPath = "/etc/opkg.conf";
    public const string DistFeedsPath = "/etc/opkg/distfeeds.conf";
    public const string CustomFeedsPath = "/etc/opkg/customfeeds.conf";
    public const string SysupgradeConfPath = "/etc/sysupgrade.conf";
    public const string KeepDirectory = "/lib/upgrade/keep.d";
    public const string ProfilePath = "/etc/profile";
    public const string RootAuthorizedKeysPath = "/root/.ssh/authorized_keys";

    // base-files and opkg as 23.05.5 ships them for mediatek/mt7622 (package/system/opkg/files, package/base-files/files/etc).
    public const string StockOpkgConf = "dest root /\ndest ram /tmp\nlists_dir ext /var/opkg-lists\noption overlay_root /overlay\noption check_signature\n";
    public const string StockDistFeeds =
        "src/gz openwrt_core https://downloads.openwrt.org/releases/23.05.5/targets/mediatek/mt7622/packages\n" +
        "src/gz openwrt_base https://downloads.openwrt.org/releases/23.05.5/packages/aarch64_cortex-a53/base\n" +
        "src/gz openwrt_luci https://downloads.openwrt.org/releases/23.05.5/packages/aarch64_cortex-a53/luci\n" +
        "src/gz openwrt_packages https://downloads.openwrt.org/releases/23.05.5/packages/aarch64_cortex-a53/packages\n" +
        "src/gz openwrt_routing https://downloads.openwrt.org/releases/23.05.5/packages/aarch64_cortex-a53/routing\n" +
        "src/gz openwrt_telephony https://downloads.openwrt.org/releases/23.05.5/packages/aarch64_cortex-a53/telephony\n";
    public const string StockCustomFeeds = "# add your custom package feeds here\n#\n# src/gz example_feed_name http://www.example.com/path/to/files\n";
    public const string StockSysupgradeConf = "## This file contains files and directories that should\n## be preserved during an upgrade.\n\n# /etc/example.conf\n# /etc/openvpn/\n";
    public const string StockProfile =
        "[ -e /tmp/.failsafe ] && export FAILSAFE=1\n\n[ -f /etc/banner ] && cat /etc/banner\n[ -n \"$FAILSAFE\" ] && cat /etc/banner.failsafe\n\n" +
        "fgrep -sq '/ overlay ro,' /proc/mounts && {\n\techo 'Your JFFS2-partition seems full and overlayfs is mounted read-only.'\n" +
        "\techo 'Please try to remove files from /overlay/upper/... and reboot!'\n}\n\n" +
        "export PATH=\"/usr/sbin:/usr/bin:/sbin:/bin\"\nexport HOME=$(grep -e \"^${USER:-root}:\" /etc/passwd | cut -d \":\" -f 6)\n" +
        "export HOME=${HOME:-/root}\nexport PS1='\\u@\\h:\\w\\$ '\nexport ENV=/etc/shinit\n\n" +
        "case \"$TERM\" in\n\txterm*|rxvt*)\n\t\texport PS1='\\[\\e]0;\\u@\\h: \\w\\a\\]'$PS1\n\t\t;;\nesac\n\n" +
        "[ -n \"$FAILSAFE\" ] || {\n\tfor FILE in /etc/profile.d/*.sh; do\n\t\t[ -e \"$FILE\" ] && . \"$FILE\"\n\tdone\n\tunset FILE\n}\n";

    /// <summary>The owner's own job: a weekly reboot, as the OpenWrt wiki's cron page suggests.</summary>
    public const string OwnerCrontab = "# weekly reboot\n30 3 * * 0 sleep 70 && touch /etc/banner && reboot\n";

    private void AddPersistenceFactory()
    {
        Files[CrontabPath] = OwnerCrontab;
        Files[RcLocalPath] = StockRcLocal;
        Files[PasswdPath] = StockPasswd;
        Files[HostsPath] = StockHosts;
        Files[DnsmasqConfPath] = StockDnsmasqConf;
        Files[ResolvAutoPath] = "";
        Files[OpkgConfPath] = StockOpkgConf;
        Files[DistFeedsPath] = StockDistFeeds;
        Files[CustomFeedsPath] = StockCustomFeeds;
        Files[SysupgradeConfPath] = StockSysupgradeConf;
        Files[ProfilePath] = StockProfile;
        // Files the twin lists but never serves the contents of (no ACL grants reading them).
        RomEntries["/etc/opkg/keys"] = new("directory", 4096);
        foreach (var name in new[] { "base-files-essential", "dropbear", "uhttpd" }) RomEntries[KeepDirectory + "/" + name] = new("file", 96);

        Processes.AddRange(
        [
            new(1, 0, "root", "/sbin/procd", "/sbin/procd"),
            new(2, 0, "root", "[kthreadd]", ""),
            new(3, 2, "root", "[rcu_gp]", ""),
            new(9, 2, "root", "[ksoftirqd/0]", ""),
            new(612, 1, "root", "/sbin/ubusd", "/sbin/ubusd"),
            new(613, 1, "root", "/sbin/askfirst /usr/libexec/login.sh", "/sbin/askfirst"),
            new(1020, 1, "root", "/sbin/urngd", "/sbin/urngd"),
            new(1344, 1, "logd", "/sbin/logd -S 64", "/sbin/logd"),
            new(1402, 1, "root", "/sbin/rpcd -s /var/run/ubus/ubus.sock -t 30", "/sbin/rpcd"),
            new(1701, 1, "root", "/usr/sbin/dropbear -F -P /var/run/dropbear.1.pid -p 22 -K 300 -T 3", "/usr/sbin/dropbear"),
            new(1888, 1, "root", "/usr/sbin/uhttpd -f -h /www -r OfficeRouter -x /cgi-bin -u /ubus -t 60 -T 30 -k 20 -A 1 -n 3 -N 100 -R -p 0.0.0.0:80", "/usr/sbin/uhttpd"),
            new(2044, 1, "root", "/sbin/netifd", "/sbin/netifd"),
            new(2090, 1, "root", "/usr/sbin/odhcpd", "/usr/sbin/odhcpd"),
            new(2301, 2044, "root", "udhcpc -p /var/run/udhcpc-wan.pid -s /lib/netifd/dhcp.script -f -t 0 -i wan -x hostname:OfficeRouter -C -O 121", "/bin/busybox"),
            new(2322, 2044, "root", "odhcp6c -s /lib/netifd/dhcpv6.script -P0 -t120 wan", "/usr/sbin/odhcp6c"),
            new(2533, 1, "ntp", "/sbin/ujail -t 5 -n ntpd -U ntp -G ntp -C /etc/capabilities/ntpd.json -c -u -r /bin/ubus -r /usr/bin/env -r /usr/bin/jshn -r /usr/sbin/ntpd-hotplug -r /usr/share/libubox/jshn.sh -- /usr/sbin/ntpd -n -N -S /usr/sbin/ntpd-hotplug -p 0.openwrt.pool.ntp.org", "/sbin/ujail"),
            new(2790, 1, "dnsmasq", "/usr/sbin/dnsmasq -C /var/etc/dnsmasq.conf.cfg01411c -k -x /var/run/dnsmasq/dnsmasq.cfg01411c.pid", "/usr/sbin/dnsmasq"),
            new(3150, 1, "root", "/usr/sbin/crond -f -c /etc/crontabs -l 5", "/usr/sbin/crond"),
        ]);

        // After first boot: generated host key and board.json, whiteouts of uci-defaults that ran and deleted themselves,
        // settings, enabled-service links, and what "opkg install wireguard-tools" wrote.
        AddOverlay("/etc/board.json", new("file", 1254));
        AddOverlay("/etc/dropbear/dropbear_ed25519_host_key", new("file", 83));
        AddOverlay("/etc/urandom.seed", new("file", 512));
        AddOverlay("/etc/shadow", new("file", 345));
        AddOverlay("/etc/config/system", new("file", 512));
        AddOverlay("/etc/config/network", new("file", 934));
        AddOverlay("/etc/rc.d/S50cron", new("symlink", 16, "../init.d/cron"));
        AddOverlay("/etc/luci-uploads/.placeholder", new("file", 0));
        AddOverlay("/etc/uci-defaults/10_migrate-shadow", new("char", 0));
        AddOverlay("/etc/uci-defaults/12_network-generate-ula", new("char", 0));
        AddOverlay("/etc/uci-defaults/50-dnsmasq-migrate-resolv-conf-auto.sh", new("char", 0));
        AddOverlay("/usr/bin/wg", new("file", 63_840));
        AddOverlay("/usr/lib/opkg/status", new("file", 41_233));
        AddOverlay("/usr/lib/opkg/info/wireguard-tools.control", new("file", 412));
        AddOverlay("/usr/lib/opkg/info/wireguard-tools.list", new("file", 13));
        AddOverlay("/usr/lib/opkg/lists/openwrt_base", new("file", 121_004));
        AddOverlay("/root/.ash_history", new("file", 211));

        AclGroups["luci-access"] = new("luci-access", new Dictionary<string, string[]>
        {
            ["file"] = ["list", "read", "stat"], ["luci"] = ["getInitList", "getProcessList"], ["system"] = ["board", "info"], ["uci"] = ["changes", "get"],
        }, ["*"], [CrontabPath, AuthorizedKeysPath, RcLocalPath, PasswdPath, SysupgradeConfPath, "/etc/group", "/proc/mounts"], ["/", "/*"],
            CgiIo: ["backup", "download", "exec"]);
        // luci-app-opkg.json read (luci-app-package-manager.json grants the same opkg files).
        AclGroups["luci-app-opkg"] = new("luci-app-opkg", new Dictionary<string, string[]> { ["luci"] = ["getMountPoints"] }, [],
            [OpkgConfPath, "/etc/opkg/*.conf"], CgiIo: ["exec"],
            FileExecs: ["/usr/libexec/opkg-list installed", "/usr/libexec/opkg-list available"]);
        // luci-mod-status.json "luci-mod-status-firewall" read: what the Status > Firewall page runs through cgi-exec.
        AclGroups["luci-mod-status-firewall"] = new("luci-mod-status-firewall", new Dictionary<string, string[]> { ["file"] = ["stat"] }, [], [],
            CgiIo: ["exec"], FileExecs: ["/usr/sbin/nft --terse --json list ruleset", "/usr/sbin/iptables --line-numbers -w -nvxL -t *",
                "/usr/sbin/ip6tables --line-numbers -w -nvxL -t *", "/usr/sbin/iptables-save", "/usr/sbin/ip6tables-save"]);
        // The group FlaxGuard's README asks owners to add (/usr/share/rpcd/acl.d/flaxguard.json): files no stock group grants.
        AclGroups["flaxguard-read"] = new("flaxguard-read", new Dictionary<string, string[]> { ["file"] = ["read"] }, [],
            [HostsPath, DnsmasqConfPath, "/etc/firewall.user", ProfilePath, RootAuthorizedKeysPath, "/root/.ssh/authorized_keys2"]);
    }

    /// <summary>Entries of the read-only image that file.list shows but the twin has no text for (keep.d lists, key folders).</summary>
    public Dictionary<string, OverlayEntry> RomEntries { get; } = new(StringComparer.Ordinal);

    public void AddOverlay(string path, OverlayEntry entry)
    {
        Overlay.RemoveAll(e => e.Key == path);
        Overlay.Add(new(path, entry));
    }
}
