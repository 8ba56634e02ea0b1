using System.Text;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>
/// A rule of a firewall3 router's live iptables: its columns as "iptables -nvxL" prints them, the matches text after the
/// addresses, fw3's "!fw3" / "!fw3: NAME" comment when fw3 made it, and the target's options ("to:ADDR:PORT",
/// "reject-with ...") that iptables prints after the matches. <see cref="First"/>: inserted at the chain's top.
/// </summary>
public sealed record IptRule(string Table, string Chain, string Target, string Prot, string In, string Out, string Matches,
    string? Comment, string Source = "0.0.0.0/0", string Destination = "0.0.0.0/0", bool First = false, string TargetOptions = "");

/// <summary>
/// The live iptables of an OpenWrt 21.02 router on firewall3, as "iptables --line-numbers -w -nvxL -t TABLE" lists it.
/// Built the way fw3 builds it from uci config firewall (firewall3 defaults.c, zones.c, rules.c, redirects.c): fixed rules
/// and one rule per uci "rule" and "redirect" section, every one tagged with a "!fw3" comment; implants' rules are not.
/// </summary>
public sealed partial class OpenWrtTwinState
{
    /// <summary>True for a 21.02 router: firewall3 on iptables, no nft for cgi-io to run.</summary>
    public bool Firewall3 { get; set; }

    /// <summary>Rules not made by fw3 (an implant's or a package's).</summary>
    public List<IptRule> ExtraIptRules { get; } = [];

    private static readonly string[] BuiltinFilter = ["INPUT", "FORWARD", "OUTPUT"];
    private static readonly string[] BuiltinNat = ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"];

    /// <summary>Switches the state to a stock OpenWrt 21.02.7 router (firewall3).</summary>
    public void UseFirewall3()
    {
        Firewall3 = true;
        Version = "21.02.7";
        Revision = "r16847-f8282da11e";
        Kernel = "5.4.238";
    }

    /// <summary>The rules fw3 makes from the current uci config firewall, in chain order.</summary>
    public IEnumerable<IptRule> Fw3Rules()
    {
        IptRule F(string chain, string target, string matches, string comment, string prot = "all", string inIf = "*", string outIf = "*", string options = "") =>
            new("filter", chain, target, prot, inIf, outIf, matches, comment, TargetOptions: options);
        yield return F("INPUT", "ACCEPT", "", "!fw3", inIf: "lo");
        yield return F("INPUT", "input_rule", "", "!fw3: Custom input rule chain");
        yield return F("INPUT", "ACCEPT", "ctstate RELATED,ESTABLISHED", "!fw3");
        yield return F("INPUT", "syn_flood", "tcp flags:0x17/0x02", "!fw3", prot: "tcp");
        yield return F("INPUT", "zone_lan_input", "", "!fw3", inIf: "br-lan");
        yield return F("INPUT", "zone_wan_input", "", "!fw3", inIf: "eth1");
        yield return F("FORWARD", "forwarding_rule", "", "!fw3: Custom forwarding rule chain");
        yield return F("FORWARD", "ACCEPT", "ctstate RELATED,ESTABLISHED", "!fw3");
        yield return F("FORWARD", "zone_lan_forward", "", "!fw3", inIf: "br-lan");
        yield return F("FORWARD", "zone_wan_forward", "", "!fw3", inIf: "eth1");
        yield return F("FORWARD", "reject", "", "!fw3");
        yield return F("OUTPUT", "ACCEPT", "", "!fw3", outIf: "lo");
        yield return F("OUTPUT", "output_rule", "", "!fw3: Custom output rule chain");
        yield return F("OUTPUT", "ACCEPT", "ctstate RELATED,ESTABLISHED", "!fw3");
        yield return F("reject", "REJECT", "", "!fw3", prot: "tcp", options: "reject-with tcp-reset");
        yield return F("reject", "REJECT", "", "!fw3", options: "reject-with icmp-port-unreachable");
        yield return F("syn_flood", "RETURN", "tcp flags:0x17/0x02 limit: avg 25/sec burst 50", "!fw3", prot: "tcp");
        yield return F("syn_flood", "DROP", "", "!fw3");
        yield return F("zone_lan_input", "input_lan_rule", "", "!fw3: Custom lan input rule chain");
        yield return F("zone_lan_input", "ACCEPT", "ctstate DNAT", "!fw3: Accept port redirections");
        yield return F("zone_lan_input", "zone_lan_src_ACCEPT", "", "!fw3");
        yield return F("zone_lan_src_ACCEPT", "ACCEPT", "ctstate NEW,UNTRACKED", "!fw3", inIf: "br-lan");
        yield return F("zone_lan_forward", "forwarding_lan_rule", "", "!fw3: Custom lan forwarding rule chain");
        yield return F("zone_lan_forward", "zone_wan_dest_ACCEPT", "", "!fw3: Zone lan to wan forwarding policy");
        yield return F("zone_wan_dest_ACCEPT", "ACCEPT", "", "!fw3", outIf: "eth1");
        yield return F("zone_wan_input", "input_wan_rule", "", "!fw3: Custom wan input rule chain");
        var index = 0;
        foreach (var rule in Configs["firewall"].Where(s => s.Type == "rule"))
        {
            var name = rule.Get("name") as string ?? $"@rule[{index}]";
            index++;
            if (rule.Get("src") is not string src) continue;
            var chain = rule.Get("dest") is string ? $"zone_{src}_forward" : $"zone_{src}_input";
            var proto = (rule.Get("proto") as string ?? "tcp udp").ToLowerInvariant();
            var target = (rule.Get("target") as string ?? "DROP").ToUpperInvariant();
            if (target == "REJECT") target = "reject";
            foreach (var p in proto is "tcp udp" or "all" ? ["all"] : proto.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var ports = rule.Get("dest_port") as string;
                var matches = ports is null || p == "all" ? "" : ports.Contains(' ') ? $"multiport dports {ports.Replace(' ', ',')}" : $"{p} dpt:{ports}";
                yield return F(chain, target, matches, "!fw3: " + name, prot: p);
            }
        }
        yield return F("zone_wan_input", "ACCEPT", "ctstate DNAT", "!fw3: Accept port redirections");
        yield return F("zone_wan_input", "zone_wan_src_REJECT", "", "!fw3");
        yield return F("zone_wan_forward", "forwarding_wan_rule", "", "!fw3: Custom wan forwarding rule chain");
        yield return F("zone_wan_forward", "ACCEPT", "ctstate DNAT", "!fw3: Accept port forwards");
        yield return F("zone_wan_forward", "zone_wan_dest_REJECT", "", "!fw3");
        yield return F("zone_wan_src_REJECT", "reject", "", "!fw3", inIf: "eth1");
        yield return F("zone_wan_dest_REJECT", "reject", "", "!fw3", outIf: "eth1");

        IptRule N(string chain, string target, string matches, string comment, string prot = "all", string inIf = "*", string outIf = "*", string options = "") =>
            new("nat", chain, target, prot, inIf, outIf, matches, comment, TargetOptions: options);
        yield return N("PREROUTING", "prerouting_rule", "", "!fw3: Custom prerouting rule chain");
        yield return N("PREROUTING", "zone_lan_prerouting", "", "!fw3", inIf: "br-lan");
        yield return N("PREROUTING", "zone_wan_prerouting", "", "!fw3", inIf: "eth1");
        yield return N("POSTROUTING", "postrouting_rule", "", "!fw3: Custom postrouting rule chain");
        yield return N("POSTROUTING", "zone_lan_postrouting", "", "!fw3", outIf: "br-lan");
        yield return N("POSTROUTING", "zone_wan_postrouting", "", "!fw3", outIf: "eth1");
        yield return N("zone_lan_prerouting", "prerouting_lan_rule", "", "!fw3: Custom lan prerouting rule chain");
        yield return N("zone_lan_postrouting", "postrouting_lan_rule", "", "!fw3: Custom lan postrouting rule chain");
        yield return N("zone_wan_prerouting", "prerouting_wan_rule", "", "!fw3: Custom wan prerouting rule chain");
        foreach (var redirect in Configs["firewall"].Where(s => s.Type == "redirect"))
        {
            var proto = (redirect.Get("proto") as string ?? "tcp").ToLowerInvariant();
            var port = redirect.Get("src_dport") as string;
            var to = $"to:{redirect.Get("dest_ip")}:{redirect.Get("dest_port") ?? port}";
            yield return N($"zone_{redirect.Get("src")}_prerouting", "DNAT", $"{proto} dpt:{port}", "!fw3: " + (redirect.Get("name") as string ?? "@redirect"), prot: proto, options: to);
        }
        yield return N("zone_wan_postrouting", "postrouting_wan_rule", "", "!fw3: Custom wan postrouting rule chain");
        yield return N("zone_wan_postrouting", "MASQUERADE", "", "!fw3");
    }

    /// <summary>"iptables --line-numbers -w -nvxL -t TABLE" output now; null for a table the twin does not have.</summary>
    public string? IptablesListing(string table)
    {
        string[] builtin = table switch { "filter" => BuiltinFilter, "nat" => BuiltinNat, "mangle" or "raw" => [], _ => null! };
        if (builtin is null) return null;
        var extra = ExtraIptRules.Where(r => r.Table == table).ToList();
        var rules = extra.Where(r => r.First).Concat(Fw3Rules().Where(r => r.Table == table)).Concat(extra.Where(r => !r.First)).ToList();
        var chains = builtin.Concat(rules.Select(r => r.Chain).Where(c => !builtin.Contains(c)).Distinct(StringComparer.Ordinal)).ToList();
        var text = new StringBuilder();
        var counted = 0L;
        foreach (var chain in chains)
        {
            if (text.Length > 0) text.Append('\n');
            if (builtin.Contains(chain))
                text.Append($"Chain {chain} (policy {(chain == "FORWARD" ? "DROP" : "ACCEPT")} {NftPackets % 977} packets, {NftPackets % 977 * 64} bytes)\n");
            else
                text.Append($"Chain {chain} ({Math.Max(1, rules.Count(r => r.Target == chain))} references)\n");
            text.Append("num      pkts      bytes target     prot opt in     out     source               destination         \n");
            var inChain = rules.Where(r => r.Chain == chain).ToList();
            // A fw3 restart loads the uci sections in their new order; an implant's rules stay where they were put.
            if (Reordered) inChain = [.. inChain.Where(r => r.First), .. inChain.Where(r => !r.First).Reverse()];
            var num = 1;
            foreach (var r in inChain)
            {
                counted += 7_919;
                var packets = (NftPackets + counted) % 1_000_003;
                var comment = r.Comment is null ? "" : $" /* {r.Comment} */";
                var matches = r.Matches.Length == 0 ? "" : " " + r.Matches;
                var options = r.TargetOptions.Length == 0 ? "" : " " + r.TargetOptions;
                text.Append($"{num++,-4} {packets,8} {packets * 311,8} {r.Target,-10} {r.Prot,-4} --  {r.In,-6} {r.Out,-6} {r.Source,-20} {r.Destination,-20}{matches}{comment}{options}\n");
            }
        }
        return text.ToString();
    }
}
