using System.Globalization;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Lab.Twins.Onvif;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Lab.Twins.RouterOs;
using Row = FlaxGuard.Lab.Twins.RouterOs.RouterOsTwinState.Row;

namespace FlaxGuard.Bench;

/// <summary>
/// <c>--agent-memory --large</c>: loads each lab twin with what a busy office device carries, on top of its factory
/// state, so the memory harness measures the engine against answers of real size. OpenWrt: 10 interfaces and their
/// VLAN devices, 8 firewall zones with 36 rules and 16 redirects, 30 static DHCP hosts, 10 local DNS names, 5 SSH
/// keys, 3 rpcd logins, 29 init scripts. RouterOS: 54 NAT rules, 10 users, 6 SSH keys, 7 scripts and schedulers,
/// 40 leases. Hikvision NVR: 18 users, 4 NTP servers. ONVIF recorder: 18 users, more DNS and NTP servers.
/// New addresses come from the documentation ranges (RFC 5737).
/// </summary>
public static class LargeOfficeConfig
{
    private static readonly string[] Segments = ["guest", "iot", "voip", "cams", "mgmt", "vpn"];

    // One subnet per extra segment, all inside the documentation ranges.
    private static readonly string[] SegmentAddresses = ["198.51.100.1", "192.0.2.1", "203.0.113.1", "203.0.113.129", "203.0.113.193", "203.0.113.225"];
    private static readonly string[] SegmentMasks = ["255.255.255.0", "255.255.255.0", "255.255.255.128", "255.255.255.192", "255.255.255.224", "255.255.255.240"];

    private static readonly (string Name, string Proto, string Port)[] Services =
    [
        ("HTTPS", "tcp", "443"), ("SSH", "tcp", "22"), ("SIP", "udp", "5060"), ("RTP", "udp", "10000-20000"), ("RTSP", "tcp", "554"),
        ("SNMP", "udp", "161"), ("Syslog", "udp", "514"), ("NTP", "udp", "123"), ("DNS", "tcp udp", "53"), ("SMB", "tcp", "445"),
        ("Printer", "tcp", "9100"), ("MQTT", "tcp", "8883"),
    ];

    private static string Ip(string prefix, int host) => prefix + host.ToString(CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Mac(int seed) => "02:5a:" + (seed * 7 % 256).ToString("x2", CultureInfo.InvariantCulture) + ":" + (seed % 256).ToString("x2", CultureInfo.InvariantCulture) + ":1c:" + (seed * 13 % 256).ToString("x2", CultureInfo.InvariantCulture);

    public static void Load(OpenWrtTwin twin) => twin.Mutate(LoadOpenWrt);

    public static void Load(RouterOsTwin twin) => twin.Mutate(LoadRouterOs);

    public static void Load(HikvisionTwin twin) => twin.Mutate(LoadHikvision);

    public static void Load(OnvifTwin twin) => twin.Mutate(LoadOnvif);

    private static void LoadOpenWrt(OpenWrtTwinState s)
    {
        var network = s.Configs["network"];
        network.Add(new UciSectionState(null, "bridge-vlan").Set("device", "br-lan").Set("vlan", "1").List("ports", "lan1", "lan2"));
        for (var i = 0; i < Segments.Length; i++)
        {
            var vlan = N(10 * (i + 1));
            network.Add(new UciSectionState(null, "bridge-vlan").Set("device", "br-lan").Set("vlan", vlan).List("ports", "lan3:t", "lan4:t"));
            var iface = new UciSectionState(Segments[i], "interface").Set("proto", "static").Set("ipaddr", SegmentAddresses[i]).Set("netmask", SegmentMasks[i]);
            if (Segments[i] == "vpn") iface.Set("proto", "wireguard").Set("listen_port", "51820").List("addresses", SegmentAddresses[i] + "/28");
            else iface.Set("device", "br-lan." + vlan);
            network.Add(iface);
        }
        for (var peer = 0; peer < 8; peer++)
            network.Add(new UciSectionState(null, "wireguard_vpn").Set("description", "staff-laptop-" + N(peer + 1))
                .Set("public_key", Convert.ToBase64String(RouterOsTwinState.Ed25519Blob(40 + peer), 19, 32))
                .List("allowed_ips", Ip("203.0.113.", 226 + peer) + "/32").Set("persistent_keepalive", "25"));

        var firewall = s.Configs["firewall"];
        for (var i = 0; i < Segments.Length; i++)
        {
            var isolated = Segments[i] is "guest" or "iot" or "cams";
            firewall.Add(new UciSectionState(null, "zone").Set("name", Segments[i]).List("network", Segments[i])
                .Set("input", isolated ? "REJECT" : "ACCEPT").Set("output", "ACCEPT").Set("forward", "REJECT"));
            firewall.Add(new UciSectionState(null, "forwarding").Set("src", Segments[i]).Set("dest", "wan"));
        }
        firewall.Add(new UciSectionState(null, "forwarding").Set("src", "vpn").Set("dest", "lan"));
        firewall.Add(new UciSectionState(null, "forwarding").Set("src", "lan").Set("dest", "cams"));
        for (var i = 0; i < 30; i++)
        {
            var service = Services[i % Services.Length];
            var src = Segments[i % Segments.Length];
            var rule = new UciSectionState(null, "rule").Set("name", "Allow-" + service.Name + "-" + src + "-" + N(i + 1)).Set("src", src)
                .Set("dest", i % 3 == 0 ? "lan" : "mgmt").Set("proto", service.Proto).Set("dest_port", service.Port).Set("target", "ACCEPT").Set("family", "ipv4");
            if (i % 4 == 0) rule.Set("dest_ip", Ip("192.0.2.", 100 + i));
            if (i % 5 == 0) rule.Set("enabled", "0");
            firewall.Add(rule);
        }
        for (var i = 0; i < 15; i++)
        {
            var service = Services[(i + 3) % Services.Length];
            firewall.Add(new UciSectionState(null, "redirect").Set("name", "Fwd-" + service.Name + "-" + N(i + 1)).Set("target", "DNAT").Set("src", "wan")
                .Set("dest", i % 2 == 0 ? "lan" : "cams").Set("proto", service.Proto.Split(' ')[0]).Set("src_dport", N(20_000 + i))
                .Set("dest_ip", i % 2 == 0 ? Ip("192.0.2.", 150 + i) : Ip("203.0.113.", 130 + i)).Set("dest_port", service.Port.Split('-')[0]).Set("reflection", "1"));
        }

        var dhcp = s.Configs["dhcp"];
        for (var i = 0; i < Segments.Length - 1; i++)
            dhcp.Add(new UciSectionState(Segments[i], "dhcp").Set("interface", Segments[i]).Set("start", "20").Set("limit", "100").Set("leasetime", "4h")
                .List("dhcp_option", "6," + SegmentAddresses[i], "42," + SegmentAddresses[i]));
        for (var i = 0; i < 30; i++)
            dhcp.Add(new UciSectionState(null, "host").Set("name", "desk-" + N(i + 1)).Set("dns", "1").Set("mac", Mac(i + 1)).Set("ip", Ip("192.0.2.", 20 + i)).Set("leasetime", "infinite"));
        for (var i = 0; i < 10; i++)
            dhcp.Add(new UciSectionState(null, "domain").Set("name", "srv" + N(i + 1) + ".office.example").Set("ip", Ip("198.51.100.", 200 + i)));

        s.Files[OpenWrtTwinState.AuthorizedKeysPath] = OpenWrtTwinState.OwnerKey + "\n"
            + "ssh-ed25519 " + Convert.ToBase64String(RouterOsTwinState.Ed25519Blob(11)) + " it-admin@office-desktop\n"
            + "ssh-rsa " + Convert.ToBase64String(RouterOsTwinState.RsaBlob(12)) + " backup@nas\n"
            + "ssh-ed25519 " + Convert.ToBase64String(RouterOsTwinState.Ed25519Blob(13)) + " noc@monitoring\n"
            + "ssh-rsa " + Convert.ToBase64String(RouterOsTwinState.RsaBlob(14)) + " ansible@deploy\n";

        s.AddLogin("monitor", "lab-monitor-pw", ["luci-mod-status", "luci-base"], []);
        s.AddLogin("noc", "lab-noc-pw", ["*"], ["luci-base"]);

        string[] packages = ["adblock", "collectd", "ddns", "etherwake", "haproxy", "igmpproxy", "led", "lldpd", "log", "luci_statistics", "mwan3", "nlbwmon",
            "openvpn", "qosify", "snmpd", "sqm", "sysfixtime", "umount", "urandom_seed", "urngd"];
        for (var i = 0; i < packages.Length; i++)
            s.InitScripts.Add(new InitScript(packages[i], 20 + 3 * i, 90 - i, i % 6 != 0, i % 6 != 0));
    }

    private static int NextSerial(List<Row> rows) => rows.Count == 0 ? 1 : rows.Max(r => r.Serial) + 1;

    private static void LoadRouterOs(RouterOsTwinState s)
    {
        for (var i = 0; i < 51; i++)
        {
            var vlan = N(10 + i % 6 * 10);
            Row row = (i % 3) switch
            {
                0 => new Row(NextSerial(s.Nat), ("chain", "srcnat"), ("action", "src-nat"), ("src-address", Ip("192.0.2.", i) + "/32"), ("out-interface", "ether1"),
                    ("to-addresses", Ip("203.0.113.", 10 + i % 8)), ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "vlan" + vlan + " egress " + N(i))),
                1 => new Row(NextSerial(s.Nat), ("chain", "dstnat"), ("action", "dst-nat"), ("protocol", "tcp"), ("dst-port", N(20_000 + i)), ("in-interface", "ether1"),
                    ("to-addresses", Ip("192.0.2.", 100 + i)), ("to-ports", N(8000 + i)), ("disabled", i % 5 == 0 ? "true" : "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "false"), ("log-prefix", ""), ("comment", "service " + N(i))),
                _ => new Row(NextSerial(s.Nat), ("chain", "dstnat"), ("action", "dst-nat"), ("protocol", "udp"), ("dst-port", N(30_000 + i)), ("in-interface", "ether1"),
                    ("src-address", "198.51.100.0/24"), ("to-addresses", Ip("198.51.100.", 100 + i)), ("to-ports", N(5060 + i)), ("disabled", "false"), ("dynamic", "false"), ("invalid", "false"), ("log", "true"), ("log-prefix", "voip"), ("comment", "partner voip " + N(i))),
            };
            s.Nat.Add(row);
        }

        string[] staff = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];
        for (var i = 0; i < staff.Length; i++)
        {
            s.Users.Add(new Row(NextSerial(s.Users), ("name", staff[i]), ("group", i % 3 == 0 ? "full" : i % 3 == 1 ? "write" : "read"), ("address", "192.0.2.0/24"),
                ("disabled", i == 6 ? "true" : "false"), ("expired", "false"), ("comment", "staff " + staff[i])));
            s.Passwords[staff[i]] = "lab-" + staff[i] + "-pw";
        }
        for (var i = 0; i < 5; i++)
            s.SshKeys.Add(i % 2 == 0
                ? RouterOsTwinState.SshKeyRow(NextSerial(s.SshKeys), staff[i], "ed25519", "256", RouterOsTwinState.Ed25519Blob(20 + i), staff[i] + "@office")
                : RouterOsTwinState.SshKeyRow(NextSerial(s.SshKeys), staff[i], "rsa", "2048", RouterOsTwinState.RsaBlob(20 + i), staff[i] + "@office"));

        string[] jobs = ["ddns-update", "failover-check", "vpn-watchdog", "lease-report", "cert-renew", "queue-reset"];
        for (var i = 0; i < jobs.Length; i++)
        {
            s.Scripts.Add(new Row(NextSerial(s.Scripts), ("name", jobs[i]), ("owner", s.AdminUser), ("policy", "read,write,test"), ("dont-require-permissions", "false"),
                ("source", ":local gw \"" + Ip("203.0.113.", 1 + i) + "\"\n:if ([/ping $gw count=3] = 0) do={ :log warning (\"" + jobs[i] + ": \" . $gw . \" unreachable\") }\n/ip firewall address-list remove [find list=stale-" + N(i) + "]"),
                ("invalid", "false"), ("comment", "")));
            s.Schedulers.Add(new Row(NextSerial(s.Schedulers), ("name", jobs[i]), ("start-date", "2026-01-01"), ("start-time", "0" + N(i) + ":15:00"), ("interval", i % 2 == 0 ? "00:10:00" : "1d00:00:00"),
                ("on-event", jobs[i]), ("owner", s.AdminUser), ("policy", "read,write,test"), ("disabled", "false"), ("comment", "")));
        }
        for (var i = 0; i < 38; i++)
            s.Leases.Add(RouterOsTwinState.LeaseRow(NextSerial(s.Leases), Ip("192.0.2.", 60 + i), Mac(i).ToUpperInvariant(), "desk-" + N(i + 1)));
    }

    private static void LoadHikvision(HikvisionTwinState s)
    {
        for (var i = 0; i < 15; i++)
            s.Users.Add(new HikvisionUser(s.Users.Max(u => u.Id) + 1, "guard-" + N(i + 1), i % 5 == 0 ? "Operator" : "Viewer", "lab-guard-pw-" + N(i)));
        s.NtpServers.Add(new HikvisionNtpServer(3, false, "192.0.2.123"));
        s.NtpServers.Add(new HikvisionNtpServer(4, true, "ntp.office.example"));
    }

    private static void LoadOnvif(OnvifTwinState s)
    {
        for (var i = 0; i < 15; i++)
            s.Users.Add(new OnvifUser("guard" + N(i + 1), "lab-guard-pw-" + N(i), i % 5 == 0 ? "Operator" : "User"));
        s.SearchDomains.Add("cams.office.example");
        s.SearchDomains.Add("branch.office.example");
        s.DnsManual.Add(new OnvifServer("IPv4", "192.0.2.54"));
        s.NtpManual.Add(new OnvifServer("IPv4", "198.51.100.123"));
        s.NtpManual.Add(new OnvifServer("DNS", "ntp2.office.example"));
    }
}
