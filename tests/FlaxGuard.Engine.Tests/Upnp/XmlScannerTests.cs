using System.Text;
using System.Xml;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Tests.Upnp;

/// <summary>
/// The engine's XML scanner against .NET's XmlReader (DTDs prohibited) as the reference: on the same
/// documents, fed in pieces of every size, both must see the same elements at the same depths with the same
/// leaf text, and both must refuse the same malformed documents. The one deliberate difference (a bare '&amp;'
/// kept as text) is tested on its own.
/// </summary>
[TestClass]
public sealed class XmlScannerTests
{
    private const string MiniupnpdDescription =
        "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\" configId=\"1337\"><specVersion><major>1</major><minor>1</minor></specVersion><device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:2</deviceType><friendlyName>FlaxGuard test IGD</friendlyName><manufacturer>FlaxGuard Lab</manufacturer><modelName>MiniRouter</modelName><modelNumber>2.3.1-test</modelNumber><serialNumber>SN0001</serialNumber><UDN>uuid:3ddcd1d3-2380-45f5-b069-3d6fd2f6a7c1</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType><controlURL>/ctl/L3F</controlURL></service></serviceList><deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:2</deviceType><deviceList><device><serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:2</serviceType><serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><controlURL>/ctl/IPConn</controlURL></service></serviceList></device></deviceList></device></deviceList><presentationURL>http://198.19.77.2/</presentationURL></device></root>";

    private static readonly string[] ValidDocuments =
    [
        MiniupnpdDescription,
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><u:R xmlns:u=\"x\"><NewPortMappingDescription>x&lt;y &amp; &quot;z&quot; &apos;w&apos; &#233;&#x20AC;&#x1F600;</NewPortMappingDescription></u:R></s:Body></s:Envelope>",
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- a comment - with - dashes --><root a='1 > 0' b=\"&lt;\"><x><![CDATA[<not> a ]] tag & ]]]></x><y/><z  /><w>Ünïcødé – 写真</w></root>\n<!-- after -->\n",
        "<root>\r\n  <a>one</a>\r\n  <b>\ttab and\r\nnewline </b>\r\n</root>",
        "<?pi data?><root><a:b xmlns:a=\"u\"><c>1</c></a:b></root>",
    ];

    private sealed class Recorder : IXmlHandler
    {
        public readonly List<string> Events = [];

        public void OnStartElement(XmlScanner s) => Events.Add($"start {s.Depth}");

        public void OnEndElement(XmlScanner s) => Events.Add($"end {s.Depth} [{s.TextString() ?? "<invalid utf-8>"}]");
    }

    private static (List<string> Events, string? Error) Scan(byte[] document, int chunk, int maxDepth = 24, long maxBytes = 1 << 20)
    {
        var recorder = new Recorder();
        var scanner = new XmlScanner(recorder, maxDepth, 4096, maxBytes);
        for (var i = 0; i < document.Length; i += chunk) scanner.Write(document, i, Math.Min(chunk, document.Length - i));
        scanner.Finish();
        return (recorder.Events, scanner.Error);
    }

    /// <summary>The same event list from XmlReader: text is the text directly inside an element after its last child.</summary>
    private static List<string> Reference(string document)
    {
        var events = new List<string>();
        var text = new Stack<StringBuilder>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true };
        using var reader = XmlReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(document)), settings);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (text.Count > 0) text.Peek().Clear();
                    events.Add($"start {reader.Depth + 1}");
                    if (reader.IsEmptyElement) events.Add($"end {reader.Depth + 1} []");
                    else text.Push(new StringBuilder());
                    break;
                case XmlNodeType.EndElement:
                    events.Add($"end {reader.Depth + 1} [{text.Pop()}]");
                    if (text.Count > 0) text.Peek().Clear();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text.Count > 0) text.Peek().Append(reader.Value);
                    break;
            }
        }
        return events;
    }

    [TestMethod]
    public void ValidDocuments_GiveTheSameEventsAsXmlReader_InPiecesOfEverySize()
    {
        foreach (var document in ValidDocuments)
        {
            // XmlReader normalizes CR LF to LF in text; the scanner keeps bytes as sent, so compare on LF documents.
            var normalized = document.Replace("\r\n", "\n", StringComparison.Ordinal);
            var expected = Reference(normalized);
            var bytes = Encoding.UTF8.GetBytes(normalized);
            foreach (var chunk in new[] { 1, 2, 3, 7, 64, bytes.Length })
            {
                var (events, error) = Scan(bytes, chunk);
                Assert.IsNull(error, $"chunk {chunk}: {error}\n{document}");
                CollectionAssert.AreEqual(expected, events, $"chunk {chunk}: {document}");
            }
        }
    }

    [TestMethod]
    public void RandomDocumentsWrittenByXmlWriter_GiveTheSameEventsAsXmlReader()
    {
        var random = new Random(20261127);
        const string alphabet = "abc <>&\"'é€😀\t\n;#x&amp;";
        for (var round = 0; round < 300; round++)
        {
            var sb = new StringBuilder();
            using (var writer = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                WriteElement(writer, random, 1, alphabet);
            }
            var document = (round % 2 == 0 ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" : "") + sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
            var expected = Reference(document);
            var (events, error) = Scan(Encoding.UTF8.GetBytes(document), 1 + random.Next(40));
            Assert.IsNull(error, document);
            CollectionAssert.AreEqual(expected, events, document);
        }
    }

    private static void WriteElement(XmlWriter writer, Random random, int depth, string alphabet)
    {
        var prefixed = random.Next(3) == 0;
        writer.WriteStartElement(prefixed ? "p" : null, "e" + random.Next(5), prefixed ? "urn:x" : "");
        if (random.Next(2) == 0) writer.WriteAttributeString("a", RandomText(random, alphabet));
        var children = depth < 6 ? random.Next(4) : 0;
        for (var i = 0; i < children; i++) WriteElement(writer, random, depth + 1, alphabet);
        if (random.Next(3) > 0) writer.WriteString(RandomText(random, alphabet));
        if (random.Next(6) == 0) writer.WriteCData("c]]d<e>&");
        writer.WriteEndElement();
    }

    private static string RandomText(Random random, string alphabet)
    {
        var sb = new StringBuilder();
        var n = random.Next(12);
        for (var i = 0; i < n; i++)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsHighSurrogate(c)) continue;
            if (char.IsLowSurrogate(c)) { sb.Append("😀"); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }

    [TestMethod]
    [DataRow("<!DOCTYPE root [<!ENTITY a \"b\">]><root>&a;</root>", "document type (DTD)")]
    [DataRow("<?xml version=\"1.0\"?><!DOCTYPE root SYSTEM \"http://evil/x.dtd\"><root/>", "document type (DTD)")]
    [DataRow("<root>&secret;</root>", "entity XML does not define")]
    [DataRow("<root>&#0;</root>", "character reference")]
    [DataRow("<root>&#xD800;</root>", "character reference")]
    [DataRow("<root>&#x110000;</root>", "character reference")]
    [DataRow("<root>&#x;</root>", "character reference")]
    [DataRow("<root>&#12a;</root>", "character reference")]
    [DataRow("<root><a></b></root>", "does not match")]
    [DataRow("<root></root><second/>", "more than one root")]
    [DataRow("text<root/>", "outside its root")]
    [DataRow("<root/>trailing", "after its root")]
    [DataRow("<root><a>", "ended before")]
    [DataRow("<root a=\"x<y\"/>", "inside an attribute")]
    [DataRow("<root>\u0001</root>", "control character")]
    [DataRow("<root><1a/></root>", "does not start a tag")]
    [DataRow("<root><!ENTITY x \"y\"></root>", "declaration XML does not allow")]
    [DataRow("</root>", "never opened")]
    [DataRow("<root a></root>", "malformed attribute")]
    [DataRow("", "ended before")]
    public void MalformedAndHostileDocuments_AreRefused_AsXmlReaderRefusesThem(string document, string reason)
    {
        var (_, error) = Scan(Encoding.UTF8.GetBytes(document), 3);
        Assert.IsNotNull(error, document);
        StringAssert.Contains(error, reason);
        Assert.ThrowsExactly<XmlException>(() => Reference(document), "the reference accepted it: " + document);
    }

    [TestMethod]
    public void DepthAndSizeLimits_Hold()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 25)) + string.Concat(Enumerable.Repeat("</a>", 25));
        StringAssert.Contains(Scan(Encoding.ASCII.GetBytes(deep), 50).Error, "nested deeper than 24 levels");
        Assert.IsNull(Scan(Encoding.ASCII.GetBytes(deep), 50, maxDepth: 25).Error);
        var big = "<root>" + new string('x', 5000) + "</root>";
        StringAssert.Contains(Scan(Encoding.ASCII.GetBytes(big), 100, maxBytes: 4096).Error, "larger than 4096 bytes");
        var longName = "<" + new string('n', 65) + "/>";
        StringAssert.Contains(Scan(Encoding.ASCII.GetBytes(longName), 10).Error, "longer than 64 bytes");
        var longTag = "<root " + string.Concat(Enumerable.Range(0, 300).Select(i => $"a{i}=\"v\" ")) + "/>";
        StringAssert.Contains(Scan(Encoding.ASCII.GetBytes(longTag), 10).Error, "longer than 2048 bytes");
    }

    [TestMethod]
    public void LongText_IsCutAndFlagged_NotGrown()
    {
        var handler = new OverflowProbe();
        var scanner = new XmlScanner(handler, 4, 16, 1 << 16);
        var bytes = Encoding.ASCII.GetBytes("<r><a>" + new string('y', 1000) + "</a><b>short</b></r>");
        scanner.Write(bytes, 0, bytes.Length);
        Assert.IsTrue(scanner.Finish());
        CollectionAssert.AreEqual(new[] { "a:True:16", "b:False:5", "r:False:0" }, handler.Seen);
    }

    private sealed class OverflowProbe : IXmlHandler
    {
        public readonly List<string> Seen = [];

        public void OnStartElement(XmlScanner s) { }

        public void OnEndElement(XmlScanner s) => Seen.Add($"{(s.LocalNameIs("a") ? "a" : s.LocalNameIs("b") ? "b" : "r")}:{s.TextOverflowed}:{s.TextString()!.Length}");
    }

    [TestMethod]
    public void DeepLongNamesAndLongTexts_ReadAsXmlReaderReadsThem_WhileTheBuffersGrow()
    {
        // The name stack and the text buffer start small and grow: every level's name and every text length
        // across the growth steps must come out as XmlReader reads them, from one scanner reused for each document.
        static string Name(int level) => "n" + level + new string((char)('a' + level % 26), 60);
        var random = new Random(20261128);
        var handler = new AncestorCheck(Name);
        var scanner = new XmlScanner(handler, 24, 4096, 1 << 20);
        for (var round = 0; round < 60; round++)
        {
            var depth = random.Next(1, 25);
            var sb = new StringBuilder();
            for (var d = 1; d <= depth; d++) sb.Append('<').Append(Name(d)).Append('>');
            for (var d = depth; d >= 1; d--) sb.Append(new string((char)('a' + d), random.Next(0, 700))).Append("</").Append(Name(d)).Append('>');
            var document = sb.ToString();
            handler.Events.Clear();
            scanner.Reset();
            var bytes = Encoding.UTF8.GetBytes(document);
            var chunk = 1 + random.Next(300);
            for (var i = 0; i < bytes.Length; i += chunk) scanner.Write(bytes, i, Math.Min(chunk, bytes.Length - i));
            Assert.IsTrue(scanner.Finish(), scanner.Error);
            CollectionAssert.AreEqual(Reference(document), handler.Events, $"depth {depth}");
        }
    }

    [TestMethod]
    public void TextLimitBetweenGrowthSteps_CutsAtTheLimit()
    {
        var handler = new OverflowProbe();
        var scanner = new XmlScanner(handler, 4, 100, 1 << 16);
        var bytes = Encoding.ASCII.GetBytes("<r><a>" + new string('y', 150) + "</a><b>" + new string('z', 100) + "</b></r>");
        scanner.Write(bytes, 0, bytes.Length);
        Assert.IsTrue(scanner.Finish());
        CollectionAssert.AreEqual(new[] { "a:True:100", "b:False:100", "r:False:0" }, handler.Seen);
    }

    private sealed class AncestorCheck(Func<int, string> name) : IXmlHandler
    {
        public readonly List<string> Events = [];

        public void OnStartElement(XmlScanner s)
        {
            CheckAncestors(s);
            Events.Add($"start {s.Depth}");
        }

        public void OnEndElement(XmlScanner s)
        {
            CheckAncestors(s);
            Events.Add($"end {s.Depth} [{s.TextString() ?? "<invalid utf-8>"}]");
        }

        private void CheckAncestors(XmlScanner s)
        {
            for (var d = 1; d <= s.Depth; d++) Assert.IsTrue(s.LocalNameAtIs(d, name(d)), $"level {d} of {s.Depth}");
            Assert.IsFalse(s.LocalNameAtIs(s.Depth + 1, name(s.Depth + 1)));
        }
    }

    [TestMethod]
    public void BareAmpersand_IsKeptAsText_TheOneLeniency()
    {
        // miniupnpd relays "p&q" from upnpc unescaped; XmlReader refuses it, the scanner keeps the '&'.
        var (events, error) = Scan(Encoding.UTF8.GetBytes("<r><d>p&q</d><e>a & b &; c&</e></r>"), 1);
        Assert.IsNull(error);
        CollectionAssert.Contains(events, "end 2 [p&q]");
        CollectionAssert.Contains(events, "end 2 [a & b &; c&]");
        Assert.ThrowsExactly<XmlException>(() => Reference("<r><d>p&q</d></r>"));
    }

    [TestMethod]
    public void InvalidUtf8Text_IsReportedAsNull()
    {
        var recorder = new Recorder();
        var scanner = new XmlScanner(recorder, 4, 64, 1024);
        byte[] bytes = [.. "<r>"u8, 0xC0, 0xAF, .. "</r>"u8];
        scanner.Write(bytes, 0, bytes.Length);
        Assert.IsTrue(scanner.Finish());
        CollectionAssert.AreEqual(new[] { "start 1", "end 1 [<invalid utf-8>]" }, recorder.Events);
    }

    [TestMethod]
    public void Reset_MakesTheScannerReusable()
    {
        var recorder = new Recorder();
        var scanner = new XmlScanner(recorder, 4, 64, 1024);
        var bad = "<r><x></r>"u8.ToArray();
        scanner.Write(bad, 0, bad.Length);
        Assert.IsFalse(scanner.Finish());
        scanner.Reset();
        recorder.Events.Clear();
        var good = "<r>ok</r>"u8.ToArray();
        scanner.Write(good, 0, good.Length);
        Assert.IsTrue(scanner.Finish());
        CollectionAssert.AreEqual(new[] { "start 1", "end 1 [ok]" }, recorder.Events);
    }
}
