using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>The ubus probe against an OpenWrt 21.02 twin: firewall3 on iptables, no nft for cgi-io to run.</summary>
[TestClass]
public sealed class UbusFirewall3TwinTests
{
    private static Task<OpenWrtTwin> StartFirewall3Async() =>
        OpenWrtTwin.StartAsync(OpenWrtLab.NextAddress(), 0, OpenWrtLab.User, OpenWrtLab.Password, firewall3: true, CancellationToken.None);

    [TestMethod]
    public async Task StockRouter_ReadsIptablesInsteadOfNft_AndFw3sOwnRulesGiveNoFacts()
    {
        await using var twin = await StartFirewall3Async();
        // Rules and redirects from uci config firewall are fw3's: it tags them "!fw3: NAME".
        twin.Apply(TwinChanges.WanAdmin);
        twin.Apply(TwinChanges.PortForward);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var facts = output.Facts.ToArray();
        Assert.AreEqual("21.02.7", facts.Single(f => f.Key == "fw.version").Value);
        Assert.IsFalse(facts.Any(f => f.Key.StartsWith("openwrt.limit.", StringComparison.Ordinal)), OpenWrtLab.Describe(output));
        Assert.IsFalse(facts.Any(f => f.Key.StartsWith("openwrt.iptables.", StringComparison.Ordinal) || f.Key.StartsWith("openwrt.nft.", StringComparison.Ordinal)),
            OpenWrtLab.Describe(output));
        Assert.AreEqual(2, twin.Execs, "iptables listed the filter and the nat table (nft was not found)");
        Assert.IsTrue(facts.Any(f => f.Key == "cfg.forward.tcp.2323"), "the redirect is still reported from the settings");
    }

    [TestMethod]
    public async Task ImplantRules_AreFactsWithTheirSketch()
    {
        await using var twin = await StartFirewall3Async();
        twin.Apply(TwinChanges.IptablesRedirect);
        twin.Apply(TwinChanges.IptablesDrop);
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var rules = output.Facts.ToArray().Where(f => f.Key.StartsWith("openwrt.iptables.", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(3, rules, OpenWrtLab.Describe(output));
        Assert.AreEqual("in br-lan, tcp, tcp dpt:80: REDIRECT redir ports 8888", rules.Single(f => f.Key.StartsWith("openwrt.iptables.open.nat.PREROUTING.", StringComparison.Ordinal)).Value);
        CollectionAssert.AreEquivalent(new[] { "tcp, tcp dpt:23: DROP", "tcp, tcp dpt:2323: DROP" },
            rules.Where(f => f.Key.StartsWith("openwrt.iptables.rule.filter.INPUT.", StringComparison.Ordinal)).Select(f => f.Value).ToArray());
    }

    [TestMethod]
    public async Task AccountWithoutFirewallStatusRights_GetsALimitFact_AndIsStillVerified()
    {
        await using var twin = await StartFirewall3Async();
        twin.Mutate(s => s.AddLogin("monitor", "Monitor-Pass-31", ["unauthenticated", "luci-access", "luci-base", "luci-mod-*", "luci-app-opkg", "flaxguard-read"], []));
        twin.Mutate(s => s.AclGroups.Remove("luci-mod-status-firewall"));
        var (output, _, _) = OpenWrtLab.Run(twin, OpenWrtLab.Options(twin, "monitor", "Monitor-Pass-31"));
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        StringAssert.Contains(output.Facts.ToArray().Single(f => f.Key.StartsWith("openwrt.limit.", StringComparison.Ordinal)).Value, "luci-mod-status-firewall");
        Assert.AreEqual(0, twin.Execs);
    }
}
