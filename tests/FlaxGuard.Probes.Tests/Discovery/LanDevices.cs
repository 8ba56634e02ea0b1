using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Discovery;

/// <summary>The real daemons of the discovery LAN, each started inside its member namespace.</summary>
public static class LanDevices
{
    public const string UpnpManufacturer = "OpenWrt";
    public const string UpnpModel = "FlaxRouter";
    public const string NasModel = "FlaxNAS-2000";
    public const string NasTitle = "FlaxNAS administration";

    /// <summary>
    /// Debian's miniupnpd answering SSDP on eth0, with the nftables chains it expects, a public-looking WAN address
    /// that is assigned nowhere and blackholed (it refuses to run with a private one), and a dummy WAN interface.
    /// </summary>
    public static RealProcess StartMiniupnpd(string member, string dir)
    {
        var miniupnpd = DebianTool.Require("miniupnpd", "miniupnpd");
        var nft = DebianTool.Require("nft", "nftables");
        Exec(member, "ip", "link", "add", "wan0", "type", "veth", "peer", "name", "wan0p");
        Exec(member, "ip", "link", "set", "wan0", "up");
        Exec(member, "ip", "link", "set", "wan0p", "up");
        Exec(member, "ip", "route", "add", "blackhole", "100.128.77.7/32");
        var rules = Path.Combine(dir, "tables.nft");
        File.WriteAllText(rules, Upnp.MiniupnpdGateway.NftTables);
        Exec(member, nft, "-f", rules);
        var config = Path.Combine(dir, "miniupnpd.conf");
        File.WriteAllText(config, $"""
            ext_ifname=wan0
            ext_ip=100.128.77.7
            listening_ip=eth0
            http_port=5000
            enable_natpmp=no
            enable_upnp=yes
            secure_mode=yes
            system_uptime=no
            uuid=3ddcd1d3-2380-45f5-b069-3d6fd2f6a7c2
            friendly_name=FlaxGuard discovery IGD
            manufacturer_name={UpnpManufacturer}
            model_name={UpnpModel}
            model_number=23.05.3
            serial=SN0002
            lease_file={Path.Combine(dir, "leases")}
            upnp_table_name=fgupnp
            upnp_nat_table_name=fgupnp
            upnp_forward_chain=miniupnpd
            upnp_nat_chain=prerouting_miniupnpd
            upnp_nat_postrouting_chain=postrouting_miniupnpd
            deny 0-65535 0.0.0.0/0 0-65535

            """);
        var daemon = RealProcess.Start(miniupnpd, ["-d", "-f", config, "-P", Path.Combine(dir, "miniupnpd.pid")], member);
        daemon.WaitForOutput("HTTP listening on port");
        return daemon;
    }

    /// <summary>
    /// avahi-daemon announcing a NAS (SMB and its web page, device-info TXT model=...) from service files in a
    /// private directory: bind-mounted over /etc/avahi/services and /run/avahi-daemon inside the mount namespace
    /// `ip netns exec` makes, so nothing of the system's changes. No D-Bus, no privilege drop, no chroot.
    /// </summary>
    public static RealProcess StartAvahi(string member, string dir)
    {
        var avahi = DebianTool.Require("avahi-daemon", "avahi-daemon");
        var services = Directory.CreateDirectory(Path.Combine(dir, "services")).FullName;
        var run = Directory.CreateDirectory(Path.Combine(dir, "run")).FullName;
        File.WriteAllText(Path.Combine(services, "nas.service"), $"""
            <?xml version="1.0" standalone='no'?>
            <service-group>
              <name>FlaxNAS</name>
              <service><type>_smb._tcp</type><port>445</port></service>
              <service><type>_http._tcp</type><port>80</port><txt-record>path=/</txt-record></service>
              <service><type>_device-info._tcp</type><port>0</port><txt-record>model={NasModel}</txt-record></service>
            </service-group>
            """);
        var config = Path.Combine(dir, "avahi-daemon.conf");
        File.WriteAllText(config, """
            [server]
            host-name=flaxnas
            use-ipv4=yes
            use-ipv6=no
            allow-interfaces=eth0
            enable-dbus=no
            ratelimit-interval-usec=1000000
            ratelimit-burst=1000
            [wide-area]
            enable-wide-area=no
            [publish]
            publish-addresses=yes
            publish-hinfo=no
            publish-workstation=no
            [reflector]
            enable-reflector=no
            """);
        var script = $"mount --bind '{services}' /etc/avahi/services && mkdir -p /run/avahi-daemon && mount --bind '{run}' /run/avahi-daemon && exec '{avahi}' -f '{config}' --no-drop-root --no-chroot --no-rlimits --debug";
        var daemon = RealProcess.Start("sh", ["-c", script], member);
        // Startup completes before the services are probed and announced; until then avahi does not answer for them.
        daemon.WaitForOutput("successfully established", 20_000);
        return daemon;
    }

    /// <summary>busybox httpd serving the NAS's admin page on port 80.</summary>
    public static RealProcess StartWebPage(string member, string dir, string title)
    {
        var busybox = DebianTool.Require("busybox", "busybox-static");
        var www = Directory.CreateDirectory(Path.Combine(dir, "www")).FullName;
        File.WriteAllText(Path.Combine(www, "index.html"), $"<!DOCTYPE html><html><head><title>{title}</title></head><body>admin</body></html>");
        return RealProcess.Start(busybox, ["httpd", "-f", "-p", "80", "-h", www], member);
    }

    private static void Exec(string member, params string[] command)
    {
        var (code, stdout, stderr) = DebianTool.Run("ip", ["netns", "exec", member, .. command]);
        if (code != 0) Assert.Fail($"in {member}: {string.Join(' ', command)} failed ({code}): {stderr}{stdout}");
    }
}
