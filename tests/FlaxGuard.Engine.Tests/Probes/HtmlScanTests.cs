using System.Text;
using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Engine.Tests.Probes;

[TestClass]
public sealed class HtmlScanTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [TestMethod]
    [DataRow("<html><head><TITLE>Router &amp; Co</TITLE>", "Router & Co")]
    [DataRow("<title id=x>\n  Cam\t 1 \n</title>", "Cam 1")]
    [DataRow("<title>&#72;&#x69; &lt;3&gt;</title>", "Hi <3>")]
    [DataRow("<title>&#0;&#xD800;bad</title>", "&#0;&#xD800;bad")]
    [DataRow("<title>no end", "no end")]
    [DataRow("<title></title>", null)]
    [DataRow("<body>nothing</body>", null)]
    [DataRow("<title", null)]
    public void Title(string html, string? expected)
    {
        var bytes = B(html);
        Assert.AreEqual(expected, HtmlScan.Title(bytes, bytes.Length));
    }

    [TestMethod]
    public void Title_FallsBackToLatin1_ForNonUtf8Pages()
    {
        byte[] page = [.. B("<title>Caf"), 0xE9, .. B("</title>")];
        Assert.AreEqual("Café", HtmlScan.Title(page, page.Length));
    }

    [TestMethod]
    public void Title_IsCapped()
    {
        var bytes = B("<title>" + new string('x', 5000) + "</title>");
        Assert.AreEqual(HtmlScan.MaxTitleLength, HtmlScan.Title(bytes, bytes.Length)!.Length);
    }

    [TestMethod]
    public void Links_FindsScriptsAndStyles_InOrder_WithoutDuplicates()
    {
        var html = B("""<link rel=stylesheet href="/css/a.css"><script src='js/b.js?v=2'></script><a href="/x.html">x</a><img src="/i.png"><script SRC=/js/c.js></script><script src="/css/a.css"></script>""");
        CollectionAssert.AreEqual(new[] { "/css/a.css", "js/b.js?v=2", "/js/c.js" }, HtmlScan.ScriptAndStyleLinks(html, html.Length, 10));
        CollectionAssert.AreEqual(new[] { "/css/a.css" }, HtmlScan.ScriptAndStyleLinks(html, html.Length, 1));
    }

    [TestMethod]
    public void Links_SurviveUnterminatedAndHugeAttributes()
    {
        var html = B("<script src=\"/never-ends.js");
        Assert.IsEmpty(HtmlScan.ScriptAndStyleLinks(html, html.Length, 10));
        var huge = B("<script src=\"/" + new string('a', 1000) + ".js\"></script> <link href=/ok.css>");
        CollectionAssert.AreEqual(new[] { "/ok.css" }, HtmlScan.ScriptAndStyleLinks(huge, huge.Length, 10));
    }

    [TestMethod]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(5);
        var alphabet = B("<title>/ src=href'\".js.css&#x;amp\n");
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 200)];
            for (var k = 0; k < data.Length; k++) data[k] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            HtmlScan.Title(data, data.Length);
            HtmlScan.ScriptAndStyleLinks(data, data.Length, 8);
        }
    }
}
