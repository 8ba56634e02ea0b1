using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Tests.RouterOs;

/// <summary>
/// Issue 13's third RouterOS round on answers written out by hand: routes, routing rules, DHCP networks, proxy access,
/// MAC access, bandwidth test, SMB, traffic-flow targets, IPsec, containers, certificates, password policy, logging
/// rules and the www-ssl certificate. Field names as community.routeros's _api_data.py lists them.
/// </summary>
[TestClass]
public sealed class RouterOsDepthFactsTests
{
    private static JsonValue Parse(string json) => RouterOsAnswers.Parse(json);

    private static Dictionary<string, string> Facts(RouterOsFactBuffer buffer) => RouterOsAnswers.Facts(buffer);

    [TestMethod]
    public void Routes_KeepStaticOnes_ByTableAndDestination()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsRouteFacts.FromRoutes(Parse("""
            [{"dst-address":"0.0.0.0/0","gateway":"198.51.100.1","routing-table":"main","distance":"1","dynamic":"true","disabled":"false"},
             {"dst-address":"198.18.0.0/16","gateway":"lvpn, 100.64.88.254","routing-table":"exfil","distance":"2","dynamic":"false","disabled":"false"},
             {"dst-address":"192.0.2.0/24","blackhole":"yes","dynamic":"false","disabled":"false"},
             {"dst-address":"198.51.100.0/24","gateway":"ether1","dynamic":"false","disabled":"true"},
             {"dst-address":"::/0","gateway":"fe80::1%ether1","dynamic":"false","disabled":"false","blackhole":""}]
            """), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.route.exfil.198.18.0.0/16"] = "gw=100.64.88.254,lvpn distance=2",
            ["cfg.route.main.192.0.2.0/24"] = "blackhole",
            ["cfg.route.main.::/0"] = "gw=fe80::1%ether1",
        }.ToList(), Facts(facts).ToList());
        Assert.AreEqual("route 1 has no destination", RouterOsRouteFacts.FromRoutes(Parse("[{\"gateway\":\"x\"}]"), new RouterOsFactBuffer()));
        StringAssert.StartsWith(RouterOsRouteFacts.FromRoutes(Parse("[{\"dst-address\":\"0.0.0.0/0\",\"dynamic\":\"maybe\"}]"), new RouterOsFactBuffer()), "route 1: ");
    }

    [TestMethod]
    public void RoutingRules_AreKeyedByContent_NotOrderOrCounters()
    {
        var a = new RouterOsFactBuffer();
        var b = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsRouteFacts.FromRoutingRules(Parse("""[{".id":"*1","src-address":"100.64.88.0/24","action":"lookup-only-in-table","table":"exfil","disabled":"false","inactive":"false"}]"""), a));
        Assert.IsNull(RouterOsRouteFacts.FromRoutingRules(Parse("""[{".id":"*9","table":"exfil","action":"lookup-only-in-table","src-address":"100.64.88.0/24","inactive":"true","comment":"x"}]"""), b));
        CollectionAssert.AreEquivalent(Facts(a).ToList(), Facts(b).ToList());
        Assert.AreEqual("lookup-only-in-table src-address=100.64.88.0/24 table=exfil", Facts(a).Values.Single());
        StringAssert.StartsWith(Facts(a).Keys.Single(), "cfg.routing.rule.");
    }

    [TestMethod]
    public void DhcpNetworks_SayWhatClientsAreTold()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsRouteFacts.FromDhcpNetworks(Parse("""
            [{"address":"100.64.88.0/24","gateway":"100.64.88.1","dns-server":"203.0.113.66, 100.64.88.1"},
             {"address":"100.64.89.0/24","gateway":"","dns-server":"","dns-none":"true"},
             {"address":"100.64.90.0/24","gateway":"100.64.90.1","dns-server":""}]
            """), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.dhcp.network.100.64.88.0/24"] = "gw=100.64.88.1 dns=100.64.88.1,203.0.113.66",
            ["cfg.dhcp.network.100.64.89.0/24"] = "gw=none dns=none",
            ["cfg.dhcp.network.100.64.90.0/24"] = "gw=100.64.90.1 dns=router",
        }.ToList(), Facts(facts).ToList());
        Assert.AreEqual("DHCP network 1 has no address", RouterOsRouteFacts.FromDhcpNetworks(Parse("[{\"gateway\":\"x\"}]"), new RouterOsFactBuffer()));
    }

    [TestMethod]
    public void ProxyAccess_WithoutADenyRule_IsOpen()
    {
        var open = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsExposureFacts.FromProxyAccess(Parse("""[{"src-address":"0.0.0.0/0","action":"allow","disabled":"false"}]"""), "cfg.proxy.web", open));
        var facts = Facts(open);
        Assert.AreEqual("any client", facts["cfg.proxy.web.open"]);
        Assert.AreEqual("allow src-address=0.0.0.0/0", facts.Single(f => f.Key.StartsWith("cfg.proxy.web.access.", StringComparison.Ordinal)).Value);

        var closed = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsExposureFacts.FromProxyAccess(Parse("""
            [{"src-address":"100.64.88.0/24","action":"allow","disabled":"false"},{"action":"deny","disabled":"false"},{"action":"allow","disabled":"true"}]
            """), "cfg.proxy.socks", closed));
        facts = Facts(closed);
        Assert.IsFalse(facts.ContainsKey("cfg.proxy.socks.open"));
        Assert.HasCount(2, facts);

        var empty = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsExposureFacts.FromProxyAccess(Parse("[]"), "cfg.proxy.socks", empty));
        Assert.AreEqual("any client", Facts(empty)["cfg.proxy.socks.open"]);
    }

    [TestMethod]
    public void MacServer_BandwidthTest_Smb_AndFlowTargets()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsExposureFacts.FromMacServer(Parse("""{"allowed-interface-list":" All "}"""), "telnet", facts));
        Assert.IsNull(RouterOsExposureFacts.FromMacServer(Parse("""{"allowed-interface-list":"none"}"""), "winbox", facts));
        Assert.IsNull(RouterOsExposureFacts.FromBandwidthServer(Parse("""{"enabled":"yes","authenticate":"no"}"""), facts));
        Assert.IsNull(RouterOsExposureFacts.FromSmb(Parse("""{"enabled":"auto","interfaces":"bridge"}"""), facts));
        // 7.15 and later: dst-address and port; before: one address of ADDRESS:PORT.
        Assert.IsNull(RouterOsExposureFacts.FromFlowTargets(Parse("""
            [{"dst-address":"203.0.113.66","port":"2055","version":"9","disabled":"false"},{"address":"192.0.2.9:9996","version":"5"},{"dst-address":"192.0.2.10","disabled":"true"}]
            """), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.mac.telnet"] = "all",
            ["cfg.btest"] = "auth=no",
            ["cfg.smb"] = "enabled=auto interfaces=bridge",
            ["cfg.traffic-flow.target.203.0.113.66:2055"] = "version=9",
            ["cfg.traffic-flow.target.192.0.2.9:9996"] = "version=5",
        }.ToList(), Facts(facts).ToList());

        var off = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsExposureFacts.FromSmb(Parse("""{"enabled":"no","interfaces":"all"}"""), off));
        Assert.IsNull(RouterOsExposureFacts.FromBandwidthServer(Parse("""{"enabled":"false"}"""), off));
        Assert.IsEmpty(Facts(off));
        Assert.AreEqual("the MAC telnet settings do not name an allowed interface list", RouterOsExposureFacts.FromMacServer(Parse("{}"), "telnet", off));
        Assert.AreEqual("traffic-flow target 1 has no address", RouterOsExposureFacts.FromFlowTargets(Parse("[{\"version\":\"9\"}]"), off));
    }

    [TestMethod]
    public void Certificates_OnlyTrustedAuthorities_ByFingerprint()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsTrustFacts.FromCertificates(Parse("""
            [{"name":"ca","common-name":"Lab CA","authority":"true","trusted":"true","fingerprint":"AD9B324E93DEE5135D2F6292480B78A5E00AE7AB44BF082B10CB1947993793C7"},
             {"name":"web","common-name":"router.lan","authority":"false","trusted":"true","fingerprint":"00"},
             {"name":"untrusted","common-name":"Other CA","authority":"true","trusted":"false","fingerprint":"11"}]
            """), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["cfg.cert.ca.ad9b324e93dee513"] = "Lab CA" }.ToList(), Facts(facts).ToList());
        StringAssert.StartsWith(RouterOsTrustFacts.FromCertificates(Parse("[{\"authority\":\"perhaps\"}]"), new RouterOsFactBuffer()), "certificate 1: ");
    }

    [TestMethod]
    public void Ipsec_PeersAndIdentities_WithoutSecrets_AndWithoutDynamicOnes()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsTrustFacts.FromIpsecPeers(Parse("""
            [{"name":"peer-x","address":"203.0.113.66/32","exchange-mode":"ike2","passive":"false","disabled":"false","dynamic":"false"},
             {"name":"l2tp-in-server","address":"::/0","passive":"true","dynamic":"true"},
             {"address":"192.0.2.7","passive":"true"}]
            """), facts));
        Assert.IsNull(RouterOsTrustFacts.FromIpsecIdentities(Parse("""[{"peer":"peer-x","auth-method":"pre-shared-key","secret":"never","generate-policy":"port-strict"}]"""), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.ipsec.peer.peer-x"] = "address=203.0.113.66/32 mode=ike2",
            ["cfg.ipsec.peer.192.0.2.7"] = "address=192.0.2.7 mode=main passive",
            ["cfg.ipsec.identity.peer-x"] = "auth=pre-shared-key policy=port-strict",
        }.ToList(), Facts(facts).ToList());
        Assert.AreEqual("IPsec identity 1 names no peer", RouterOsTrustFacts.FromIpsecIdentities(Parse("[{}]"), new RouterOsFactBuffer()));
    }

    [TestMethod]
    public void Containers_ByName_OrTag_OrRootDirectory()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsTrustFacts.FromContainers(Parse("""
            [{"name":"sys","remote-image":"docker.io/x/y:1","interface":"veth1","root-dir":"usb1/sys"},
             {"tag":"pihole:latest","file":"usb1/pihole.tar","root-dir":"usb1/ph"},
             {"root-dir":"usb1/anon"}]
            """), facts));
        var all = Facts(facts);
        Assert.AreEqual("image=docker.io/x/y:1 interface=veth1", all["cfg.container.sys"]);
        Assert.AreEqual("file=usb1/pihole.tar", all["cfg.container.pihole:latest"]);
        Assert.AreEqual("file=none", all.Single(f => f.Key.Length == "cfg.container.".Length + 16).Value);
        Assert.AreEqual("container 1 has neither a name, a tag nor a root directory", RouterOsTrustFacts.FromContainers(Parse("[{}]"), new RouterOsFactBuffer()));
    }

    [TestMethod]
    public void LoggingRules_TopicsPerAction_InAnyOrder()
    {
        var a = new RouterOsFactBuffer();
        var b = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsTrustFacts.FromLoggingRules(Parse("""[{"topics":"info","action":"memory"},{"topics":"error","action":"memory"},{"topics":"debug","action":"memory","disabled":"true"},{"topics":"system, Account","action":"siem"}]"""), a));
        Assert.IsNull(RouterOsTrustFacts.FromLoggingRules(Parse("""[{"topics":"account,system","action":"siem"},{"topics":"error","action":"memory"},{"topics":"info","action":"memory"}]"""), b));
        CollectionAssert.AreEquivalent(Facts(a).ToList(), Facts(b).ToList());
        Assert.AreEqual("error,info", Facts(a)["cfg.log.to.memory"]);
        Assert.AreEqual("account,system", Facts(a)["cfg.log.to.siem"]);
    }

    [TestMethod]
    public void UserSettings_GivePasswordPolicy()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsTrustFacts.FromUserSettings(Parse("""{"minimum-categories":"0","minimum-password-length":"8"}"""), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["cfg.password.min-length"] = "8", ["cfg.password.min-categories"] = "0" }.ToList(), Facts(facts).ToList());
    }

    [TestMethod]
    public void Services_NameTheTlsCertificate_AndOpenAdminIsRemote()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsAccessFacts.FromServices(Parse("""
            [{"name":"www-ssl","port":"443","address":"","certificate":"Evil-Cert","disabled":"false"},
             {"name":"api-ssl","port":"8729","address":"100.64.88.0/24","certificate":"none","disabled":"false"}]
            """), facts));
        var all = Facts(facts);
        Assert.AreEqual("port=443 from=any cert=evil-cert", all["cfg.service.www-ssl"]);
        Assert.AreEqual("port=443 from=any cert=evil-cert", all["cfg.remote.www-ssl"]);
        Assert.AreEqual("port=8729 from=100.64.88.0/24", all["cfg.service.api-ssl"]);
        Assert.IsFalse(all.ContainsKey("cfg.remote.api-ssl"));
    }

    [TestMethod]
    public void OpenResolver_IsAFact()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromDns(Parse("""{"servers":"","allow-remote-requests":"yes"}"""), facts));
        Assert.AreEqual("on", Facts(facts)["cfg.dns.remote-requests"]);
    }
}
