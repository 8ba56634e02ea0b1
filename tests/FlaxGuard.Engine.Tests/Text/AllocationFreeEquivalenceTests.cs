using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

/// <summary>
/// The helpers added to spare the small heap give exactly what the copying code they replace gave: range appenders,
/// the one-item list shortcut, the collapsed-line shortcut, a refilled request, and a pre-sized JSON entry table.
/// </summary>
[TestClass]
public sealed class AllocationFreeEquivalenceTests
{
    private static readonly string[] Texts =
    [
        "", " ", "root", "/bin/ash", "a b", "a  b", " a", "a ", "a\tb", "a\rb", "x=y", "50%", "caf\u00e9", "\u00A0a", "a\u0085b",
        new string('q', 70), new string('q', 64), "sh -c 'wget http://x'", "\u2028", "\uFEFFz",
    ];

    [TestMethod]
    public void RangeAppenders_WriteWhatTheSubstringVersionsReturn()
    {
        foreach (var text in Texts)
        {
            var padded = "<<" + text + ">>";
            foreach (var max in new[] { 1, 8, 64, 100 })
            {
                Assert.AreEqual(FactText.KeySegment(text, max), new TextBuilder(4).AppendKeySegment(padded, 2, text.Length, max).ToString(), $"key segment of '{text}' cut at {max}");
                Assert.AreEqual(FactText.Clean(text, max), new TextBuilder(4).AppendClean(padded, 2, text.Length, max).ToString(), $"clean of '{text}' cut at {max}");
            }
        }
    }

    [TestMethod]
    public void NormalizedListText_IsTheJoinedNormalizedList()
    {
        string[] lists = ["", " ", "  ", "ether1", " Ether1", "WAN", "a,b", "B,a", " , ,", "x,,y", "\u00A0A", "a\tb", new string('Z', 200), "198.51.100.0/24"];
        foreach (var raw in lists)
            Assert.AreEqual(RouterOsText.JoinList(RouterOsText.NormalizeList(raw)), RouterOsText.NormalizedListText(raw), $"'{raw}'");
        Assert.AreEqual("", RouterOsText.NormalizedListText(null!));
    }

    [TestMethod]
    public void Collapse_HandsBackCollapsedLinesAndStillCollapsesTheRest()
    {
        foreach (var text in Texts)
        {
            var reference = new System.Text.StringBuilder();
            var blank = false;
            foreach (var c in text)
            {
                if (c is ' ' or '\t' or '\r')
                {
                    blank = reference.Length > 0;
                    continue;
                }
                if (blank) reference.Append(' ');
                blank = false;
                reference.Append(c);
            }
            Assert.AreEqual(reference.ToString(), ScriptFacts.Collapse(text), $"'{text}'");
        }
        const string line = "/usr/bin/wget http://x";
        Assert.AreSame(line, ScriptFacts.Collapse(line));
    }

    [TestMethod]
    public void BaseAndSuffix_JoinOnlyWhenTheUrlIsAsked_AndResetClearsThem()
    {
        var request = new HttpRequest("GET", "http://192.0.2.1:8080/rest", "/ip/smb?x=1");
        Assert.AreEqual("http://192.0.2.1:8080/rest", request.BaseUrl);
        Assert.AreEqual("/ip/smb?x=1", request.UrlSuffix);
        Assert.AreEqual("http://192.0.2.1:8080/rest/ip/smb?x=1", request.Url);
        Assert.AreSame(request.Url, request.Url, "joined once");
        request.Reset("GET", "http://192.0.2.1/a");
        Assert.IsNull(request.BaseUrl);
        Assert.IsNull(request.UrlSuffix);
        Assert.AreEqual("http://192.0.2.1/a", request.Url);
        request.Reset("GET", "http://192.0.2.1", "?q");
        Assert.AreEqual("http://192.0.2.1?q", request.Url);
        Assert.ThrowsExactly<ArgumentException>(() => request.Reset("GET", "http://192.0.2.1", "ip/smb"));
        Assert.ThrowsExactly<ArgumentException>(() => request.Reset("GET", "", "/x"));
        Assert.ThrowsExactly<ArgumentException>(() => request.Reset("", "http://192.0.2.1", "/x"));
    }

    [TestMethod]
    [DataRow("http://192.0.2.1:80", true)]
    [DataRow("https://[2001:db8::1]:443", true)]
    [DataRow("http://192.0.2.1/", false)]
    [DataRow("http://192.0.2.1?x", false)]
    [DataRow("http://", false)]
    [DataRow("192.0.2.1", false)]
    public void IsOrigin_IsSchemeAndAuthorityOnly(string url, bool expected)
    {
        Assert.AreEqual(expected, FlaxGuard.Engine.Http.RequestTarget.IsOrigin(url));
    }

    [TestMethod]
    public void RequestReset_IsANewRequest()
    {
        var request = new HttpRequest("POST", "http://192.0.2.1/a");
        request.TimeoutMs = 5;
        request.MaxBodyBytes = 7;
        request.MaxHeaderBytes = 9;
        request.Body = [1, 2];
        request.ContentType = "application/json";
        request.AddHeader("Accept", "application/json");
        request.AddHeader("Authorization", "Basic eDp5");
        request.Reset("GET", "http://192.0.2.1/b");
        var fresh = new HttpRequest("GET", "http://192.0.2.1/b");
        Assert.AreEqual(fresh.Method, request.Method);
        Assert.AreEqual(fresh.Url, request.Url);
        Assert.AreEqual(fresh.TimeoutMs, request.TimeoutMs);
        Assert.AreEqual(fresh.MaxBodyBytes, request.MaxBodyBytes);
        Assert.AreEqual(fresh.MaxHeaderBytes, request.MaxHeaderBytes);
        Assert.IsNull(request.Body);
        Assert.IsNull(request.ContentType);
        Assert.AreEqual(0, request.HeaderCount);
        Assert.ThrowsExactly<ArgumentException>(() => request.Reset("", "http://192.0.2.1/"));
        Assert.ThrowsExactly<ArgumentException>(() => request.Reset("GET", ""));
    }

    [TestMethod]
    public void SizedEntryBuffer_ParsesLikeAnEmptyOneAndGrowsForLargerAnswers()
    {
        var sized = new JsonEntryBuffer(8);
        Assert.AreEqual(8, sized.Capacity);
        var small = System.Text.Encoding.UTF8.GetBytes("{\"a\":[1,2],\"b\":\"x\"}");
        var doc = JsonParser.ParseInPlace(small, 0, small.Length, JsonLimits.Default, sized, out var error);
        Assert.IsNotNull(doc, error);
        Assert.AreEqual(8, sized.Capacity, "a document that fits is parsed into the table made at once");
        Assert.AreEqual("x", doc.MemberText("b"));
        var large = System.Text.Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 40)) + "]");
        doc = JsonParser.ParseInPlace(large, 0, large.Length, JsonLimits.Default, sized, out error);
        Assert.IsNotNull(doc, error);
        Assert.AreEqual(40, doc.Count);
        Assert.IsGreaterThanOrEqualTo(41, sized.Capacity);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new JsonEntryBuffer(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new JsonEntryBuffer(16385));
    }
}
