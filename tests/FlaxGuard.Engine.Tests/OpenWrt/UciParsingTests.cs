using System.Collections;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>uci dumps, value normalisation, firewall reachability and SSH key lines.</summary>
[TestClass]
public sealed class UciParsingTests
{
    private static UciPackage Package(string config, string valuesJson)
    {
        var json = "{\"values\":" + valuesJson + "}";
        var data = JsonParser.Parse(Encoding.UTF8.GetBytes(json), 0, Encoding.UTF8.GetByteCount(json), UbusClient.Limits, out var error);
        Assert.IsNotNull(data, error);
        return UciPackage.FromReply(config, data);
    }

    [TestMethod]
    [DataRow("1", true)] [DataRow("on", true)] [DataRow("Yes", true)] [DataRow(" TRUE ", true)] [DataRow("enabled", true)]
    [DataRow("0", false)] [DataRow("off", false)] [DataRow("No", false)] [DataRow("false", false)] [DataRow("disabled", false)]
    public void ParseBool_ReadsEveryOpenWrtSpelling(string value, bool expected)
    {
        Assert.AreEqual(expected, UciText.ParseBool(value, !expected));
    }

    [TestMethod]
    public void ParseBool_FallsBackForUnknownWords()
    {
        Assert.IsTrue(UciText.ParseBool("maybe", true));
        Assert.IsFalse(UciText.ParseBool(null, false));
    }

    [TestMethod]
    [DataRow("22", 22, true)] [DataRow("22 443", 443, true)] [DataRow("1000-2000", 1500, true)] [DataRow("1000:2000", 2000, true)]
    [DataRow("1000-2000", 2001, false)] [DataRow("!22", 22, false)] [DataRow("x-y", 5, false)] [DataRow("70000", 70000, false)]
    public void PortSpecCovers_FollowsFw4Syntax(string spec, int port, bool covered)
    {
        var words = new string[UciText.CountWords(spec)];
        int at = 0;
        UciText.CopyWords(spec, words, ref at);
        Assert.AreEqual(words.Length, at);
        Assert.AreEqual(covered, UciText.PortSpecCovers(words, port));
    }

    [TestMethod]
    public void SortedDistinct_SortsOrdinally_AndDropsDuplicates()
    {
        var items = new ArrayList { "b", "a", "B", "a", "c" };
        CollectionAssert.AreEqual(new[] { "B", "a", "b", "c" }, UciText.SortedDistinct(items));
    }

    [TestMethod]
    public void Section_ReadsOptionsAndLists_AndSplitsWordsOfBoth()
    {
        var p = Package("network", "{\"wan\":{\".anonymous\":false,\".type\":\"interface\",\".name\":\"wan\",\".index\":4,\"proto\":\"dhcp\",\"dns\":[\"9.9.9.9 1.1.1.1\",\"8.8.8.8\"]},"
            + "\"cfg03dc81\":{\".anonymous\":true,\".type\":\"device\",\".name\":\"cfg03dc81\",\"dns\":\"  a   b \"}}");
        Assert.AreEqual(2, p.Count);
        var wan = p.Named("wan");
        Assert.AreEqual("interface", wan.Type);
        Assert.AreEqual("dhcp", wan.Option("proto"));
        Assert.IsTrue(wan.IsList("dns"));
        CollectionAssert.AreEqual(new[] { "9.9.9.9", "1.1.1.1", "8.8.8.8" }, wan.Words("dns"));
        CollectionAssert.AreEqual(new[] { "a", "b" }, p.OfType("device")[0].Words("dns"));
        Assert.IsFalse(p.OfType("device")[0].IsList("dns"));
    }

    [TestMethod]
    [DataRow("{\"s\":\"text\"}", "is a JSON string, not an object")]
    [DataRow("{\"s\":{\".name\":\"s\"}}", "has no section type")]
    [DataRow("{\"s\":{\".type\":\"rule\",\"dest_port\":443}}", "option \"dest_port\" in the section \"s\" of uci config firewall is a JSON number")]
    [DataRow("{\"s\":{\".type\":\"rule\",\"proto\":[\"tcp\",6]}}", "list \"proto\"")]
    [DataRow("{\"s\":{\".type\":\"rule\",\"x\":{}}}", "is a JSON object, not text or a list")]
    [DataRow("{\"s\":{\".type\":\"rule\",\".anonymous\":\"yes\"}}", ".anonymous flag")]
    [DataRow("{\"s\":{\".type\":\"rule\",\".index\":\"1\"}}", ".index that is not a number")]
    public void WronglyTypedSections_AreRefusedInWords(string values, string reason)
    {
        var e = Assert.ThrowsExactly<UbusDataException>(() => Package("firewall", values));
        StringAssert.Contains(e.Message, reason);
    }

    [TestMethod]
    public void ValuesThatAreNotAnObject_AreRefused()
    {
        var e = Assert.ThrowsExactly<UbusDataException>(() => Package("firewall", "[1,2]"));
        StringAssert.Contains(e.Message, "are a JSON array, not an object");
    }

    [TestMethod]
    public void Firewall_WanReach_ByRule_ByZonePolicy_AndNotFromLan()
    {
        var network = Package("network", "{\"lan\":{\".type\":\"interface\",\"ipaddr\":\"192.168.1.1/24\"},\"wan\":{\".type\":\"interface\",\"proto\":\"dhcp\"}}");
        var closed = FirewallModel.Build(Package("firewall",
            "{\"a\":{\".type\":\"zone\",\"name\":\"wan\",\"network\":[\"wan\"],\"input\":\"REJECT\"},"
            + "\"b\":{\".type\":\"rule\",\"src\":\"lan\",\"proto\":\"tcp\",\"dest_port\":\"22\",\"target\":\"ACCEPT\"},"
            + "\"c\":{\".type\":\"rule\",\"src\":\"wan\",\"proto\":\"tcp\",\"dest_port\":\"443\",\"target\":\"ACCEPT\",\"enabled\":\"0\"},"
            + "\"d\":{\".type\":\"rule\",\"src\":\"wan\",\"dest\":\"lan\",\"proto\":\"tcp\",\"dest_port\":\"443\",\"target\":\"ACCEPT\"}}"), network);
        Assert.IsNull(closed.WanReach(22, "tcp"), "a LAN rule does not open the WAN side");
        Assert.IsNull(closed.WanReach(443, "tcp"), "disabled and forwarding rules do not open the router");
        Assert.IsTrue(closed.IsLanAddress("192.168.1.1"));
        Assert.IsTrue(closed.IsWanNetwork("wan"));

        var rule = FirewallModel.Build(Package("firewall",
            "{\"a\":{\".type\":\"zone\",\"name\":\"wan\",\"network\":\"wan wan6\",\"input\":\"REJECT\"},"
            + "\"b\":{\".type\":\"rule\",\"src\":\"wan\",\"proto\":\"TCP\",\"dest_port\":\"80 8000-8100\",\"target\":\"accept\",\"src_ip\":[\"198.51.100.7\",\"2001:DB8::1\"]}}"), network);
        Assert.AreEqual("198.51.100.7,2001:db8::1", rule.WanReach(8080, "tcp"));
        Assert.IsNull(rule.WanReach(8080, "udp"));

        var open = FirewallModel.Build(Package("firewall",
            "{\"d\":{\".type\":\"defaults\",\"input\":\"ACCEPT\"},\"a\":{\".type\":\"zone\",\"name\":\"internet\",\"masq\":\"1\"}}"), network);
        Assert.AreEqual("any", open.WanReach(23, "tcp"), "a masquerading zone inherits the ACCEPT input policy");
    }

    [TestMethod]
    public void Forwards_AreKeyedByProtocolAndExternalPort_WithDefaults()
    {
        var network = Package("network", "{}");
        var model = FirewallModel.Build(Package("firewall",
            "{\"r1\":{\".type\":\"redirect\",\"src\":\"wan\",\"src_dport\":\"2323\",\"dest_ip\":\"192.168.1.23\",\"dest_port\":\"23\"},"
            + "\"r2\":{\".type\":\"redirect\",\"src\":\"wan\",\"proto\":\"udp\",\"src_dport\":\"5000:5010\",\"dest_ip\":\"192.168.1.9\"},"
            + "\"r3\":{\".type\":\"redirect\",\"src\":\"wan\",\"proto\":\"tcp\",\"src_dport\":\"80\",\"dest_ip\":\"192.168.1.9\",\"enabled\":\"off\"},"
            + "\"r4\":{\".type\":\"redirect\",\"src\":\"lan\",\"proto\":\"tcp\",\"src_dport\":\"81\",\"target\":\"SNAT\"}}"), network);
        var sheet = new OpenWrtFactSheet();
        model.AddForwards(sheet);
        Assert.AreEqual(3, sheet.Count);
        Assert.AreEqual("192.168.1.23:23", sheet.Value("cfg.forward.tcp.2323"));
        Assert.AreEqual("192.168.1.23:23", sheet.Value("cfg.forward.udp.2323"), "fw4's default protocol is \"tcp udp\"");
        Assert.AreEqual("192.168.1.9:5000-5010", sheet.Value("cfg.forward.udp.5000-5010"));
    }

    [TestMethod]
    public void Accounts_RoleFollowsRpcdLists_AndIgnoresStringOptions()
    {
        var rpcd = Package("rpcd",
            "{\"a\":{\".type\":\"login\",\"username\":\"root\",\"password\":\"$p$root\",\"read\":[\"*\"],\"write\":[\"*\"]},"
            + "\"b\":{\".type\":\"login\",\"username\":\"ops\",\"password\":\"$1$x$y\",\"read\":[\"luci-*\"],\"write\":[\"luci-mod-network\"]},"
            + "\"c\":{\".type\":\"login\",\"username\":\"view\",\"read\":[\"luci-mod-status\"]},"
            + "\"d\":{\".type\":\"login\",\"username\":\"odd\",\"write\":\"*\"},"
            + "\"e\":{\".type\":\"login\",\"password\":\"nobody\"}}");
        var sheet = new OpenWrtFactSheet();
        AccountFacts.Read(rpcd, sheet);
        Assert.AreEqual(5, sheet.Count);
        Assert.AreEqual("admin", sheet.Value("cfg.user.root"));
        Assert.AreEqual("write *", sheet.Value("openwrt.rpcd-admin.root"), "admins also get their own key, so a promotion is an added fact");
        Assert.IsNull(sheet.Value("openwrt.rpcd-admin.ops"));
        Assert.AreEqual("write", sheet.Value("cfg.user.ops"));
        Assert.AreEqual("read", sheet.Value("cfg.user.view"));
        Assert.AreEqual("none", sheet.Value("cfg.user.odd"), "rpcd honours ACL groups only as uci lists");
    }

    [TestMethod]
    public void SshKeys_IdIsTheSha256OfTheKeyText_WhateverOptionsAndComments()
    {
        const string blob = "AAAAC3NzaC1lZDI1NTE5AAAAIHQ0bGFiT3duZXJLZXlPbmx5Rm9yVGVzdHNBQUFBQUFB";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(blob)))[..16];
        var text = "# keys\n\nssh-ed25519 " + blob + " owner@laptop\r\n"
                   + "command=\"uptime; echo x\",no-pty ssh-ed25519 " + blob + " other comment\n"
                   + "garbage line here\n"
                   + "ecdsa-sha2-nistp256 AAAAE2VjZHNh";
        var sheet = new OpenWrtFactSheet();
        SshKeyFacts.Read(text, "root", sheet);
        Assert.AreEqual(3, sheet.Count);
        Assert.AreEqual("root ssh-ed25519", sheet.Value("cfg.sshkey." + expected));
        Assert.AreEqual("root unknown", sheet.Value("cfg.sshkey." + SshKeyFacts.Id("garbage line here")));
        Assert.AreEqual("root ecdsa-sha2-nistp256", sheet.Value("cfg.sshkey." + SshKeyFacts.Id("AAAAE2VjZHNh")));
    }

    [TestMethod]
    public void SshKeys_TooManyLines_AreRefused()
    {
        var text = string.Concat(Enumerable.Range(0, SshKeyFacts.MaxLines + 1).Select(i => "ssh-ed25519 AAAA" + i + "\n"));
        Assert.ThrowsExactly<UbusDataException>(() => SshKeyFacts.Read(text, "root", new OpenWrtFactSheet()));
    }

    [TestMethod]
    public void FactSheet_MergesValuesOfOneKey_SortedAndDistinct()
    {
        var sheet = new OpenWrtFactSheet();
        sheet.Add("cfg.service.ssh", "port=2222 from=lan", FlaxGuard.Engine.Facts.FactKind.Config);
        sheet.Add("cfg.service.ssh", "port=22 from=any", FlaxGuard.Engine.Facts.FactKind.Config);
        sheet.Add("cfg.service.ssh", "port=22 from=any", FlaxGuard.Engine.Facts.FactKind.Config);
        Assert.AreEqual("port=22 from=any, port=2222 from=lan", sheet.Value("cfg.service.ssh"));
    }
}
