using System.Text;
using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Tests.Probes;

/// <summary>Issue 13 part 3: inline scripts and foreign origins of a landing page, fed in chunks of every size.</summary>
[TestClass]
public sealed class HtmlPageScanTests
{
    private static Dictionary<string, string> Scan(string html, int chunk = 7, string host = "192.0.2.10")
    {
        var scan = new HtmlPageScan(new HeadCapture(64), host, "http");
        scan.Reset();
        var bytes = Encoding.UTF8.GetBytes(html);
        for (int i = 0; i < bytes.Length; i += chunk) scan.Write(bytes, i, Math.Min(chunk, bytes.Length - i));
        scan.Finish();
        var result = new Dictionary<string, string>();
        for (int i = 0; i < scan.Keys.Count; i++) result[(string)scan.Keys[i]!] = (string)scan.Values[i]!;
        if (scan.Overflowed) result["overflow"] = "yes";
        return result;
    }

    private static string InlineKey(string html) => Scan(html).Keys.Single(k => k.StartsWith("http.script.inline.", StringComparison.Ordinal));

    [TestMethod]
    public void SameOriginScripts_AreNotFacts_ForeignOnesAre()
    {
        var facts = Scan("<script src=\"/js/app.js\"></script><script src='http://192.0.2.10:8080/x.js'></script>" +
                         "<SCRIPT SRC=//cdn.example/a.js></SCRIPT><script src=\"https://Evil.Example:8443/b.js\"></script><script src=\"data:text/javascript,alert(1)\"></script>");
        CollectionAssert.AreEquivalent(new[] { "http.script.origin.cdn.example", "http.script.origin.evil.example:8443", "http.script.origin.data:" }, facts.Keys.ToArray());
        Assert.AreEqual("http", facts["http.script.origin.cdn.example"]);
        Assert.AreEqual("inline", facts["http.script.origin.data:"]);
    }

    [TestMethod]
    [DataRow("<iframe src=\"https://203.0.113.66/ad\"></iframe>", "http.iframe.origin.203.0.113.66")]
    [DataRow("<form method=post action=\"https://203.0.113.66/collect\">", "http.form.origin.203.0.113.66")]
    [DataRow("<base href=\"http://203.0.113.66/\">", "http.base.origin.203.0.113.66")]
    [DataRow("<script src=\" &#104;ttp://203.0.113.66/x.js\"></script>", "http.script.origin.203.0.113.66")]
    [DataRow("<script src=\"\\\\203.0.113.66\\x.js\"></script>", "http.script.origin.203.0.113.66")]
    [DataRow("<script src=\"ht\ttp://203.0.113.66/x.js\"></script>", "http.script.origin.203.0.113.66")]
    [DataRow("<iframe src=\"javascript:alert(1)\"></iframe>", "http.iframe.origin.javascript:")]
    public void TricksBrowsersAccept_StillNameTheForeignOrigin(string html, string key)
    {
        CollectionAssert.AreEqual(new[] { key }, Scan(html).Keys.ToArray());
    }

    [TestMethod]
    [DataRow("<form action=\"/login\">")]
    [DataRow("<form>")]
    [DataRow("<iframe src=\"/status.html\"></iframe>")]
    [DataRow("<!-- <script src=\"http://203.0.113.66/x.js\"></script> -->")]
    [DataRow("<title><script src=\"http://203.0.113.66/x.js\"></script></title>")]
    [DataRow("<style>/* <script src=\"http://203.0.113.66/x.js\"> */</style>")]
    [DataRow("<a href=\"http://203.0.113.66/\">vendor</a>")]
    public void LinksOnTheDevice_CommentsAndText_AreNotFacts(string html)
    {
        Assert.IsEmpty(Scan(html));
    }

    [TestMethod]
    public void InlineScript_IgnoresTokensNoncesTimestampsAndWhiteSpace()
    {
        string Page(string csrf, string nonce, long now, string stamp, string nl) =>
            $"<script nonce=\"{nonce}\">{nl}  window.cfg = {{ csrf: \"{csrf}\", now: {now}, stamp: \"{stamp}\", id: \"{Guid.NewGuid()}\" }};{nl}</script>";
        var a = InlineKey(Page("q8Zr1+/vXyPl0aB3cD4eF5gH6iJ7kL8m", "0f3a9c2e7b1d4f6a8c0e2b4d6f8a0c2e", 1733548920123, "2026-12-07T05:22:00Z", "\n"));
        var b = InlineKey(Page("AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEf", "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b", 1733559999999, "2027-01-01T23:59:59Z", "\r\n\t  "));
        Assert.AreEqual(a, b);
        var c = InlineKey(Page("q8Zr1+/vXyPl0aB3cD4eF5gH6iJ7kL8m", "0f3a9c2e7b1d4f6a8c0e2b4d6f8a0c2e", 1733548920123, "2026-12-07T05:22:00Z", "\n").Replace("window.cfg", "window.evil"));
        Assert.AreNotEqual(a, c);
    }

    [TestMethod]
    public void InlineScript_ChangedCodeOrHostChangesTheDigest_LongIdentifiersStay()
    {
        var a = InlineKey("<script>document.getElementsByTagName('head')[0].appendChild(s); s.src = 'https://cdn.example/a.js';</script>");
        var b = InlineKey("<script>document.getElementsByTagName('head')[0].appendChild(s); s.src = 'https://evil.example/a.js';</script>");
        var c = InlineKey("<script>document.getElementsByClassName('head')[0].appendChild(s); s.src = 'https://cdn.example/a.js';</script>");
        Assert.AreNotEqual(a, b);
        Assert.AreNotEqual(a, c);
    }

    [TestMethod]
    public void InlineScript_EndsOnlyAtItsEndTag_AndChunkingDoesNotMatter()
    {
        const string html = "<script>if (a </b) x = '</scrip'; y = 1 < 2;</script ><p>after</p><script src=http://203.0.113.66/x.js></script>";
        var one = Scan(html, 1);
        Assert.HasCount(2, one);
        foreach (int chunk in new[] { 2, 3, 5, 8, 64, 4096 }) CollectionAssert.AreEquivalent(one.ToList(), Scan(html, chunk).ToList(), "chunk " + chunk);
    }

    [TestMethod]
    public void EmptyScripts_AreNotFacts_AndTheListIsBounded()
    {
        Assert.IsEmpty(Scan("<script>  \n </script>"));
        var many = string.Concat(Enumerable.Range(0, 40).Select(i => $"<script>var v{new string('x', i + 1)} = 1;</script>"));
        var facts = Scan(many);
        Assert.HasCount(HtmlPageScan.MaxItems + 1, facts);
        Assert.AreEqual("yes", facts["overflow"]);
    }

    [TestMethod]
    public void UnterminatedScriptAtTheCut_IsStillDigested()
    {
        Assert.HasCount(1, Scan("<script>var x = 1; // page cut here"));
    }
}
