using System.Text;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes.Onvif;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Tests.Onvif;

/// <summary>Reading ONVIF answers: structure, faults, every value's type, and what never becomes a fact.</summary>
[TestClass]
public sealed class OnvifAnswersTests
{
    private const string Open = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\"><env:Body>";
    private const string Close = "</env:Body></env:Envelope>";

    private static (OnvifReply Reply, XmlScanner Scanner, bool Complete) Scan(string response, string document, int maxValues = 512)
    {
        var reply = new OnvifReply(OnvifAnswers.Vocabulary, 16, maxValues);
        var scanner = new XmlScanner(reply, 16, 512, 64 * 1024);
        reply.Prepare(response);
        var bytes = Encoding.UTF8.GetBytes(document);
        // In small pieces, as the transport delivers them.
        for (var i = 0; i < bytes.Length; i += 7) scanner.Write(bytes, i, Math.Min(7, bytes.Length - i));
        return (reply, scanner, scanner.Finish());
    }

    [TestMethod]
    public void UsersBecomeFactsByNameWithLowerCaseLevels()
    {
        var (reply, _, complete) = Scan("GetUsersResponse", Open +
            "<tds:GetUsersResponse><tds:User><tt:Username>admin</tt:Username><tt:Password>secret</tt:Password><tt:UserLevel>Administrator</tt:UserLevel></tds:User>" +
            "<tds:User><tt:Username> view er </tt:Username><tt:UserLevel>User</tt:UserLevel><tt:Extension><tt:Username>x</tt:Username></tt:Extension></tds:User></tds:GetUsersResponse>" + Close);
        Assert.IsTrue(complete);
        var facts = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadUsers(reply, facts));
        CollectionAssert.AreEqual(new[] { "cfg.admin.admin=administrator", "cfg.user.admin=administrator", "cfg.user.view%20er=user" }, facts.ToArray().Select(f => f.ToString()).ToArray());
        Assert.IsFalse(facts.ToArray().Any(f => f.Value.Contains("secret")));
    }

    [TestMethod]
    public void ProtocolsKeepOnlyEnabledOnesWithSortedPorts()
    {
        var (reply, _, complete) = Scan("GetNetworkProtocolsResponse", Open + "<tds:GetNetworkProtocolsResponse>" +
            "<tds:NetworkProtocols><tt:Name>HTTP</tt:Name><tt:Enabled> 1 </tt:Enabled><tt:Port>8080</tt:Port><tt:Port>80</tt:Port></tds:NetworkProtocols>" +
            "<tds:NetworkProtocols><tt:Name>HTTPS</tt:Name><tt:Enabled>false</tt:Enabled><tt:Port>443</tt:Port></tds:NetworkProtocols>" +
            "<tds:NetworkProtocols><tt:Name>RTSP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>554</tt:Port></tds:NetworkProtocols></tds:GetNetworkProtocolsResponse>" + Close);
        Assert.IsTrue(complete);
        var facts = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadProtocols(reply, facts));
        CollectionAssert.AreEqual(new[] { "cfg.service.http=port=80,8080", "cfg.service.rtsp=port=554" }, facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    [TestMethod]
    [DataRow("<tt:Enabled>maybe</tt:Enabled><tt:Port>80</tt:Port>", "is enabled \"maybe\"")]
    [DataRow("<tt:Enabled>true</tt:Enabled><tt:Port>eighty</tt:Port>", "not a number from 1 to 65535")]
    [DataRow("<tt:Enabled>true</tt:Enabled><tt:Port>70000</tt:Port>", "not a number from 1 to 65535")]
    [DataRow("<tt:Enabled>true</tt:Enabled>", "gives no port")]
    public void WrongProtocolTypesAreRefused(string inner, string reason)
    {
        var (reply, _, complete) = Scan("GetNetworkProtocolsResponse", Open + "<tds:GetNetworkProtocolsResponse><tds:NetworkProtocols><tt:Name>HTTP</tt:Name>" + inner + "</tds:NetworkProtocols></tds:GetNetworkProtocolsResponse>" + Close);
        Assert.IsTrue(complete);
        StringAssert.Contains(OnvifAnswers.ReadProtocols(reply, new FactSet()), reason);
    }

    [TestMethod]
    public void ManualDnsAndNtpServersAreFactsDhcpOnesAreNot()
    {
        var (dns, _, _) = Scan("GetDNSResponse", Open + "<tds:GetDNSResponse><tds:DNSInformation><tt:FromDHCP>false</tt:FromDHCP><tt:SearchDomain>Office.Example</tt:SearchDomain>" +
            "<tt:DNSFromDHCP><tt:Type>IPv4</tt:Type><tt:IPv4Address>198.51.100.1</tt:IPv4Address></tt:DNSFromDHCP>" +
            "<tt:DNSManual><tt:Type>IPv4</tt:Type><tt:IPv4Address>192.0.2.53</tt:IPv4Address></tt:DNSManual>" +
            "<tt:DNSManual><tt:Type>IPv6</tt:Type><tt:IPv6Address>2001:DB8::53</tt:IPv6Address></tt:DNSManual></tds:DNSInformation></tds:GetDNSResponse>" + Close);
        var facts = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadDns(dns, facts));
        var (ntp, _, _) = Scan("GetNTPResponse", Open + "<tds:GetNTPResponse><tds:NTPInformation><tt:FromDHCP>true</tt:FromDHCP>" +
            "<tt:NTPManual><tt:Type>DNS</tt:Type><tt:DNSname>NTP.Example</tt:DNSname></tt:NTPManual></tds:NTPInformation></tds:GetNTPResponse>" + Close);
        Assert.IsNull(OnvifAnswers.ReadNtp(ntp, facts));
        CollectionAssert.AreEqual(new[]
        {
            "cfg.dns.server.192.0.2.53=configured", "cfg.dns.server.2001:db8::53=configured", "cfg.ntp.server.ntp.example=configured",
            "onvif.dns.from-dhcp=off", "onvif.dns.search.office.example=configured", "onvif.ntp.from-dhcp=on",
        }, facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    private static string IpFilter(string inner) =>
        Open + "<tds:GetIPAddressFilterResponse><tds:IPAddressFilter>" + inner + "</tds:IPAddressFilter></tds:GetIPAddressFilterResponse>" + Close;

    [TestMethod]
    public void IpAddressFilter_KeysEachPrefix_AndAnEmptyListIsOff()
    {
        var (reply, _, complete) = Scan("GetIPAddressFilterResponse", IpFilter("<tt:Type> allow </tt:Type>" +
            "<tt:IPv4Address><tt:Address>198.51.100.0</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:IPv4Address>" +
            "<tt:IPv4Address><tt:Address>192.0.2.10</tt:Address><tt:PrefixLength>32</tt:PrefixLength></tt:IPv4Address>" +
            "<tt:IPv6Address><tt:Address>2001:DB8::</tt:Address><tt:PrefixLength>64</tt:PrefixLength></tt:IPv6Address>"));
        Assert.IsTrue(complete);
        var facts = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadIpAddressFilter(reply, facts));
        CollectionAssert.AreEquivalent(
            new[] { "cfg.camera.ipfilter=allow", "cfg.camera.ipfilter.198.51.100.0/24=allow", "cfg.camera.ipfilter.192.0.2.10=allow", "cfg.camera.ipfilter.2001:db8::/64=allow" },
            Enumerable.Range(0, facts.Count).Select(i => facts[i].Key + "=" + facts[i].Value).ToArray());

        var (empty, _, _) = Scan("GetIPAddressFilterResponse", IpFilter("<tt:Type>Deny</tt:Type>"));
        var none = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadIpAddressFilter(empty, none));
        Assert.AreEqual(1, none.Count);
        Assert.AreEqual("off", none.Get("cfg.camera.ipfilter")!.Value);
    }

    [TestMethod]
    [DataRow("<tt:Type>Sometimes</tt:Type>", "neither Allow nor Deny")]
    [DataRow("", "has no filter type")]
    [DataRow("<tt:Type>Allow</tt:Type><tt:IPv4Address><tt:Address>lan</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:IPv4Address>", "not an IP address")]
    [DataRow("<tt:Type>Allow</tt:Type><tt:IPv4Address><tt:Address>2001:db8::1</tt:Address><tt:PrefixLength>24</tt:PrefixLength></tt:IPv4Address>", "other IP version")]
    [DataRow("<tt:Type>Allow</tt:Type><tt:IPv4Address><tt:Address>192.0.2.0</tt:Address><tt:PrefixLength>33</tt:PrefixLength></tt:IPv4Address>", "from 0 to 32")]
    [DataRow("<tt:Type>Allow</tt:Type><tt:IPv4Address><tt:Address>192.0.2.0</tt:Address></tt:IPv4Address>", "without its prefix length")]
    [DataRow("<tt:Type>Allow</tt:Type><tt:IPv6Address><tt:PrefixLength>64</tt:PrefixLength></tt:IPv6Address>", "without a filter address")]
    public void IpAddressFilter_WrongValuesAreRefused(string inner, string reason)
    {
        var (reply, _, _) = Scan("GetIPAddressFilterResponse", IpFilter(inner));
        var facts = new FactSet();
        StringAssert.Contains(OnvifAnswers.ReadIpAddressFilter(reply, facts), reason);
        Assert.AreEqual(0, facts.Count, "each answer is refused at its first bad value");
    }

    [TestMethod]
    public void IpAddressFilter_TooManyAddressesAreRefused()
    {
        var entries = string.Concat(Enumerable.Range(0, OnvifAnswers.MaxFilterAddresses + 1)
            .Select(i => $"<tt:IPv4Address><tt:Address>198.51.100.{i}</tt:Address><tt:PrefixLength>32</tt:PrefixLength></tt:IPv4Address>"));
        var (reply, _, _) = Scan("GetIPAddressFilterResponse", IpFilter("<tt:Type>Allow</tt:Type>" + entries));
        StringAssert.Contains(OnvifAnswers.ReadIpAddressFilter(reply, new FactSet()), "more than 32 filter addresses");
    }

    [TestMethod]
    public void DeviceInformationNeverKeepsTheSerialNumber()
    {
        var (reply, _, _) = Scan("GetDeviceInformationResponse", Open + "<tds:GetDeviceInformationResponse><tds:Manufacturer> HIKVISION </tds:Manufacturer><tds:Model>DS-2CD2042WD-I</tds:Model>" +
            "<tds:FirmwareVersion>V5.4.5 build 170124</tds:FirmwareVersion><tds:SerialNumber>DS-2CD2042WD-I20170101AAWR123456789</tds:SerialNumber><tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse>" + Close);
        var facts = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadDeviceInformation(reply, facts));
        CollectionAssert.AreEqual(new[] { "fw.model=DS-2CD2042WD-I", "fw.vendor=hikvision", "fw.version=V5.4.5 build 170124", "onvif.hardware-id=88" }, facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    [TestMethod]
    public void ClockGivesTheCameraTimeButNoClockFact()
    {
        var (reply, _, _) = Scan("GetSystemDateAndTimeResponse", Open + "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>true</tt:DaylightSavings>" +
            "<tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone><tt:UTCDateTime><tt:Time><tt:Hour>7</tt:Hour><tt:Minute>50</tt:Minute><tt:Second>45</tt:Second></tt:Time>" +
            "<tt:Date><tt:Year>2010</tt:Year><tt:Month>9</tt:Month><tt:Day>16</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>" + Close);
        var facts = new FactSet();
        Assert.IsNull(OnvifAnswers.ReadClock(reply, facts, out var camera));
        Assert.AreEqual(new DateTimeOffset(2010, 9, 16, 7, 50, 45, TimeSpan.Zero).ToUnixTimeMilliseconds(), camera);
        CollectionAssert.AreEqual(new[] { "onvif.datetime-type=ntp", "onvif.timezone=CST-8" }, facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    [TestMethod]
    public void Soap12FaultGivesCodeSubcodeAndReason()
    {
        var (reply, _, complete) = Scan("GetUsersResponse", Open + "<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code>" +
            "<env:Reason><env:Text xml:lang=\"en\">Sender not Authorized</env:Text></env:Reason></env:Fault>" + Close);
        Assert.IsTrue(complete);
        Assert.IsTrue(reply.IsFault);
        Assert.IsFalse(reply.IsResponse);
        Assert.AreEqual("env:Sender", reply.FaultCode);
        Assert.AreEqual("NotAuthorized", reply.FaultName);
        Assert.AreEqual("Sender not Authorized", reply.FaultReason);
    }

    [TestMethod]
    public void AnotherResponseThanTheExpectedOneIsRefused()
    {
        var (_, scanner, complete) = Scan("GetUsersResponse", Open + "<tds:GetDNSResponse/>" + Close);
        Assert.IsFalse(complete);
        StringAssert.Contains(scanner.Error, "other than the expected GetUsersResponse");
    }

    [TestMethod]
    public void TooManyValuesAreRefused()
    {
        var users = string.Concat(Enumerable.Range(0, 40).Select(i => $"<tds:User><tt:Username>u{i}</tt:Username><tt:UserLevel>User</tt:UserLevel></tds:User>"));
        var (_, scanner, complete) = Scan("GetUsersResponse", Open + "<tds:GetUsersResponse>" + users + "</tds:GetUsersResponse>" + Close, maxValues: 64);
        Assert.IsFalse(complete);
        StringAssert.Contains(scanner.Error, "more than 64 values");
    }

    [TestMethod]
    [DataRow("<tt:Username>a</tt:Username><tt:UserLevel>Root</tt:UserLevel>", "which ONVIF does not define")]
    [DataRow("<tt:Username>a</tt:Username>", "without a level")]
    [DataRow("<tt:Username>a</tt:Username><tt:Username>b</tt:Username><tt:UserLevel>User</tt:UserLevel>", "two names")]
    public void WrongUserEntriesAreRefused(string inner, string reason)
    {
        var (reply, _, _) = Scan("GetUsersResponse", Open + "<tds:GetUsersResponse><tds:User>" + inner + "</tds:User></tds:GetUsersResponse>" + Close);
        StringAssert.Contains(OnvifAnswers.ReadUsers(reply, new FactSet()), reason);
    }

    [TestMethod]
    public void DuplicateUsersAreRefused()
    {
        var user = "<tds:User><tt:Username>admin</tt:Username><tt:UserLevel>Administrator</tt:UserLevel></tds:User>";
        var (reply, _, _) = Scan("GetUsersResponse", Open + "<tds:GetUsersResponse>" + user + user + "</tds:GetUsersResponse>" + Close);
        StringAssert.Contains(OnvifAnswers.ReadUsers(reply, new FactSet()), "twice");
    }

    [TestMethod]
    [DataRow("300.1.2.3")]
    [DataRow("1.2.3")]
    [DataRow("fe80::1::2")]
    [DataRow("not-an-ip")]
    public void BadAddressesAreRefused(string address)
    {
        Assert.IsNull(OnvifValues.NormalizeAddress(address));
    }

    [TestMethod]
    [DataRow(" 192.0.2.1 ", "192.0.2.1")]
    [DataRow("2001:DB8::1", "2001:db8::1")]
    [DataRow("::1", "::1")]
    [DataRow("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8")]
    public void GoodAddressesAreNormalised(string address, string expected)
    {
        Assert.AreEqual(expected, OnvifValues.NormalizeAddress(address));
    }
}
