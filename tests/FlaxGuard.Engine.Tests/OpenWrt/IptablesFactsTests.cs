using System.Text;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>firewall3's live iptables read from "iptables --line-numbers -w -nvxL -t TABLE" text, streamed in pieces.</summary>
[TestClass]
public sealed class IptablesFactsTests
{
    // Shaped as iptables 1.8 prints it on OpenWrt 21.02: fw3's rules carry "!fw3" comments, an implant's do not.
    private const string Filter =
        "Chain INPUT (policy ACCEPT 12 packets, 768 bytes)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           0        0 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:4444\n" +
        "2        5140   388532 ACCEPT     all  --  lo     *       0.0.0.0/0            0.0.0.0/0            /* !fw3 */\n" +
        "3       13042  1745063 input_rule  all  --  *      *       0.0.0.0/0            0.0.0.0/0            /* !fw3: Custom input rule chain */\n" +
        "4          17     1020            all  --  eth1   *       0.0.0.0/0            0.0.0.0/0           \n" +
        "5           3      180 DROP       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:23\n" +
        "\n" +
        "Chain zone_wan_input (1 references)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           0        0 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22 /* !fw3: Allow-SSH */\r\n" +
        "2           0        0 ACCEPT     udp  --  eth1   *       198.51.100.7         0.0.0.0/0            udp dpt:51999\n" +
        "\n" +
        "Chain MINIUPNPD (1 references)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           0        0 ACCEPT     tcp  --  *      *       0.0.0.0/0            192.0.2.20            tcp dpt:8080\n" +
        "\n" +
        "Chain sysmon (0 references)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           0        0 ACCEPT     all  --  *      *       203.0.113.9          0.0.0.0/0           \n";

    private const string Nat =
        "Chain PREROUTING (policy ACCEPT 40 packets, 2400 bytes)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           9      540 REDIRECT   tcp  --  br-lan *       0.0.0.0/0            0.0.0.0/0            tcp dpt:80 redir ports 8888\n" +
        "2          40     2400 zone_wan_prerouting  all  --  eth1   *       0.0.0.0/0            0.0.0.0/0            /* !fw3 */\n" +
        "\n" +
        "Chain zone_wan_prerouting (1 references)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           0        0 DNAT       tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:2323 /* !fw3: cam */ to:192.0.2.23:23\n" +
        "\n" +
        "Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)\n" +
        "num      pkts      bytes target     prot opt in     out     source               destination         \n" +
        "1           0        0 SNAT       all  --  *      eth1    192.0.2.66           0.0.0.0/0            to:203.0.113.77\n";

    private static Dictionary<string, string> Read(string filter, string nat, int piece, out int oversized)
    {
        int longLines = 0;
        var facts = OpenWrtSheetFacts.Of(sheet =>
        {
            var reader = new IptablesFacts(sheet);
            var listing = new IptablesListing(reader, null);
            foreach (var (table, text) in new[] { ("filter", filter), ("nat", nat) })
            {
                reader.StartTable(table);
                listing.Restart();
                var bytes = Encoding.UTF8.GetBytes(text);
                for (int at = 0; at < bytes.Length; at += piece) listing.Write(bytes, at, Math.Min(piece, bytes.Length - at));
                listing.Finish();
            }
            longLines = listing.Oversized;
        });
        oversized = longLines;
        return facts;
    }

    [TestMethod]
    [DataRow(1)] [DataRow(7)] [DataRow(4096)]
    public void UntaggedRules_BecomeFacts_WhateverPiecesTheListingArrivesIn(int piece)
    {
        var facts = Read(Filter, Nat, piece, out _);
        string[] keys = [.. facts.Keys.OrderBy(k => k, StringComparer.Ordinal)];
        Assert.HasCount(6, keys, string.Join("\n", keys));
        Assert.AreEqual(1, keys.Count(k => k.StartsWith("openwrt.iptables.open.filter.INPUT.", StringComparison.Ordinal)), "the backdoor port");
        Assert.AreEqual(1, keys.Count(k => k.StartsWith("openwrt.iptables.rule.filter.INPUT.", StringComparison.Ordinal)), "Mirai's drop of port 23");
        Assert.AreEqual(1, keys.Count(k => k.StartsWith("openwrt.iptables.open.filter.zone_wan_input.", StringComparison.Ordinal)), "an untagged accept in a fw3 zone chain");
        Assert.AreEqual(1, keys.Count(k => k.StartsWith("openwrt.iptables.rule.filter.sysmon.", StringComparison.Ordinal)), "an accept in a chain of the implant's own is not inbound by name");
        Assert.AreEqual(1, keys.Count(k => k.StartsWith("openwrt.iptables.open.nat.PREROUTING.", StringComparison.Ordinal)), "VPNFilter's port-80 redirect");
        Assert.AreEqual(1, keys.Count(k => k.StartsWith("openwrt.iptables.rule.nat.POSTROUTING.", StringComparison.Ordinal)), "an untagged SNAT");
        Assert.IsFalse(keys.Any(k => k.Contains("MINIUPNPD", StringComparison.Ordinal)), "miniupnpd's chain is the UPnP probe's");
        Assert.AreEqual("tcp, tcp dpt:4444: ACCEPT", facts[keys.Single(k => k.StartsWith("openwrt.iptables.open.filter.INPUT.", StringComparison.Ordinal))]);
        Assert.AreEqual("in br-lan, tcp, tcp dpt:80: REDIRECT redir ports 8888", facts[keys.Single(k => k.StartsWith("openwrt.iptables.open.nat.", StringComparison.Ordinal))]);
        Assert.AreEqual("out eth1, src 192.0.2.66: SNAT to:203.0.113.77", facts[keys.Single(k => k.StartsWith("openwrt.iptables.rule.nat.", StringComparison.Ordinal))]);
        Assert.AreEqual("in eth1, udp, src 198.51.100.7, udp dpt:51999: ACCEPT", facts[keys.Single(k => k.Contains(".zone_wan_input.", StringComparison.Ordinal))]);
    }

    [TestMethod]
    public void RuleNumbersAndCounters_DoNotChangeTheFacts()
    {
        var before = Read(Filter, Nat, 4096, out _);
        // Another rule inserted before (numbers shift) and every counter moved: the same facts.
        string later = Filter.Replace("1           0        0 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:4444",
                "1          88     5280 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            /* !fw3: new */\n" +
                "2       99123  7340032 ACCEPT     tcp  --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:4444")
            .Replace("5           3      180 DROP", "6        4411   264660 DROP");
        var after = Read(later, Nat.Replace("1           9      540 REDIRECT", "1       71234  4274040 REDIRECT"), 4096, out _);
        CollectionAssert.AreEquivalent(before.ToList(), after.ToList());
    }

    [TestMethod]
    public void HostileListings_AreBounded()
    {
        var longLine = "1 0 0 ACCEPT tcp -- * * 0.0.0.0/0 0.0.0.0/0 " + new string('x', IptablesListing.LineBytes) + "\n";
        var chainName = "Chain " + new string('c', 40) + " (1 references)\n";
        var rules = new StringBuilder("Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n");
        for (int i = 0; i < IptablesFacts.MaxRuleFacts + 10; i++) rules.Append($"{i + 1} 0 0 ACCEPT tcp -- * * 0.0.0.0/0 0.0.0.0/0 tcp dpt:{1000 + i}\n");
        var facts = Read(longLine + chainName + "1 0 0 ACCEPT all -- * * 0.0.0.0/0 0.0.0.0/0\n" + rules + "garbage \u00ff\u00fe line\n\n\n", "", 64, out int oversized);
        Assert.AreEqual(1, oversized, "the over-long line is counted, not read");
        Assert.AreEqual(IptablesFacts.MaxRuleFacts, facts.Keys.Count(k => k.StartsWith("openwrt.iptables.", StringComparison.Ordinal)));
        Assert.IsTrue(facts.ContainsKey("openwrt.limit.iptables-rules"), "the cut is said");
        Assert.IsFalse(facts.Keys.Any(k => k.Contains("cccc", StringComparison.Ordinal)), "a chain name longer than iptables allows is not a chain");

        // A chain name with bytes a key may not hold: escaped, never a broken fact.
        var odd = Read("Chain a=b%\u0001\u00e9 (1 references)\n1 0 0 DROP all -- * * 0.0.0.0/0 0.0.0.0/0\n", "", 5, out _);
        Assert.AreEqual(1, odd.Keys.Count(k => k.StartsWith("openwrt.iptables.rule.filter.a%3Db%25%01??.", StringComparison.Ordinal)), string.Join("\n", odd.Keys));
    }
}
