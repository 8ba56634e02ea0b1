using System.Text;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Wording;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>The readers of issue 13's second round on their own: feeds, keep lists, uhttpd, dropbear, routes, their drift codes.</summary>
[TestClass]
public sealed class SecondRoundFactsTests
{
    private static Dictionary<string, string> Facts(Action<OpenWrtFactSheet> read) => OpenWrtSheetFacts.Of(read);

    private static UciPackage Package(string config, string valuesJson)
    {
        var json = "{\"values\":" + valuesJson + "}";
        var data = JsonParser.Parse(Encoding.UTF8.GetBytes(json), 0, Encoding.UTF8.GetByteCount(json), UbusClient.Limits, out var error);
        Assert.IsNotNull(data, error);
        return UciPackage.FromReply(config, data);
    }

    [TestMethod]
    [DataRow("https://downloads.openwrt.org/releases/23.05.5/packages", "downloads.openwrt.org")]
    [DataRow("http://user:pw@203.0.113.9:8080/feed", "203.0.113.9")]
    [DataRow("HTTP://Mirror.Example/x", "mirror.example")]
    [DataRow("http://[2001:db8::1]:80/x", "[2001:db8::1]")]
    [DataRow("file:///tmp/feed", "file")]
    [DataRow("/tmp/feed", "file")]
    public void FeedHost_IsTheServerTheUrlNames(string url, string host) => Assert.AreEqual(host, FeedFacts.Host(url));

    [TestMethod]
    public void OpkgFeeds_KeepSourceLinesOnly_ApkFeedsTakeTaggedLines()
    {
        var facts = Facts(s =>
        {
            FeedFacts.Read("# comment\nsrc/gz core https://downloads.openwrt.org/a\nsrc extra http://203.0.113.9/b\ndest root /\narch all 1\n", "customfeeds.conf", true, s);
            FeedFacts.Read("https://downloads.openwrt.org/x/packages.adb\n@mine http://198.51.100.4/y/packages.adb\n", "customfeeds.list", false, s);
        });
        Assert.AreEqual("customfeeds.conf, customfeeds.list", facts["openwrt.feed.downloads.openwrt.org"]);
        Assert.AreEqual("customfeeds.conf", facts["openwrt.feed.203.0.113.9"]);
        Assert.AreEqual("customfeeds.list", facts["openwrt.feed.198.51.100.4"]);
        Assert.HasCount(3, facts);
    }

    [TestMethod]
    [DataRow("https://downloads.openwrt.org/releases/23.05.5/packages")] [DataRow("http://user:pw@203.0.113.9:8080/feed")]
    [DataRow("HTTP://Mirror.Example/x")] [DataRow("http://[2001:db8::1]:80/x")] [DataRow("file:///tmp/feed")] [DataRow("FiLe://x/y")]
    [DataRow("/tmp/feed")] [DataRow("mirror.example/feed")] [DataRow("https://Host.EXAMPLE")] [DataRow("https://host.example:8443")]
    [DataRow("https://a@b@c.example/x")] [DataRow("https://host.example/p@x:1")] [DataRow("https://user@[2001:db8::2]/x")]
    [DataRow("https://a%41b=c.example/x")] [DataRow("ftp://x:y@FTP.example:21")] [DataRow("https://x\u00e9.example/")]
    [DataRow("https:/one-slash.example/")] [DataRow("ab://")] [DataRow("https://@/")]
    public void FeedLines_ReadInPlace_GiveTheKeyOfTheHostText(string url)
    {
        // The key a line gives is the key segment of Host(url), whichever way the line is read.
        var expected = "openwrt.feed." + Engine.Text.FactText.KeySegment(FeedFacts.Host(url), 100);
        foreach (var (line, opkg) in new[] { ("src/gz core " + url, true), ("src\tcore  " + url + " extra", true), (url, false), ("@tag " + url, false) })
        {
            var sheet = new OpenWrtFactSheet();
            FeedFacts.Read("# feeds\n" + line + "\n", "f.conf", opkg, sheet);
            Assert.AreEqual(1, sheet.Count, line);
            Assert.AreEqual("f.conf", sheet.Value(expected), line);
        }
        var longHost = "https://" + new string('H', 150) + ".example/x";
        var longSheet = new OpenWrtFactSheet();
        FeedFacts.Read(longHost, "f.list", false, longSheet);
        Assert.AreEqual("f.list", longSheet.Value("openwrt.feed." + Engine.Text.FactText.KeySegment(FeedFacts.Host(longHost), 100)), "a host longer than a key segment is cut as before");
    }

    [TestMethod]
    public void FeedLines_NamingOneServerAgain_AddNoKey()
    {
        var sheet = new OpenWrtFactSheet();
        FeedFacts.Read("src/gz a https://downloads.openwrt.org/a\nsrc/gz b https://DOWNLOADS.openwrt.org/b\nsrc/gz c http://203.0.113.9/c\n", "distfeeds.conf", true, sheet);
        FeedFacts.Read("src/gz d https://downloads.openwrt.org/d\n", "customfeeds.conf", true, sheet);
        Assert.AreEqual(2, sheet.Count);
        Assert.AreEqual("customfeeds.conf, distfeeds.conf", sheet.Value("openwrt.feed.downloads.openwrt.org"));
        Assert.AreEqual("distfeeds.conf", sheet.Value("openwrt.feed.203.0.113.9"));
    }

    [TestMethod]
    [DataRow("dest root /\noption check_signature\n", "checked")]
    [DataRow("dest root /\noption check_signature 1\n", "checked")]
    [DataRow("dest root /\n# option check_signature\n", "not checked")]
    [DataRow("option check_signature\noption check_signature 0\n", "not checked")]
    [DataRow("  option\tcheck_signature   off  trailing\n", "not checked")]
    [DataRow("option check_signature yes\noption check_signaturex 0\noptions check_signature 0\n", "checked")]
    [DataRow("option check_signature maybe\n", "checked")]
    public void OpkgSignatureCheck_FollowsTheLastOption(string conf, string expected) =>
        Assert.AreEqual(expected, Facts(s => FeedFacts.ReadOpkgConf(conf, s))["openwrt.feed.signature"]);

    [TestMethod]
    public void SysupgradeConf_EachPathAFact_StockCommentsNone()
    {
        Assert.IsEmpty(Facts(s => KeepFacts.ReadSysupgradeConf("## This file contains files\n\n# /etc/example.conf\n", s)));
        var facts = Facts(s => KeepFacts.ReadSysupgradeConf("/etc/openvpn/\n  /usr/sbin/.sysmond  \n", s));
        CollectionAssert.AreEquivalent(new[] { "openwrt.keep./etc/openvpn/", "openwrt.keep./usr/sbin/.sysmond" }, facts.Keys.ToArray());
    }

    [TestMethod]
    public void Uhttpd_InterpretersAndPaths_AndDropbearLogins()
    {
        var uhttpd = Package("uhttpd", "{\"main\":{\".type\":\"uhttpd\",\"home\":\"/www\",\"cgi_prefix\":\"/cgi-bin\",\"interpreter\":[\".sh=/bin/sh\",\".php=/usr/bin/php-cgi\"]}}");
        var dropbear = Package("dropbear", "{\"a\":{\".type\":\"dropbear\",\"PasswordAuth\":\"off\"},\"b\":{\".type\":\"dropbear\",\"enable\":\"0\",\"PasswordAuth\":\"on\"}}");
        var facts = Facts(s =>
        {
            AdminServiceFacts.ReadUhttpd(uhttpd, s);
            AdminServiceFacts.ReadDropbear(dropbear, s);
        });
        Assert.AreEqual("/bin/sh", facts["openwrt.web.interpreter..sh"]);
        Assert.AreEqual("/usr/bin/php-cgi", facts["openwrt.web.interpreter..php"]);
        Assert.AreEqual("/www", facts["openwrt.web.home"]);
        Assert.AreEqual("off", facts["openwrt.ssh.password-auth"], "a disabled instance does not count");
        Assert.AreEqual("on", facts["openwrt.ssh.root-password-auth"], "dropbear's default");
    }

    [TestMethod]
    public void Routes_AndRules_AreKeyedByWhatTheyDo_DisabledOnesLeftOut()
    {
        var network = Package("network",
            "{\"r1\":{\".type\":\"route\",\"interface\":\"lan\",\"target\":\"198.51.100.0\",\"netmask\":\"255.255.255.0\",\"gateway\":\"192.0.2.66\"}," +
            "\"r2\":{\".type\":\"route\",\"interface\":\"wan\",\"target\":\"203.0.113.0/24\",\"disabled\":\"1\"}," +
            "\"p1\":{\".type\":\"rule\",\"src\":\"192.0.2.0/24\",\"lookup\":\"100\"}}");
        var facts = Facts(s => RouteFacts.Read(network, s));
        Assert.HasCount(2, facts);
        Assert.IsTrue(facts.Any(f => f.Key.StartsWith("openwrt.route.") && f.Value == "ipv4 198.51.100.0/255.255.255.0 via 192.0.2.66 dev lan"));
        Assert.IsTrue(facts.Any(f => f.Key.StartsWith("openwrt.rule.") && f.Value == "ipv4 from 192.0.2.0/24 lookup 100"));
    }

    [TestMethod]
    public void Tunnels_NameTheirFarEnd_WireGuardAndPlainInterfacesAreNotTunnels()
    {
        var network = Package("network",
            "{\"lan\":{\".type\":\"interface\",\"proto\":\"static\",\"ipaddr\":\"192.0.2.1\"}," +
            "\"wg0\":{\".type\":\"interface\",\"proto\":\"wireguard\"}," +
            "\"relay0\":{\".type\":\"interface\",\"proto\":\" GRE \",\"peeraddr\":\"203.0.113.77\"}," +
            "\"v6\":{\".type\":\"interface\",\"proto\":\"grev6\",\"peer6addr\":\"2001:DB8::7\",\"disabled\":\"1\"}," +
            "\"vpn\":{\".type\":\"interface\",\"proto\":\"pptp\",\"server\":\"vpn.example\"}," +
            "\"x\":{\".type\":\"interface\",\"proto\":\"l2tp\"}}");
        var facts = Facts(s => TunnelFacts.Read(network, s));
        CollectionAssert.AreEquivalent(new[]
        {
            "openwrt.tunnel.relay0=proto=gre peer=203.0.113.77",
            "openwrt.tunnel.v6=proto=grev6 peer=2001:db8::7 off",
            "openwrt.tunnel.vpn=proto=pptp peer=vpn.example",
            "openwrt.tunnel.x=proto=l2tp peer=none",
        }, facts.Select(f => f.Key + "=" + f.Value).ToArray());
    }

    [TestMethod]
    [DataRow("\"log_ip\":\"203.0.113.40\",\"log_port\":\"5514\",\"log_proto\":\"TCP\"", "203.0.113.40:5514/tcp")]
    [DataRow("\"log_ip\":\" Logs.Example \"", "logs.example:514/udp")]
    [DataRow("\"log_ip\":\"192.0.2.9\",\"log_port\":\"syslog\",\"log_proto\":\"quic\"", "192.0.2.9:syslog/udp")]
    [DataRow("\"log_ip\":\"\"", null)]
    [DataRow("\"log_size\":\"64\"", null)]
    public void RemoteSyslog_IsOneFactInRouterOsVocabulary(string options, string? expected)
    {
        var system = Package("system", "{\"cfg01\":{\".type\":\"system\",\"hostname\":\"gw\"," + options + "}}");
        var facts = Facts(s => SystemFacts.Read(system, s));
        facts.TryGetValue("cfg.log.remote.system", out var value);
        Assert.AreEqual(expected, value);
    }

    [TestMethod]
    [DataRow("cfg.log.remote.system", DriftKind.Added, Severity.High)]
    [DataRow("cfg.log.remote.system", DriftKind.Removed, Severity.Medium)]
    [DataRow("openwrt.tunnel.relay0", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.tunnel.relay0", DriftKind.Changed, Severity.High)]
    [DataRow("openwrt.feed.203.0.113.9", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.feed.signature", DriftKind.Changed, Severity.Critical)]
    [DataRow("openwrt.keep./usr/sbin/x", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.keep-list.sysmond", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.hook.profile.fetch", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.hook.profile", DriftKind.Changed, Severity.High)]
    [DataRow("openwrt.web.interpreter..sh", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.web.home", DriftKind.Changed, Severity.High)]
    [DataRow("openwrt.ssh.password-auth", DriftKind.Changed, Severity.High)]
    [DataRow("openwrt.route.0123456789abcdef", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.rule.0123456789abcdef", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.nft.open.inet.fw4.input.0123456789abcdef", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.nft.rule.ip.filter.INPUT.0123456789abcdef", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.nft.table.ip.sysmon", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.nft.table.ip.sysmon", DriftKind.Removed, Severity.Low)]
    public void DriftRules_RateEachKey_WithAnOwnerSentence(string key, DriftKind kind, Severity severity)
    {
        var rule = DeviceFamilies.CreateDriftRules().Find(kind, key);
        Assert.IsNotNull(rule, key);
        Assert.AreEqual(severity, rule.Severity, key);
        Assert.IsTrue(DriftSentences.Has(rule.Code), rule.Code);
    }

    [TestMethod]
    public void InitScriptNames_BecomeKeysAsKeySegmentWrites_AndTelnetIsFoundInAnyCase()
    {
        // Names are read straight into the key builder: odd ones must still come out as FactText.KeySegment writes them.
        string longName = new string('n', 70);
        string json = "{\"plain\":{\"enabled\":true},\"a=b c\":{\"enabled\":true},\"caf\u00e9\":{\"enabled\":true},"
            + "\"" + longName + "\":{\"enabled\":true},\"esc\\u0041pe\":{\"enabled\":true},\"off\":{\"enabled\":false},"
            + "\"TelnetD\":{\"enabled\":false,\"running\":true}}";
        var bytes = Encoding.UTF8.GetBytes(json);
        var list = JsonParser.Parse(bytes, 0, bytes.Length, UbusClient.Limits, out var error);
        Assert.IsNotNull(list, error);
        var model = FirewallModel.Build(UciPackage.Empty("firewall"), UciPackage.Empty("network"));
        var facts = Facts(s =>
        {
            ScriptFacts.ReadInitScripts(list, s);
            ServiceFacts.ReadInitScripts(list, model, s);
        });
        foreach (var name in new[] { "plain", "a=b c", "caf\u00e9", longName, "escApe" })
        {
            Assert.AreEqual("enabled", facts["openwrt.init." + FactText.KeySegment(name, 64)], name);
        }
        Assert.IsFalse(facts.ContainsKey("openwrt.init.off"));
        Assert.IsFalse(facts.ContainsKey("openwrt.init.TelnetD"), "running but not enabled at boot");
        Assert.IsTrue(facts.ContainsKey("cfg.service.telnet"), "a running script named TelnetD is a telnet service");
    }

    [TestMethod]
    public void DnsmasqConf_LinesBecomeTheFactsTheirUciCounterpartsGive()
    {
        var facts = Facts(s => DnsmasqConfFacts.Read(
            "# comment=ignored\n  server=/corp.example/192.0.2.53\nlocal=/lan/\naddress = /Update.Example/203.0.113.80\n" +
            "host-record=bank.example,203.0.113.81\ndhcp-option=tag:guest,6,203.0.113.53,203.0.113.54\ndhcp-option=3,192.0.2.1\n" +
            "dhcp-script=/usr/share/dnsmasq/lease.sh\nconf-file=/tmp/x.conf\nServer=198.51.100.9\nno-resolv\ncache-size=1000\nserver=\n", s));
        CollectionAssert.AreEquivalent(new[]
        {
            "cfg.dns.server./corp.example/192.0.2.53", "cfg.dns.server./lan/", "cfg.dns.address./update.example/203.0.113.80",
            "cfg.dns.address.bank.example,203.0.113.81", "cfg.dns.dhcp.203.0.113.53", "cfg.dns.dhcp.203.0.113.54",
            "cfg.dns.file.dhcpscript./usr/share/dnsmasq/lease.sh", "cfg.dns.file.conffile./tmp/x.conf",
        }, facts.Keys.ToArray(), "a router option, a case-changed option name, flags and an empty value give nothing");
        Assert.IsTrue(facts.Values.All(v => v == "configured"));

        var lines = string.Concat(Enumerable.Range(0, DnsmasqConfFacts.MaxLines + 1).Select(i => $"# {i}\nserver=/d{i}.example/192.0.2.1\n"));
        var cut = Facts(s => DnsmasqConfFacts.Read(lines, s));
        Assert.AreEqual(DnsmasqConfFacts.MaxLines, cut.Keys.Count(k => k.StartsWith("cfg.dns.server.", StringComparison.Ordinal)), "comments do not count");
        Assert.AreEqual("more than 512 lines in /etc/dnsmasq.conf; the rest were not read", cut["openwrt.limit.dnsmasq-conf"]);
    }
}
