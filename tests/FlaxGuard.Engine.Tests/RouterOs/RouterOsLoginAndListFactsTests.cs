using System.Text;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.RouterOs;

/// <summary>
/// Issue 13's fourth RouterOS round on answers written out by hand: firewall address lists (IPv4 and IPv6) and whether
/// an accept rule lets a list in, the IPv6 filter and NAT, SSH server settings, RADIUS and /user/aaa, the NTP client,
/// and how each is rated. Addresses are documentation ranges (RFC 5737, RFC 3849).
/// </summary>
[TestClass]
public sealed class RouterOsLoginAndListFactsTests
{
    private static JsonValue Parse(string json) => RouterOsAnswers.Parse(json);

    private static Dictionary<string, string> Facts(RouterOsFactBuffer buffer) => RouterOsAnswers.Facts(buffer);

    private const string Filter = """
        [{".id":"*1","chain":"input","action":"accept","src-address-list":"mgmt","protocol":"tcp","dst-port":"8291","disabled":"false","dynamic":"false","bytes":"9"},
         {".id":"*2","chain":"forward","action":"accept","src-address-list":"!blocked","disabled":"false","dynamic":"false"},
         {".id":"*3","chain":"input","action":"drop","src-address-list":"bad","disabled":"false","dynamic":"false"},
         {".id":"*4","chain":"input","action":"accept","src-address-list":"old","disabled":"true","dynamic":"false"},
         {".id":"*5","chain":"forward","action":"accept","src-address-list":"Partners","disabled":"false","dynamic":"false"}]
        """;

    [TestMethod]
    public void AddressList_StaticEntriesOnly_AcceptedListsMarked()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsFirewallFacts.FromFilter(Parse(Filter), facts));
        Assert.IsNull(RouterOsAddressListFacts.FromEntries(Parse("""
            [{".id":"*A","list":"mgmt","address":"192.0.2.10","disabled":"false","dynamic":"false"},
             {".id":"*B","list":"mgmt","address":"  198.51.100.0/24 ","disabled":"false","dynamic":"false"},
             {".id":"*C","list":"mgmt","address":"203.0.113.7","disabled":"false","dynamic":"true","timeout":"23:59:00"},
             {".id":"*D","list":"mgmt","address":"203.0.113.8","disabled":"false","dynamic":"false","timeout":"1d"},
             {".id":"*E","list":"mgmt","address":"203.0.113.9","disabled":"true","dynamic":"false"},
             {".id":"*F","list":"bad","address":"203.0.113.66","disabled":"false","dynamic":"false","creation-time":"2026-01-01 00:00:00"},
             {".id":"*10","list":"blocked","address":"203.0.113.1","disabled":"false","dynamic":"false"},
             {".id":"*11","list":"Partners","address":"Partner.Example","disabled":"false","dynamic":"false"},
             {".id":"*12","list":"old","address":"203.0.113.2","disabled":"false","dynamic":"false"},
             {".id":"*13","list":"odd=list","address":"203.0.113.3","timeout":"","disabled":"false","dynamic":"false"}]
            """), false, facts));
        var actual = Facts(facts).Where(f => f.Key.StartsWith("cfg.address-list", StringComparison.Ordinal)).ToDictionary();
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.address-list.accept.mgmt.192.0.2.10"] = "accepted",
            ["cfg.address-list.accept.mgmt.198.51.100.0/24"] = "accepted",
            ["cfg.address-list.entry.bad.203.0.113.66"] = "listed",
            ["cfg.address-list.entry.blocked.203.0.113.1"] = "listed",
            ["cfg.address-list.accept.partners.partner.example"] = "accepted",
            ["cfg.address-list.entry.old.203.0.113.2"] = "listed",
            ["cfg.address-list.entry.odd%3Dlist.203.0.113.3"] = "listed",
        }.ToList(), actual.ToList());
        Assert.AreEqual("address-list entry 1 names no list", RouterOsAddressListFacts.FromEntries(Parse("""[{"address":"192.0.2.1"}]"""), false, new RouterOsFactBuffer()));
        Assert.AreEqual("address-list entry 1 has no address", RouterOsAddressListFacts.FromEntries(Parse("""[{"list":"x"}]"""), false, new RouterOsFactBuffer()));
        StringAssert.StartsWith(RouterOsAddressListFacts.FromEntries(Parse("""[{"list":"x","address":"192.0.2.1","dynamic":"maybe"}]"""), false, new RouterOsFactBuffer()), "address-list entry 1: ");
    }

    [TestMethod]
    public void AddressList6_UsesTheIpv6FiltersAcceptRules_NotIpv4s()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsFirewallFacts.FromFilter(Parse(Filter), facts));
        Assert.IsNull(RouterOsFirewallFacts.FromFilter6(Parse("""[{"chain":"input","action":"accept","src-address-list":"admins6","disabled":"false","dynamic":"false"}]"""), facts));
        Assert.IsNull(RouterOsAddressListFacts.FromEntries(Parse("""
            [{"list":"admins6","address":"2001:DB8::/48","disabled":"false","dynamic":"false"},
             {"list":"mgmt","address":"2001:db8:1::1/128","disabled":"false","dynamic":"false"}]
            """), true, facts));
        var actual = Facts(facts);
        Assert.AreEqual("accepted", actual["cfg.address-list6.accept.admins6.2001:db8::/48"]);
        Assert.AreEqual("listed", actual["cfg.address-list6.entry.mgmt.2001:db8:1::1/128"]);
        Assert.ContainsSingle(actual.Keys.Where(k => k.StartsWith("cfg.firewall6.input.accept.", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Firewall6AndNat6_AreDigestedLikeIpv4_WithTheirOwnKeys()
    {
        var a = new RouterOsFactBuffer();
        var b = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsFirewallFacts.FromFilter6(Parse("""[{".id":"*1","chain":"forward","action":"accept","protocol":"tcp","dst-port":"22,3389","bytes":"1","disabled":"false"}]"""), a));
        Assert.IsNull(RouterOsFirewallFacts.FromFilter6(Parse("""[{".id":"*7","dst-port":"3389,22","action":"accept","protocol":"TCP","chain":"forward","bytes":"900","packets":"3","comment":"x"}]"""), b));
        CollectionAssert.AreEquivalent(Facts(a).ToList(), Facts(b).ToList());
        StringAssert.StartsWith(Facts(a).Keys.Single(), "cfg.firewall6.forward.accept.");
        var nat = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsFirewallFacts.FromNat6(Parse("""[{"chain":"dstnat","action":"dst-nat","to-address":"2001:db8::66","protocol":"tcp","dst-port":"443","disabled":"false","dynamic":"false"}]"""), nat));
        StringAssert.StartsWith(Facts(nat).Keys.Single(), "cfg.nat6.dstnat.dst-nat.");
    }

    [TestMethod]
    public void Ssh_ForwardingPasswordLoginAndWeakCrypto()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsLoginFacts.FromSsh(Parse("""{"forwarding-enabled":"both","always-allow-password-login":"yes","strong-crypto":"no","host-key-size":"2048","host-key-type":"rsa"}"""), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.ssh.forwarding"] = "both",
            ["cfg.ssh.password-login"] = "always",
            ["cfg.ssh.weak-crypto"] = "allowed",
        }.ToList(), Facts(facts).ToList());
        var quiet = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsLoginFacts.FromSsh(Parse("""{"forwarding-enabled":"no","always-allow-password-login":"false","strong-crypto":"true"}"""), quiet));
        Assert.IsEmpty(Facts(quiet));
        // RouterOS 6 wrote yes/no; a release without strong-crypto reports nothing for it.
        var old = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsLoginFacts.FromSsh(Parse("""{"forwarding-enabled":"yes"}"""), old));
        Assert.AreEqual("yes", Facts(old).Single(f => f.Key == "cfg.ssh.forwarding").Value);
        Assert.ContainsSingle(Facts(old));
        StringAssert.StartsWith(RouterOsLoginFacts.FromSsh(Parse("""{"strong-crypto":"sometimes"}"""), new RouterOsFactBuffer()), "the SSH settings: ");
    }

    [TestMethod]
    public void Radius_LoginServersNeedUserAaa_SecretsNeverRead()
    {
        var facts = new RouterOsFactBuffer();
        var login = RouterOsLoginFacts.FromRadius(Parse("""
            [{"address":"203.0.113.66","service":"ppp,login","disabled":"false","secret":"lab-radius-secret"},
             {"address":"192.0.2.5","service":"hotspot","disabled":"false"},
             {"address":"192.0.2.6","service":"login","disabled":"true"}]
            """), facts, out var problem);
        Assert.IsNull(problem);
        CollectionAssert.AreEqual(new[] { "203.0.113.66" }, login!.Cast<string>().ToArray());
        Assert.IsNull(RouterOsLoginFacts.FromUserAaa(Parse("""{"use-radius":"yes","default-group":"full","accounting":"yes","interim-update":"0s"}"""), login, facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.radius.server.203.0.113.66"] = "login,ppp",
            ["cfg.radius.server.192.0.2.5"] = "hotspot",
            ["cfg.radius.user-login"] = "on default-group=full",
            ["cfg.radius.login.203.0.113.66"] = "router logins",
        }.ToList(), Facts(facts).ToList());
        Assert.IsFalse(Facts(facts).Values.Any(v => v.Contains("secret", StringComparison.Ordinal)));

        var off = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsLoginFacts.FromUserAaa(Parse("""{"use-radius":"false","default-group":"read"}"""), login, off));
        Assert.IsEmpty(Facts(off));
        Assert.IsNull(RouterOsLoginFacts.FromRadius(Parse("[]"), new RouterOsFactBuffer(), out problem));
        Assert.IsNull(problem);
        RouterOsLoginFacts.FromRadius(Parse("""[{"service":"login"}]"""), new RouterOsFactBuffer(), out problem);
        Assert.AreEqual("RADIUS server 1 has no address", problem);
    }

    [TestMethod]
    public void NtpClient_ServersWhileEnabled_InEitherReleasesFields()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromNtpClient(Parse("""{"enabled":"true","mode":"unicast","servers":"Time.Example, 192.0.2.123","status":"synchronized","freq-drift":"1.2 PPM"}"""), facts));
        CollectionAssert.AreEquivalent(new[] { "cfg.ntp.server.192.0.2.123", "cfg.ntp.server.time.example" }, Facts(facts).Keys.ToArray());
        var old = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromNtpClient(Parse("""{"enabled":"yes","primary-ntp":"192.0.2.123","secondary-ntp":"0.0.0.0","server-dns-names":""}"""), old));
        CollectionAssert.AreEquivalent(new[] { "cfg.ntp.server.192.0.2.123" }, Facts(old).Keys.ToArray());
        var off = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromNtpClient(Parse("""{"enabled":"false","servers":"192.0.2.123"}"""), off));
        Assert.IsEmpty(Facts(off));
    }

    [TestMethod]
    public void GroupPolicies_ReadInPlace_GiveWhatTheStringPathGives()
    {
        // The first is read from the answer's bytes; the spaced and escaped ones take the string path.
        string[] spellings =
        [
            "\"Write,read,!ftp,policy,read\"",
            "\" write , READ, !ftp ,policy\"",
            "\"write,read,\\u0021ftp,policy\"",
        ];
        Dictionary<string, string>? first = null;
        foreach (var policy in spellings)
        {
            var facts = new RouterOsFactBuffer();
            var admin = RouterOsAccessFacts.FromGroups(Parse("[{\"name\":\"ops\",\"policy\":" + policy + "}]"), facts, out var problem);
            Assert.IsNull(problem, policy);
            Assert.IsTrue(admin!.ContainsKey("ops"), policy);
            first ??= Facts(facts);
            CollectionAssert.AreEquivalent(first.ToList(), Facts(facts).ToList(), policy);
        }
        Assert.AreEqual("policy,read,write", first!["cfg.usergroup.ops"]);
        var flag = new RouterOsFactBuffer();
        Assert.IsNotNull(RouterOsAccessFacts.FromGroups(Parse("""[{"name":"odd","policy":"yes"},{"name":"empty","policy":""}]"""), flag, out _));
        Assert.AreEqual("yes", Facts(flag)["cfg.usergroup.odd"]);
        Assert.AreEqual("none", Facts(flag)["cfg.usergroup.empty"]);
        RouterOsAccessFacts.FromGroups(Parse("""[{"name":"nopolicy"}]"""), new RouterOsFactBuffer(), out var missing);
        Assert.AreEqual("group 1 has no name or policy", missing);
    }

    [TestMethod]
    [DataRow(DriftKind.Added, "cfg.address-list.accept.mgmt.203.0.113.66", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.address-list.entry.bogons.203.0.113.66", Severity.Medium)]
    [DataRow(DriftKind.Removed, "cfg.address-list.accept.mgmt.203.0.113.66", Severity.Low)]
    [DataRow(DriftKind.Added, "cfg.address-list6.accept.mgmt.2001:db8::66", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.address-list6.entry.x.2001:db8::66", Severity.Medium)]
    [DataRow(DriftKind.Added, "cfg.firewall6.input.accept.0123456789abcdef", Severity.High)]
    [DataRow(DriftKind.Removed, "cfg.firewall6.forward.drop.0123456789abcdef", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.firewall6.forward.drop.0123456789abcdef", Severity.Medium)]
    [DataRow(DriftKind.Added, "cfg.nat6.dstnat.dst-nat.0123456789abcdef", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.route.main.::/0", Severity.Critical)]
    [DataRow(DriftKind.Added, "cfg.route.main.2001:db8:5::/48", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.ssh.forwarding", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.ssh.password-login", Severity.Medium)]
    [DataRow(DriftKind.Added, "cfg.ssh.weak-crypto", Severity.Medium)]
    [DataRow(DriftKind.Removed, "cfg.ssh.forwarding", Severity.Info)]
    [DataRow(DriftKind.Added, "cfg.radius.login.203.0.113.66", Severity.Critical)]
    [DataRow(DriftKind.Added, "cfg.radius.server.203.0.113.66", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.radius.user-login", Severity.High)]
    [DataRow(DriftKind.Added, "cfg.dns.remote-requests", Severity.High)]
    [DataRow(DriftKind.Removed, "cfg.dns.remote-requests", Severity.Info)]
    [DataRow(DriftKind.Added, "cfg.dns.server.203.0.113.66", Severity.Critical)]
    [DataRow(DriftKind.Changed, "cfg.ntp.server.time.example", Severity.Medium)]
    public void FourthRoundKeys_AreRatedAsTheReadmeSays(DriftKind kind, string key, Severity expected)
    {
        var rule = DeviceFamilies.CreateDriftRules().Find(kind, key);
        Assert.IsNotNull(rule, key);
        Assert.AreEqual(expected, rule.Severity, key + " " + rule.Code);
    }
}
