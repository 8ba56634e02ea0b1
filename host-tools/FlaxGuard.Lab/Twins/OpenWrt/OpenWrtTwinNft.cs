using System.Text.Json.Nodes;

namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>A chain of the live nftables ruleset; <see cref="Hook"/> null for a regular chain.</summary>
public sealed record NftChain(string Family, string Table, string Name, string? Type = null, string? Hook = null, int Prio = 0, string? Policy = null);

/// <summary>
/// A rule of the live ruleset: its statements as libnftables JSON (without the counter), whether it counts packets
/// (fw4's "counter" statements), and fw4's "!fw4: ..." comment when fw4 generated it.
/// </summary>
public sealed record NftRule(string Family, string Table, string Chain, string Expr, string? Comment, bool Counter = false);

/// <summary>
/// The live nftables ruleset of a stock OpenWrt 23.05 router, as "nft --terse --json list ruleset" prints it (libnftables
/// JSON schema 1: metainfo, then per table the table, its chains and its rules, each with a kernel handle). Built the way
/// firewall4's templates/ruleset.uc builds table inet fw4 from uci config firewall: fw4's fixed rules, one rule per uci
/// "rule" and "redirect" section with comment "!fw4: NAME", and the few unmarked jumps the template emits.
/// </summary>
public sealed partial class OpenWrtTwinState
{
    /// <summary>Chains and rules not made from uci config firewall (an implant's, or a package's).</summary>
    public List<NftChain> ExtraChains { get; } = [];

    public List<NftRule> ExtraRules { get; } = [];

    /// <summary>Tables besides inet fw4 (family, name).</summary>
    public List<(string Family, string Name)> ExtraTables { get; } = [];

    /// <summary>Where the kernel's handle numbering starts (a firewall reload renumbers every object).</summary>
    public int NftHandleBase { get; set; } = 1;

    /// <summary>Packets counted since the ruleset was loaded (a reload zeroes every counter).</summary>
    public long NftPackets { get; set; } = 1_204_331;

    private static readonly NftChain[] Fw4Chains =
    [
        new("inet", "fw4", "input", "filter", "input", 0, "drop"), new("inet", "fw4", "forward", "filter", "forward", 0, "drop"),
        new("inet", "fw4", "output", "filter", "output", 0, "accept"), new("inet", "fw4", "prerouting", "filter", "prerouting", 0, "accept"),
        new("inet", "fw4", "handle_reject"), new("inet", "fw4", "syn_flood"),
        new("inet", "fw4", "input_lan"), new("inet", "fw4", "output_lan"), new("inet", "fw4", "forward_lan"),
        new("inet", "fw4", "accept_from_lan"), new("inet", "fw4", "accept_to_lan"),
        new("inet", "fw4", "input_wan"), new("inet", "fw4", "output_wan"), new("inet", "fw4", "forward_wan"),
        new("inet", "fw4", "accept_to_wan"), new("inet", "fw4", "reject_from_wan"), new("inet", "fw4", "reject_to_wan"),
        new("inet", "fw4", "dstnat", "nat", "prerouting", -100, "accept"), new("inet", "fw4", "srcnat", "nat", "postrouting", 100, "accept"),
        new("inet", "fw4", "dstnat_wan"), new("inet", "fw4", "srcnat_wan"),
        new("inet", "fw4", "raw_prerouting", "filter", "prerouting", -300, "accept"), new("inet", "fw4", "raw_output", "filter", "output", -300, "accept"),
        new("inet", "fw4", "mangle_prerouting", "filter", "prerouting", -150, "accept"), new("inet", "fw4", "mangle_postrouting", "filter", "postrouting", -150, "accept"),
        new("inet", "fw4", "mangle_input", "filter", "input", -150, "accept"), new("inet", "fw4", "mangle_output", "route", "output", -150, "accept"),
        new("inet", "fw4", "mangle_forward", "filter", "forward", -150, "accept"),
    ];

    private const string AcceptExpr = "{\"accept\":null}";

    private static string Match(string left, string right, string op = "==") => $"{{\"match\":{{\"op\":\"{op}\",\"left\":{left},\"right\":{right}}}}}";

    private static string Meta(string key) => $"{{\"meta\":{{\"key\":\"{key}\"}}}}";

    private static string Port(string protocol, string field = "dport") => $"{{\"payload\":{{\"protocol\":\"{protocol}\",\"field\":\"{field}\"}}}}";

    private static string Jump(string target) => $"{{\"jump\":{{\"target\":\"{target}\"}}}}";

    private static string Expr(params string[] statements) => "[" + string.Join(",", statements) + "]";

    /// <summary>The rules fw4 renders from the current uci config firewall, in chain order.</summary>
    public IEnumerable<NftRule> Fw4Rules()
    {
        NftRule R(string chain, string expr, string? comment, bool counter = false) => new("inet", "fw4", chain, expr, comment, counter);
        var established = Match(Json("{\"ct\":{\"key\":\"state\"}}"), "[\"established\",\"related\"]", "in");
        yield return R("input", Expr(Match(Meta("iifname"), "\"lo\""), AcceptExpr), "!fw4: Accept traffic from loopback");
        yield return R("input", Expr(established, AcceptExpr), "!fw4: Allow inbound established and related flows");
        yield return R("input", Expr(Match("{\"&\":[" + Port("tcp", "flags") + ",[\"fin\",\"syn\",\"rst\",\"ack\"]]}", "\"syn\""), Jump("syn_flood")), "!fw4: Rate limit TCP syn packets");
        yield return R("input", Expr(Match(Meta("iifname"), "\"br-lan\""), Jump("input_lan")), "!fw4: Handle lan IPv4/IPv6 input traffic");
        yield return R("input", Expr(Match(Meta("iifname"), "\"wan\""), Jump("input_wan")), "!fw4: Handle wan IPv4/IPv6 input traffic");
        yield return R("input", Expr(Jump("handle_reject")), null);
        yield return R("forward", Expr(established, AcceptExpr), "!fw4: Allow forwarded established and related flows");
        yield return R("forward", Expr(Match(Meta("iifname"), "\"br-lan\""), Jump("forward_lan")), "!fw4: Handle lan IPv4/IPv6 forward traffic");
        yield return R("forward", Expr(Match(Meta("iifname"), "\"wan\""), Jump("forward_wan")), "!fw4: Handle wan IPv4/IPv6 forward traffic");
        yield return R("forward", Expr(Jump("handle_reject")), null);
        yield return R("output", Expr(Match(Meta("oifname"), "\"lo\""), AcceptExpr), "!fw4: Accept traffic towards loopback");
        yield return R("output", Expr(established, AcceptExpr), "!fw4: Allow outbound established and related flows");
        yield return R("output", Expr(Match(Meta("oifname"), "\"br-lan\""), Jump("output_lan")), "!fw4: Handle lan IPv4/IPv6 output traffic");
        yield return R("output", Expr(Match(Meta("oifname"), "\"wan\""), Jump("output_wan")), "!fw4: Handle wan IPv4/IPv6 output traffic");
        yield return R("handle_reject", Expr(Match(Meta("l4proto"), "\"tcp\""), "{\"reject\":{\"type\":\"tcp reset\"}}"), "!fw4: Reject TCP traffic");
        yield return R("handle_reject", Expr("{\"reject\":{\"type\":\"icmpx\",\"expr\":\"port-unreachable\"}}"), "!fw4: Reject any other traffic");
        yield return R("syn_flood", Expr("{\"limit\":{\"rate\":25,\"burst\":50,\"per\":\"second\"}}", "{\"return\":null}"), "!fw4: Accept SYN packets below rate-limit");
        yield return R("syn_flood", Expr("{\"drop\":null}"), "!fw4: Drop excess packets");
        yield return R("input_lan", Expr(Jump("accept_from_lan")), null);
        yield return R("output_lan", Expr(Jump("accept_to_lan")), null);
        yield return R("forward_lan", Expr(Jump("accept_to_wan")), "!fw4: Accept lan to wan forwarding");
        yield return R("forward_lan", Expr(Jump("accept_to_lan")), null);
        yield return R("accept_from_lan", Expr(Match(Meta("iifname"), "\"br-lan\""), AcceptExpr), "!fw4: accept lan IPv4/IPv6 traffic", true);
        yield return R("accept_to_lan", Expr(Match(Meta("oifname"), "\"br-lan\""), AcceptExpr), "!fw4: accept lan IPv4/IPv6 traffic", true);
        var index = 0;
        foreach (var rule in Configs["firewall"].Where(s => s.Type == "rule"))
        {
            var name = rule.Get("name") as string ?? $"@rule[{index}]";
            index++;
            if (rule.Get("src") is not string src) continue;
            var chain = (rule.Get("dest") is string ? "forward_" : "input_") + src;
            var statements = new List<string>();
            var proto = (rule.Get("proto") as string ?? "tcp udp").ToLowerInvariant();
            if (rule.Get("dest_port") is string ports && proto is "tcp" or "udp")
                statements.Add(Match(Port(proto), ports.Contains(' ') ? "{\"set\":[" + string.Join(",", ports.Split(' ', StringSplitOptions.RemoveEmptyEntries)) + "]}" : ports));
            else if (proto is not ("tcp udp" or "all")) statements.Add(Match(Meta("l4proto"), $"\"{proto}\""));
            var target = (rule.Get("target") as string ?? "drop").ToLowerInvariant();
            statements.Add(target == "accept" ? AcceptExpr : target == "reject" ? Jump("handle_reject") : "{\"drop\":null}");
            yield return R(chain, Expr([.. statements]), "!fw4: " + name, true);
        }
        yield return R("input_wan", Expr(Match(Json("{\"ct\":{\"key\":\"status\"}}"), "\"dnat\""), AcceptExpr), "!fw4: Accept port redirections");
        yield return R("input_wan", Expr(Jump("reject_from_wan")), null);
        yield return R("output_wan", Expr(Jump("accept_to_wan")), null);
        yield return R("forward_wan", Expr(Match(Json("{\"ct\":{\"key\":\"status\"}}"), "\"dnat\""), AcceptExpr), "!fw4: Accept port forwards");
        yield return R("forward_wan", Expr(Jump("reject_to_wan")), null);
        yield return R("accept_to_wan", Expr(Match(Meta("oifname"), "\"wan\""), AcceptExpr), "!fw4: accept wan IPv4/IPv6 traffic", true);
        yield return R("reject_from_wan", Expr(Match(Meta("iifname"), "\"wan\""), Jump("handle_reject")), "!fw4: reject wan IPv4/IPv6 traffic", true);
        yield return R("reject_to_wan", Expr(Match(Meta("oifname"), "\"wan\""), Jump("handle_reject")), "!fw4: reject wan IPv4/IPv6 traffic", true);
        yield return R("dstnat", Expr(Match(Meta("iifname"), "\"wan\""), Jump("dstnat_wan")), "!fw4: Handle wan IPv4/IPv6 dstnat traffic");
        yield return R("srcnat", Expr(Match(Meta("oifname"), "\"wan\""), Jump("srcnat_wan")), "!fw4: Handle wan IPv4/IPv6 srcnat traffic");
        foreach (var redirect in Configs["firewall"].Where(s => s.Type == "redirect"))
        {
            var proto = (redirect.Get("proto") as string ?? "tcp").ToLowerInvariant();
            var dnat = $"{{\"dnat\":{{\"family\":\"ip\",\"addr\":\"{redirect.Get("dest_ip")}\",\"port\":{redirect.Get("dest_port") ?? redirect.Get("src_dport")}}}}}";
            yield return R($"dstnat_{redirect.Get("src")}", Expr(Match(Port(proto), (string)redirect.Get("src_dport")!), dnat), "!fw4: " + (redirect.Get("name") as string ?? "@redirect"), true);
        }
        yield return R("srcnat_wan", Expr(Match(Meta("nfproto"), "\"ipv4\""), "{\"masquerade\":null}"), "!fw4: Masquerade IPv4 wan traffic");
        yield return R("mangle_forward", Expr(Match(Meta("iifname"), "\"wan\""), "{\"mangle\":{\"key\":{\"tcp option\":{\"name\":\"maxseg\",\"field\":\"size\"}},\"value\":{\"rt\":{\"key\":\"mtu\"}}}}"),
            "!fw4: Zone wan IPv4/IPv6 ingress MTU fixing");
    }

    private static string Json(string text) => text;

    /// <summary>The ruleset as "nft --terse --json list ruleset" prints it now.</summary>
    public JsonObject NftRuleset()
    {
        var entries = new JsonArray { new JsonObject { ["metainfo"] = new JsonObject { ["version"] = "1.0.8", ["release_name"] = "Old Doc Yak #2", ["json_schema_version"] = 1 } } };
        var handle = NftHandleBase;
        var tables = new List<(string Family, string Name)> { ("inet", "fw4") };
        tables.AddRange(ExtraTables);
        var rules = Fw4Rules().Concat(ExtraRules).ToList();
        var chains = Fw4Chains.Concat(ExtraChains).ToList();
        var counted = 0L;
        foreach (var (family, name) in tables)
        {
            entries.Add(new JsonObject { ["table"] = new JsonObject { ["family"] = family, ["name"] = name, ["handle"] = handle++ } });
            foreach (var c in chains.Where(c => c.Family == family && c.Table == name))
            {
                var chain = new JsonObject { ["family"] = c.Family, ["table"] = c.Table, ["name"] = c.Name, ["handle"] = handle++ };
                if (c.Hook is not null)
                {
                    chain["type"] = c.Type;
                    chain["hook"] = c.Hook;
                    chain["prio"] = c.Prio;
                    chain["policy"] = c.Policy;
                }
                entries.Add(new JsonObject { ["chain"] = chain });
            }
            foreach (var c in chains.Where(c => c.Family == family && c.Table == name))
            {
                var inChain = rules.Where(r => r.Family == family && r.Table == name && r.Chain == c.Name).ToList();
                if (Reordered) inChain.Reverse();
                foreach (var r in inChain)
                {
                    var expr = (JsonArray)JsonNode.Parse(r.Expr)!;
                    if (r.Counter)
                    {
                        // fw4 puts "counter" before the verdict; the values move with every packet.
                        counted += 7_919;
                        expr.Insert(expr.Count - 1, new JsonObject { ["counter"] = new JsonObject { ["packets"] = NftPackets + counted, ["bytes"] = (NftPackets + counted) * 311 } });
                    }
                    var rule = new JsonObject { ["family"] = r.Family, ["table"] = r.Table, ["chain"] = r.Chain, ["handle"] = handle++ };
                    if (r.Comment is not null) rule["comment"] = r.Comment;
                    rule["expr"] = expr;
                    entries.Add(new JsonObject { ["rule"] = rule });
                }
            }
        }
        return new JsonObject { ["nftables"] = entries };
    }
}
