using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.RouterOs;

namespace FlaxGuard.Probes.Tests.RouterOs;

/// <summary>
/// Issue 13's third RouterOS round against the twin: menus a release or package lacks are "not supported" facts, not
/// failed probes; a hostile answer on any of the new menus is still "could not verify" with no partial facts; IPsec and
/// container secrets never reach a fact; proxy access rules are read only while the proxy runs.
/// </summary>
[TestClass]
public sealed class RouterOsDepthProbeTests
{
    private static readonly string[] OptionalMenus =
    [
        "ip/dhcp-server/network", "ip/firewall/mangle", "ip/firewall/raw", "ip/route", "routing/rule", "tool/mac-server", "tool/mac-server/mac-winbox",
        "tool/bandwidth-server", "ip/smb", "ip/traffic-flow", "ip/ipsec/peer", "certificate", "user/settings", "system/logging",
        // Issue 13's fourth round (IPv6 menus are missing while RouterOS 6's ipv6 package is disabled; /ipv6/firewall/nat before 7.1).
        "ip/firewall/address-list", "ipv6/firewall/filter", "ipv6/firewall/nat", "ipv6/firewall/address-list", "ipv6/route", "ip/ssh", "radius",
        "system/ntp/client",
    ];

    [TestMethod]
    public async Task MenusTheReleaseLacks_AreUnsupportedFacts_NotFailures()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Mutate(s => s.AbsentMenus.UnionWith(OptionalMenus));
        var output = RouterOsLab.RunVerified(twin);
        var expected = string.Join(",", OptionalMenus.Select(m => "/" + m).Append("/container").Order(StringComparer.Ordinal));
        Assert.AreEqual(expected, output.Facts.Get("routeros.unsupported")!.Value);
        Assert.IsNull(output.Facts.Get("cfg.mac.telnet"));
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith("cfg.address-list", StringComparison.Ordinal) || f.Key.StartsWith("cfg.firewall6.", StringComparison.Ordinal)
            || f.Key.StartsWith("cfg.ssh.", StringComparison.Ordinal) || f.Key.StartsWith("cfg.ntp.", StringComparison.Ordinal)));
        Assert.IsNotNull(output.Facts.Get("cfg.user.admin"), "the menus every release has are still read");
    }

    [TestMethod]
    [DataRow("/ip/route", RouterOsHostility.WrongTypes)]
    [DataRow("/ip/firewall/raw", RouterOsHostility.OversizedBody)]
    [DataRow("/certificate", RouterOsHostility.ServerError)]
    [DataRow("/system/logging", RouterOsHostility.WrongShape)]
    [DataRow("/ip/ipsec/peer", RouterOsHostility.NestedValue)]
    [DataRow("/ip/firewall/address-list", RouterOsHostility.WrongTypes)]
    [DataRow("/ipv6/firewall/filter", RouterOsHostility.OversizedBody)]
    [DataRow("/ipv6/route", RouterOsHostility.TruncatedJson)]
    [DataRow("/ip/ssh", RouterOsHostility.WrongShape)]
    [DataRow("/radius", RouterOsHostility.NestedValue)]
    [DataRow("/system/ntp/client", RouterOsHostility.DuplicateMember)]
    public async Task HostileAnswerOnANewMenu_IsCouldNotVerify_WithNoFacts(string menu, RouterOsHostility hostility)
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Hostility = hostility;
        twin.HostileMenu = menu;
        var (output, _, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        var verdict = RouterOsLab.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, menu);
        Assert.AreEqual(0, output.Facts.Count);
    }

    [TestMethod]
    public async Task NoSuchMenu_OnANewMenu_IsOnlyUnsupported()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Hostility = RouterOsHostility.NoSuchMenu;
        twin.HostileMenu = "/routing/rule";
        var output = RouterOsLab.RunVerified(twin);
        Assert.AreEqual("/container,/routing/rule", output.Facts.Get("routeros.unsupported")!.Value);
    }

    [TestMethod]
    public async Task RadiusSecret_NeverReachesAFact_AndUserAaaIsReadOnlyForALoginServer()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var before = twin.Requests;
        var (clean, _, probe) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        Assert.AreEqual(65, probe.LastRequestCount, "no RADIUS server: /user/aaa is not asked for");
        Assert.IsNull(clean.Facts.Get("cfg.radius.user-login"));
        twin.Apply(TwinChanges.RadiusLogin);
        var (output, _, again) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        Assert.AreEqual(66, again.LastRequestCount);
        Assert.AreEqual("on default-group=full", output.Facts.Get("cfg.radius.user-login")!.Value);
        Assert.AreEqual("login", output.Facts.Get("cfg.radius.server." + RouterOsTwinState.AttackerHost)!.Value);
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Value.Contains("lab-radius-secret", StringComparison.Ordinal)));
        Assert.IsGreaterThan(before, twin.Requests);
    }

    [TestMethod]
    public async Task IpsecAndContainerSecrets_NeverReachAFact()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Apply(TwinChanges.IpsecPeer);
        twin.Apply(TwinChanges.DynamicEntries);
        twin.Apply(TwinChanges.ContainerAdded);
        var output = RouterOsLab.RunVerified(twin);
        var all = string.Join("\n", output.Facts.ToArray().Select(f => f.ToString()));
        foreach (var secret in new[] { "lab-ipsec-secret", "lab-l2tp-psk" })
            Assert.IsFalse(all.Contains(secret, StringComparison.Ordinal), "an IPsec secret reached a fact");
        Assert.IsNull(output.Facts.Get("cfg.ipsec.peer.l2tp-in-server"), "the L2TP server's dynamic peer is not configuration");
        Assert.AreEqual("auth=pre-shared-key policy=port-strict", output.Facts.Get("cfg.ipsec.identity.peer-x")!.Value);
        Assert.IsNull(output.Facts.Get("routeros.unsupported"), "with the container package enabled every menu exists");
    }

    [TestMethod]
    public async Task ProxyAccessRules_AreReadOnlyWhileTheProxyRuns()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var before = twin.Requests;
        RouterOsLab.RunVerified(twin);
        var off = twin.Requests - before;
        twin.Mutate(s =>
        {
            s.Proxy["enabled"] = "true";
            s.ProxyAccess.Add(new RouterOsTwinState.Row(1, ("src-address", "100.64.88.0/24"), ("action", "allow"), ("disabled", "false"), ("dynamic", "false")));
            s.ProxyAccess.Add(new RouterOsTwinState.Row(2, ("action", "deny"), ("disabled", "false"), ("dynamic", "false")));
        });
        before = twin.Requests;
        var output = RouterOsLab.RunVerified(twin);
        Assert.AreEqual(off + 1, twin.Requests - before, "one more request: the access rules");
        Assert.IsNull(output.Facts.Get("cfg.proxy.web.open"), "a deny rule closes the proxy to others");
        Assert.HasCount(2, output.Facts.ToArray().Where(f => f.Key.StartsWith("cfg.proxy.web.access.", StringComparison.Ordinal)).ToList());
    }
}
