using System.Text;
using System.Xml.Linq;
using FlaxGuard.Engine.Probes.Hikvision;

namespace FlaxGuard.Engine.Tests.Hikvision;

/// <summary>
/// The ISAPI document readers on their own: values compared with what .NET's XDocument (the reference parser)
/// reads from the same bytes, streaming in pieces of any size, and every kind of wrongly typed or hostile answer.
/// </summary>
[TestClass]
public sealed class IsapiDocumentTests
{
    private const string Ns = "http://www.hikvision.com/ver20/XMLSchema";

    private const string DeviceInfoXml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeviceInfo version=\"2.0\" xmlns=\"" + Ns + "\">\n"
        + "<deviceName>Gate &amp; Yard</deviceName>\n<deviceID>48443030-3637-3534-3838-4419b60a1b2c</deviceID>\n"
        + "<model>DS-2CD2143G2-I</model>\n<serialNumber>DS-2CD2143G2-I20210315AAWRG12345678</serialNumber>\n"
        + "<macAddress>44:19:b6:0a:1b:2c</macAddress>\n<firmwareVersion>V5.7.3</firmwareVersion>\n"
        + "<firmwareReleasedDate>build 220112</firmwareReleasedDate>\n<encoderVersion>V7.3</encoderVersion>\n"
        + "<encoderReleasedDate>build 211231</encoderReleasedDate>\n<deviceType>IPCamera</deviceType>\n"
        + "<hardwareVersion>0x0</hardwareVersion>\n</DeviceInfo>\n";

    private const string UsersXml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<UserList version=\"2.0\" xmlns=\"" + Ns + "\">\n"
        + "<User version=\"2.0\" xmlns=\"" + Ns + "\"><id>1</id><userName>admin</userName><userLevel>Administrator</userLevel></User>\n"
        + "<User version=\"2.0\" xmlns=\"" + Ns + "\"><id>2</id><userName>ops</userName><password></password><userLevel>Operator</userLevel></User>\n"
        + "<User version=\"2.0\" xmlns=\"" + Ns + "\"><id>3</id><userName>view er</userName><userLevel>Viewer</userLevel></User>\n"
        + "</UserList>\n";

    private const string InterfacesXml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NetworkInterfaceList version=\"2.0\" xmlns=\"" + Ns + "\">\n"
        + "<NetworkInterface version=\"2.0\" xmlns=\"" + Ns + "\"><id>1</id><IPAddress version=\"2.0\" xmlns=\"" + Ns + "\">"
        + "<ipVersion>dual</ipVersion><addressingType>static</addressingType><ipAddress>192.168.1.155</ipAddress>"
        + "<subnetMask>255.255.255.0</subnetMask><DefaultGateway><ipAddress>198.51.100.1</ipAddress></DefaultGateway>"
        + "<PrimaryDNS><ipAddress>172.016.2.1</ipAddress></PrimaryDNS><SecondaryDNS><ipAddress>8.8.8.8</ipAddress></SecondaryDNS>"
        + "</IPAddress><Link><MACAddress>44:19:b6:0a:1b:2c</MACAddress><speed>100</speed></Link></NetworkInterface>\n"
        + "<NetworkInterface><id>2</id><IPAddress><addressingType>DHCP</addressingType><PrimaryDNS><ipv6Address>2001:DB8::53</ipv6Address></PrimaryDNS>"
        + "<SecondaryDNS><ipAddress>0.0.0.0</ipAddress></SecondaryDNS></IPAddress></NetworkInterface>\n"
        + "</NetworkInterfaceList>\n";

    private const string NtpXml =
        "<NTPServerList version=\"2.0\" xmlns=\"" + Ns + "\">"
        + "<NTPServer><id>1</id><addressingFormatType>hostname</addressingFormatType><hostName>Time.Windows.COM</hostName><portNo>123</portNo></NTPServer>"
        + "<NTPServer><id>2</id><addressingFormatType>ipaddress</addressingFormatType><ipAddress>192.168.1.1</ipAddress></NTPServer>"
        + "<NTPServer><id>3</id><addressingFormatType>ipaddress</addressingFormatType><ipAddress></ipAddress></NTPServer>"
        + "<NTPServer><id>4</id><addressingFormatType>hostname</addressingFormatType><hostName>time.windows.com</hostName></NTPServer>"
        + "</NTPServerList>";

    private static (IsapiReply Reply, bool Complete) Read(IIsapiDocument document, string xml, int piece = int.MaxValue)
    {
        var reply = new IsapiReply(16, 512, 64 * 1024);
        reply.Begin(document);
        var bytes = Encoding.UTF8.GetBytes(xml);
        for (var i = 0; i < bytes.Length; i += piece) reply.Write(bytes, i, Math.Min(piece, bytes.Length - i));
        return (reply, reply.Finish());
    }

    private static string Refusal(IIsapiDocument document, string xml)
    {
        var (reply, complete) = Read(document, xml);
        Assert.IsFalse(complete, "the document should have been refused");
        Assert.IsNotNull(reply.Error);
        return reply.Error;
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(7)]
    [DataRow(int.MaxValue)]
    public void DeviceInfo_MatchesTheReferenceParser(int piece)
    {
        var document = new DeviceInfoDocument();
        var (reply, complete) = Read(document, DeviceInfoXml, piece);
        Assert.IsTrue(complete, reply.Error);
        Assert.IsTrue(reply.IsDocument);
        var reference = XDocument.Parse(DeviceInfoXml).Root!;
        string Value(string name) => reference.Element(XName.Get(name, Ns))!.Value;
        Assert.AreEqual(Value("deviceName"), document.DeviceName);
        Assert.AreEqual(Value("model"), document.Model);
        Assert.AreEqual(Value("serialNumber"), document.SerialNumber);
        Assert.AreEqual(Value("firmwareVersion"), document.FirmwareVersion);
        Assert.AreEqual(Value("firmwareReleasedDate"), document.FirmwareReleasedDate);
        Assert.AreEqual(Value("encoderVersion"), document.EncoderVersion);
        Assert.AreEqual(Value("deviceType"), document.DeviceType);
        Assert.IsNull(document.Manufacturer);
    }

    [TestMethod]
    public void Users_MatchTheReferenceParser()
    {
        var document = new UserListDocument(32);
        var (reply, complete) = Read(document, UsersXml, 3);
        Assert.IsTrue(complete, reply.Error);
        var reference = XDocument.Parse(UsersXml).Root!.Elements(XName.Get("User", Ns))
            .Select(u => u.Element(XName.Get("userName", Ns))!.Value + "=" + u.Element(XName.Get("userLevel", Ns))!.Value).ToArray();
        var read = Enumerable.Range(0, document.Count).Select(i => document[i].Name + "=" + document[i].Level).ToArray();
        CollectionAssert.AreEqual(reference, read);
    }

    [TestMethod]
    public void Interfaces_GiveCanonicalDnsServers_AndAddressing()
    {
        var document = new NetworkInterfacesDocument();
        var (reply, complete) = Read(document, InterfacesXml, 5);
        Assert.IsTrue(complete, reply.Error);
        Assert.AreEqual(2, document.Count);
        Assert.AreEqual("1", document[0].Id);
        Assert.AreEqual("static", document[0].Addressing);
        CollectionAssert.AreEqual(new[] { "172.16.2.1", "8.8.8.8" }, Enumerable.Range(0, document[0].DnsServerCount).Select(document[0].DnsServer).ToArray());
        Assert.AreEqual("dhcp", document[1].Addressing);
        // 0.0.0.0 is an empty slot, not a server.
        CollectionAssert.AreEqual(new[] { "2001:db8::53" }, Enumerable.Range(0, document[1].DnsServerCount).Select(document[1].DnsServer).ToArray());
        var reference = XDocument.Parse(InterfacesXml).Descendants().Where(e => e.Name.LocalName is "PrimaryDNS" or "SecondaryDNS").Select(e => e.Elements().Single().Value).ToArray();
        Assert.HasCount(4, reference, "every DNS slot the reference parser sees was considered");
        Assert.AreEqual("198.51.100.1", document[0].Gateway);
        Assert.IsNull(document[1].Gateway, "an interface naming no gateway has none");
    }

    [TestMethod]
    public void Gateway_IsCanonical_AndAnEmptySlotIsNone()
    {
        var document = new NetworkInterfacesDocument();
        var (reply, complete) = Read(document, "<NetworkInterfaceList><NetworkInterface><id>1</id><IPAddress><addressingType>static</addressingType>"
            + "<DefaultGateway><ipAddress>203.000.113.001</ipAddress></DefaultGateway></IPAddress></NetworkInterface>"
            + "<NetworkInterface><id>2</id><IPAddress><DefaultGateway><ipAddress>0.0.0.0</ipAddress></DefaultGateway></IPAddress></NetworkInterface></NetworkInterfaceList>");
        Assert.IsTrue(complete, reply.Error);
        Assert.AreEqual("203.0.113.1", document[0].Gateway);
        Assert.IsNull(document[1].Gateway);
        StringAssert.Contains(Refusal(new NetworkInterfacesDocument(), "<NetworkInterfaceList><NetworkInterface><id>1</id><IPAddress><DefaultGateway><ipAddress>gw.evil</ipAddress></DefaultGateway></IPAddress></NetworkInterface></NetworkInterfaceList>"), "default gateway");
    }

    [TestMethod]
    public void NtpServers_AreKeyedByCanonicalAddress_WithoutEmptySlotsOrDuplicates()
    {
        var document = new NtpServersDocument();
        var (reply, complete) = Read(document, NtpXml);
        Assert.IsTrue(complete, reply.Error);
        CollectionAssert.AreEqual(new[] { "time.windows.com", "192.168.1.1" }, Enumerable.Range(0, document.Count).Select(i => document[i]).ToArray());
    }

    [TestMethod]
    [DataRow("true", true)]
    [DataRow(" TRUE\n", true)]
    [DataRow("False", false)]
    public void Switches_AcceptTrueAndFalseInAnyCase(string text, bool expected)
    {
        var document = new ServiceSwitchDocument("Telnetd");
        var (reply, complete) = Read(document, "<Telnetd version=\"2.0\" xmlns=\"" + Ns + "\"><enabled>" + text + "</enabled></Telnetd>");
        Assert.IsTrue(complete, reply.Error);
        Assert.AreEqual(expected, document.Enabled);
    }

    [TestMethod]
    public void CloudAccess_ReadsItsServer_AndIgnoresStatusAndSecrets()
    {
        var document = new ServiceSwitchDocument("EZVIZ");
        var (reply, complete) = Read(document, "<EZVIZ><enabled>true</enabled><registerStatus>true</registerStatus><serverAddress><addressingFormatType>hostname</addressingFormatType>"
            + "<hostName>LiteDev.Hik-Connect.com</hostName></serverAddress><verificationCode>ABCDEF</verificationCode><bindStatus>bind</bindStatus></EZVIZ>");
        Assert.IsTrue(complete, reply.Error);
        Assert.IsTrue(document.Enabled);
        Assert.AreEqual("litedev.hik-connect.com", document.Server);
    }

    [TestMethod]
    public void ResponseStatus_IsRecognised_WithItsCodes()
    {
        var document = new ServiceSwitchDocument("Telnetd");
        var (reply, complete) = Read(document, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ResponseStatus version=\"2.0\" xmlns=\"" + Ns + "\">\n<requestURL>/ISAPI/System/Network/telnetd</requestURL>\n"
            + "<statusCode>4</statusCode>\n<statusString>Invalid Operation</statusString>\n<subStatusCode>notSupport</subStatusCode>\n</ResponseStatus>\n");
        Assert.IsTrue(complete, reply.Error);
        Assert.IsFalse(reply.IsDocument);
        Assert.IsTrue(reply.IsResponseStatus);
        Assert.IsTrue(IsapiStatus.IsNotSupported(reply.SubStatusCode));
        Assert.AreEqual("the device calls the request an invalid operation (Invalid Operation, notSupport)", IsapiStatus.Describe(reply.StatusCode, reply.StatusString, reply.SubStatusCode));
        Assert.AreEqual("the device is busy", IsapiStatus.Describe("2", null, null));
    }

    [TestMethod]
    public void ALockedLoginBody_IsRememberedAcrossRestart()
    {
        var document = new DeviceInfoDocument();
        var reply = new IsapiReply(16, 512, 64 * 1024);
        reply.Begin(document);
        var body = Encoding.UTF8.GetBytes("<userCheck><statusValue>401</statusValue><statusString>Unauthorized</statusString><lockStatus>lock</lockStatus><unlockTime>1790</unlockTime><retryLoginTime>0</retryLoginTime></userCheck>");
        reply.Write(body, 0, body.Length);
        reply.Restart();
        Assert.IsTrue(reply.RefusalSaidLocked);
        Assert.AreEqual("1790", reply.RefusalUnlockSeconds);
        var unlocked = Encoding.UTF8.GetBytes("<userCheck><lockStatus>unlock</lockStatus><retryLoginTime>5</retryLoginTime></userCheck>");
        reply.Begin(document);
        reply.Write(unlocked, 0, unlocked.Length);
        reply.Restart();
        Assert.IsFalse(reply.RefusalSaidLocked);
    }

    [TestMethod]
    public void RestartForgetsAHalfReadDocument()
    {
        var document = new DeviceInfoDocument();
        var reply = new IsapiReply(16, 512, 64 * 1024);
        reply.Begin(document);
        var half = Encoding.UTF8.GetBytes(DeviceInfoXml[..200]);
        reply.Write(half, 0, half.Length);
        reply.Restart();
        var whole = Encoding.UTF8.GetBytes(DeviceInfoXml);
        reply.Write(whole, 0, whole.Length);
        Assert.IsTrue(reply.Finish(), reply.Error);
        Assert.AreEqual("DS-2CD2143G2-I", document.Model);
    }

    [TestMethod]
    public void WrongRoot_IsRefused()
    {
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<html><body>login</body></html>"), "is not an ISAPI <DeviceInfo> document");
    }

    [TestMethod]
    public void ChildInsideAValue_IsRefusedAsWronglyTyped()
    {
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<DeviceInfo><model><b>x</b></model><firmwareVersion>V1</firmwareVersion></DeviceInfo>"), "inside <model>");
        StringAssert.Contains(Refusal(new UserListDocument(8), "<UserList><User><userName>a</userName><userLevel><x/></userLevel></User></UserList>"), "inside <userLevel>");
        StringAssert.Contains(Refusal(new ServiceSwitchDocument("SSH"), "<SSH><enabled><true/></enabled></SSH>"), "inside <enabled>");
        StringAssert.Contains(Refusal(new ServiceSwitchDocument("SSH"), "<ResponseStatus><statusCode><a/></statusCode></ResponseStatus>"), "inside <statusCode>");
    }

    [TestMethod]
    public void WronglyTypedValues_AreRefused()
    {
        StringAssert.Contains(Refusal(new ServiceSwitchDocument("Telnetd"), "<Telnetd><enabled>1</enabled></Telnetd>"), "not true or false");
        StringAssert.Contains(Refusal(new NetworkInterfacesDocument(), "<NetworkInterfaceList><NetworkInterface><id>1</id><IPAddress><PrimaryDNS><ipAddress>dns.evil</ipAddress></PrimaryDNS></IPAddress></NetworkInterface></NetworkInterfaceList>"), "not an IP address");
        StringAssert.Contains(Refusal(new NtpServersDocument(), "<NTPServerList><NTPServer><addressingFormatType>hostname</addressingFormatType><hostName>a b</hostName></NTPServer></NTPServerList>"), "not a host name");
        StringAssert.Contains(Refusal(new NtpServersDocument(), "<NTPServerList><NTPServer><addressingFormatType>ipaddress</addressingFormatType><ipAddress>300.1.1.1</ipAddress></NTPServer></NTPServerList>"), "not an IP address");
    }

    [TestMethod]
    public void RepeatedOrMissingMembers_AreRefused()
    {
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<DeviceInfo><model>a</model><model>b</model><firmwareVersion>V1</firmwareVersion></DeviceInfo>"), "repeats <model>");
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<DeviceInfo><model>a</model></DeviceInfo>"), "has no <firmwareVersion>");
        StringAssert.Contains(Refusal(new UserListDocument(8), "<UserList><User><userName>a</userName><userLevel>Viewer</userLevel></User><User><userName>a</userName><userLevel>Administrator</userLevel></User></UserList>"), "the same user twice");
        StringAssert.Contains(Refusal(new UserListDocument(8), "<UserList><User><userName>a</userName></User></UserList>"), "without a <userLevel>");
        StringAssert.Contains(Refusal(new UserListDocument(8), "<UserList><User><userLevel>Viewer</userLevel></User></UserList>"), "without a <userName>");
        StringAssert.Contains(Refusal(new UserListDocument(8), "<UserList></UserList>"), "lists no users at all");
        StringAssert.Contains(Refusal(new NetworkInterfacesDocument(), "<NetworkInterfaceList><NetworkInterface><id>1</id></NetworkInterface><NetworkInterface><id>1</id></NetworkInterface></NetworkInterfaceList>"), "the same network interface twice");
        StringAssert.Contains(Refusal(new ServiceSwitchDocument("SSH"), "<SSH></SSH>"), "has no <enabled> switch");
    }

    [TestMethod]
    public void TooManyUsers_AreRefused()
    {
        var xml = "<UserList>" + string.Concat(Enumerable.Range(0, 5).Select(i => $"<User><userName>u{i}</userName><userLevel>Viewer</userLevel></User>")) + "</UserList>";
        StringAssert.Contains(Refusal(new UserListDocument(4), xml), "more than 4 users");
    }

    [TestMethod]
    public void HostileXml_IsRefusedByTheBoundedScanner()
    {
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><DeviceInfo><model>&b;</model></DeviceInfo>"), "document type (DTD)");
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<DeviceInfo><model>&xxe;</model><firmwareVersion>V1</firmwareVersion></DeviceInfo>"), "entity XML does not define");
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<DeviceInfo>" + string.Concat(Enumerable.Repeat("<a>", 40))), "nested deeper than 16 levels");
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), DeviceInfoXml[..150]), "ended before the document was complete");
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), "<DeviceInfo><model>" + new string('m', 600) + "</model></DeviceInfo>"), "longer than the limit");
        var huge = "<DeviceInfo>" + string.Concat(Enumerable.Repeat("<padding>0123456789</padding>", 3000)) + "</DeviceInfo>";
        StringAssert.Contains(Refusal(new DeviceInfoDocument(), huge), "is larger than 65536 bytes");
    }

    [TestMethod]
    [DataRow("192.000.002.010", "192.0.2.10")]
    [DataRow(" 8.8.8.8 ", "8.8.8.8")]
    [DataRow("0.0.0.0", "")]
    [DataRow("", "")]
    [DataRow("::", "")]
    [DataRow("FE80::1", "fe80::1")]
    [DataRow("256.1.1.1", null)]
    [DataRow("1.2.3", null)]
    [DataRow("1.2.3.4.5", null)]
    [DataRow("1..2.3", null)]
    [DataRow("dns.example", null)]
    [DataRow("2001:db8::g", null)]
    public void Addresses_AreCanonical(string text, string? expected)
    {
        Assert.AreEqual(expected, IsapiAddress.Normalize(text));
    }

    [TestMethod]
    public void DottedQuads_LoseLeadingZerosLikeIntParse()
    {
        var random = new Random(71);
        string[] parts = ["0", "00", "000", "7", "07", "007", "10", "010", "100", "255", "0255", "256", "1000", "", "x"];
        for (var i = 0; i < 3000; i++)
        {
            var quad = Enumerable.Range(0, random.Next(3, 6)).Select(_ => parts[random.Next(parts.Length)]).ToArray();
            var text = string.Join(".", quad);
            // The reference: four parts of one to three digits, each read as a number, zero address meaning unset.
            string? expected = null;
            if (quad.Length == 4 && quad.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p) <= 255))
            {
                expected = string.Join(".", quad.Select(p => int.Parse(p).ToString()));
                if (expected == "0.0.0.0") expected = "";
            }
            Assert.AreEqual(expected, IsapiAddress.Normalize(text), text);
        }
        const string canonical = "192.0.2.10";
        Assert.AreSame(canonical, IsapiAddress.Normalize(canonical), "a canonical address comes back as it is, not as a copy");
    }
}
