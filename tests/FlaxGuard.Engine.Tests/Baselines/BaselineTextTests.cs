using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.Tests.Baselines;

[TestClass]
public sealed class BaselineTextTests
{
    private static Baseline Sample()
    {
        var facts = new FactSet();
        facts.Add("http.title", "Router \\ Login", FactKind.Identity);
        facts.Add("net.tcp.22", "open", FactKind.Exposure);
        facts.Add("fw.version", "23.05.3", FactKind.Firmware);
        return new Baseline("192.0.2.1", 1764201600, facts);
    }

    [TestMethod]
    public void FormatThenParse_RoundTrips()
    {
        var text = BaselineText.Format(Sample());
        var back = BaselineText.Parse(text);
        Assert.AreEqual("192.0.2.1", back.DeviceId);
        Assert.AreEqual(1764201600, back.CreatedUnixSeconds);
        Assert.AreEqual(Sample().DigestHex(), back.DigestHex());
        Assert.AreEqual("Router \\ Login", back.Facts.Get("http.title")!.Value);
        StringAssert.StartsWith(text, BaselineText.Header + "\n");
        StringAssert.Contains(text, "fact firmware fw.version 23.05.3\n");
    }

    [TestMethod]
    public void Parse_AcceptsCrLfAndComments()
    {
        var text = BaselineText.Format(Sample()).Replace("\n", "\r\n") + "# reviewed by the owner\r\n";
        Assert.AreEqual(3, BaselineText.Parse(text).Facts.Count);
    }

    [TestMethod]
    public void Parse_RefusesEditedFacts_ByDigest()
    {
        var text = BaselineText.Format(Sample()).Replace("23.05.3", "23.05.4");
        var e = Assert.ThrowsExactly<FormatException>(() => BaselineText.Parse(text));
        StringAssert.Contains(e.Message, "digest");
    }

    [TestMethod]
    [DataRow("hello\n", "line 1")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated 1\ndigest 00\nfact bogus k v\n", "line 5: unknown fact kind")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated -1\n", "line 3")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated 1\nwhat 1\n", "line 4: unknown field")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated 1\ndigest 00\nfact config k\n", "line 5")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated 1\ndigest 00\nfact config k a\\q\n", "unknown escape")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated 1\n", "no digest")]
    [DataRow("# FlaxGuard baseline v1\ndevice x\ncreated 1\ndigest 00\nfact config k 1\nfact config k 2\n", "appears twice")]
    public void Parse_GivesLineAndReason(string text, string expected)
    {
        var e = Assert.ThrowsExactly<FormatException>(() => BaselineText.Parse(text));
        StringAssert.Contains(e.Message, expected);
    }
}
