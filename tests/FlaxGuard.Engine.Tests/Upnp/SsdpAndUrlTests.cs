using System.Text;
using System.Xml;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Tests.Upnp;

[TestClass]
public sealed class SsdpAndUrlTests
{
    // Captured from Debian's miniupnpd 2.3.1 answering a unicast M-SEARCH (kernel version in SERVER shortened).
    private const string MiniupnpdAnswer =
        "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\n" +
        "USN: uuid:3ddcd1d3-2380-45f5-b069-3d6fd2f6a7c1::urn:schemas-upnp-org:device:InternetGatewayDevice:1\r\nEXT:\r\n" +
        "SERVER: Debian/6.1 UPnP/1.1 MiniUPnPd/2.3.1\r\nLOCATION: http://198.19.77.2:5000/rootDesc.xml\r\n" +
        "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n01-NLS: 1795742122\r\nBOOTID.UPNP.ORG: 1795742122\r\nCONFIGID.UPNP.ORG: 1337\r\n\r\n";

    private static SsdpAnswer Parse(string text, int max = 2048)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return SsdpAnswer.Parse(bytes, 0, bytes.Length, max);
    }

    [TestMethod]
    public void MiniupnpdAnswer_IsParsed()
    {
        var a = Parse(MiniupnpdAnswer);
        Assert.IsNull(a.Problem);
        Assert.AreEqual("http://198.19.77.2:5000/rootDesc.xml", a.Location);
        Assert.AreEqual(SsdpSearch.InternetGatewayDevice1, a.SearchTarget);
        Assert.AreEqual("Debian/6.1 UPnP/1.1 MiniUPnPd/2.3.1", a.Server);
        StringAssert.StartsWith(a.UniqueServiceName, "uuid:3ddcd1d3");
        Assert.IsNull(Parse(MiniupnpdAnswer.Replace("\r\n", "\n", StringComparison.Ordinal)).Problem, "bare LF line ends are accepted");
        Assert.IsNull(Parse(MiniupnpdAnswer.Replace("LOCATION:", "location:", StringComparison.Ordinal)).Problem, "header names are case-insensitive");
    }

    [TestMethod]
    [DataRow("HTTP/1.1 404 Not Found\r\n\r\n", "HTTP 200 status line")]
    [DataRow("NOTIFY * HTTP/1.1\r\n\r\n", "HTTP 200 status line")]
    [DataRow("HTTP/1.1 200 OK\r\nST: a\r\nUSN: b\r\n\r\n", "lacks one of")]
    [DataRow("HTTP/1.1 200 OK\r\nST: a\r\nST: a\r\nUSN: b\r\nLOCATION: http://x/\r\n\r\n", "repeats the ST header")]
    [DataRow("HTTP/1.1 200 OK\r\nST a\r\n\r\n", "without a name")]
    [DataRow("HTTP/1.1 200 OK\r\nLOCATION: http://x/\u00e9\r\n\r\n", "not printable ASCII")]
    [DataRow("HTTP/1.1 200 OK\r\nLOCATION: http://x/", "middle of a line")]
    [DataRow("HTTP/1.1 200 OK\r\nST: a\r\nUSN: b\r\nLOCATION: http://x/\r\n\r\nbody", "after its headers")]
    [DataRow("HTTP/1.1 200 OK\r\nLOCATION:\r\n\r\n", "empty LOCATION")]
    [DataRow("", "is empty")]
    public void MalformedAnswers_AreRefused(string text, string reason)
    {
        StringAssert.Contains(Parse(text).Problem, reason);
    }

    [TestMethod]
    public void OversizedAnswers_AndLongLines_AreRefused()
    {
        StringAssert.Contains(Parse(MiniupnpdAnswer, 200).Problem, "larger than 200 bytes");
        StringAssert.Contains(Parse("HTTP/1.1 200 OK\r\nX: " + new string('a', 600) + "\r\n\r\n").Problem, "longer than 512");
        var many = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"X{i}: y\r\n")) + "\r\n";
        StringAssert.Contains(Parse(many).Problem, "more than 32 header lines");
    }

    [TestMethod]
    public void SearchRequest_HasTheUdaShape()
    {
        var text = Encoding.ASCII.GetString(SsdpSearch.Build("239.255.255.250", 1900, SsdpSearch.InternetGatewayDevice2, 2));
        Assert.AreEqual("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 2\r\nST: urn:schemas-upnp-org:device:InternetGatewayDevice:2\r\n\r\n", text);
        StringAssert.Contains(Encoding.ASCII.GetString(SsdpSearch.Build("fe80::1", 1900, "x", 1)), "HOST: [fe80::1]:1900\r\n");
    }

    [TestMethod]
    [DataRow("http://198.19.77.2:5000/rootDesc.xml")]
    [DataRow("http://192.168.1.1/desc/../igd.xml?x=1")]
    [DataRow("HTTP://Router.Lan:49152/a/./b.xml")]
    [DataRow("http://[fe80::1]:80/x")]
    public void Urls_AgreeWithSystemUri(string url)
    {
        var ours = UpnpUrl.Parse(url);
        var reference = new Uri(url);
        Assert.IsNotNull(ours, url);
        Assert.IsTrue(UpnpUrl.SameHost(ours.Host, reference.IdnHost), $"{ours.Host} vs {reference.IdnHost}");
        Assert.AreEqual(reference.Port, ours.Port);
        Assert.AreEqual(reference.PathAndQuery, ours.PathAndQuery);
    }

    [TestMethod]
    [DataRow("https://198.19.77.2/x")]
    [DataRow("ftp://198.19.77.2/x")]
    [DataRow("http://user@198.19.77.2/x")]
    [DataRow("http://198.19.77.2:0/x")]
    [DataRow("http://198.19.77.2:70000/x")]
    [DataRow("http:///x")]
    [DataRow("http://a b/x")]
    [DataRow("/rootDesc.xml")]
    public void NonHttpOrOddUrls_AreRefused(string url)
    {
        Assert.IsNull(UpnpUrl.Parse(url));
    }

    [TestMethod]
    public void ControlUrls_ResolveAgainstTheDescription_AndOtherHostsAreVisible()
    {
        var location = UpnpUrl.Parse("http://198.19.77.2:5000/desc/rootDesc.xml")!;
        Assert.AreEqual("http://198.19.77.2:5000/ctl/IPConn", location.Resolve("/ctl/IPConn")!.ToString());
        Assert.AreEqual("http://198.19.77.2:5000/desc/ctl", location.Resolve("ctl")!.ToString());
        Assert.AreEqual("http://198.19.77.2:5000/ctl", location.Resolve("../../ctl")!.ToString());
        Assert.AreEqual("10.0.0.9", location.Resolve("http://10.0.0.9:80/ctl")!.Host);
        Assert.IsNull(location.Resolve("//10.0.0.9/ctl"));
        Assert.IsNull(location.Resolve("javascript:alert(1)"));
        Assert.IsTrue(UpnpUrl.SameHost("[::ffff:198.19.77.2]", "198.19.77.2"));
        Assert.IsFalse(UpnpUrl.SameHost("198.19.77.20", "198.19.77.2"));
    }

    [TestMethod]
    public void SoapRequest_IsWellFormed_AndEscapesItsArgument()
    {
        var body = SoapRequest.Build(UpnpDescription.WanIpConnection2, "GetGenericPortMappingEntry", "NewPortMappingIndex", "<7>&\"");
        var doc = new XmlDocument { XmlResolver = null };
        doc.LoadXml(Encoding.UTF8.GetString(body));
        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("s", "http://schemas.xmlsoap.org/soap/envelope/");
        ns.AddNamespace("u", UpnpDescription.WanIpConnection2);
        Assert.AreEqual("<7>&\"", doc.SelectSingleNode("/s:Envelope/s:Body/u:GetGenericPortMappingEntry/NewPortMappingIndex", ns)!.InnerText);
        Assert.AreEqual("\"urn:schemas-upnp-org:service:WANIPConnection:2#GetExternalIPAddress\"", SoapRequest.ActionHeader(UpnpDescription.WanIpConnection2, "GetExternalIPAddress"));
    }
}
