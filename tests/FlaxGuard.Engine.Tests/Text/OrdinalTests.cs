using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

[TestClass]
public sealed class OrdinalTests
{
    [TestMethod]
    [DataRow("net.tcp.*", "net.tcp.23", true)]
    [DataRow("net.tcp.*", "net.tcp.", true)]
    [DataRow("net.tcp.*", "net.udp.23", false)]
    [DataRow("*.uptime", "sys.uptime", true)]
    [DataRow("*.uptime", "sys.uptime.x", false)]
    [DataRow("*.counter.*", "if.eth0.counter.rx", true)]
    [DataRow("a*b*c", "aXXbYYc", true)]
    [DataRow("a*b*c", "aXXbYY", false)]
    [DataRow("*", "", true)]
    [DataRow("", "", true)]
    [DataRow("", "a", false)]
    [DataRow("net.tcp.23", "net.tcp.2323", false)]
    public void GlobMatch(string pattern, string text, bool expected)
    {
        Assert.AreEqual(expected, Ordinal.GlobMatch(pattern, text));
    }

    [TestMethod]
    public void Compare_IsOrdinalLikeDotNet()
    {
        string[] words = ["b", "B", "a", "ä", "Z", "", "ab", "a\u0000", "\uFFFF", "http.asset./x", "http.asset.-x"];
        foreach (var x in words)
            foreach (var y in words)
                Assert.AreEqual(Math.Sign(string.CompareOrdinal(x, y)), Math.Sign(Ordinal.Compare(x, y)), $"{x} vs {y}");
    }

    [TestMethod]
    public void AsciiCaseFolding_LeavesNonAsciiAlone()
    {
        Assert.AreEqual("server: Äbc", Ordinal.ToLowerAscii("SERVER: ÄBC"));
        Assert.IsTrue(Ordinal.EqualsIgnoreAsciiCase("Content-Length", "content-length"));
        Assert.IsFalse(Ordinal.EqualsIgnoreAsciiCase("K", "\u212A"));
    }

    [TestMethod]
    public void Hex_RoundTrips_AndRejectsJunk()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var hex = Hex.Encode(bytes);
        Assert.AreEqual(Convert.ToHexString(bytes).ToLowerInvariant(), hex);
        CollectionAssert.AreEqual(bytes, Hex.TryDecode(hex.ToUpperInvariant()));
        Assert.IsNull(Hex.TryDecode("abc"));
        Assert.IsNull(Hex.TryDecode("zz"));
    }
}
