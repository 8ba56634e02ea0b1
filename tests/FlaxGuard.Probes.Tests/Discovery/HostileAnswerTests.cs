using System.Text;
using FlaxGuard.Engine.Discovery;

namespace FlaxGuard.Probes.Tests.Discovery;

/// <summary>
/// Bad answers to the three searches, fed to the engine's receivers exactly as the UDP collector hands them over:
/// spoofed (not answering our question), oversized, malformed, from outside the network, and thousands of them.
/// Each is counted and turned away; the inventory stays within its cap; nothing throws.
/// </summary>
[TestClass]
public sealed class HostileAnswerTests
{
    private const int MaxBytes = 9000;
    private static readonly Ipv4Network Lan = Ipv4Network.Parse("198.19.7.0/24", out _)!;

    private static byte[] Ssdp(string location, string st = "upnp:rootdevice") => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=120\r\nST: {st}\r\nUSN: uuid:1::{st}\r\nLOCATION: {location}\r\nSERVER: Linux/5 UPnP/1.1 Test/1\r\n\r\n");

    [TestMethod]
    public void Ssdp_OutsideOversizedAndForeignLocations_AreTurnedAway()
    {
        var inventory = new DeviceInventory(Lan, 256, null);
        var ssdp = new SsdpDiscovery(inventory, MaxBytes, gatewaySearch: false);
        var good = Ssdp("http://198.19.7.10:5000/rootDesc.xml");
        Assert.IsTrue(ssdp.Receive("203.0.113.9", 1900, good, 0, good.Length));
        var huge = new byte[MaxBytes + 1];
        good.CopyTo(huge, 0);
        Assert.IsTrue(ssdp.Receive("198.19.7.11", 1900, huge, 0, huge.Length));
        var garbage = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nST: x\r\n\u0001\r\n\r\n");
        Assert.IsTrue(ssdp.Receive("198.19.7.12", 1900, garbage, 0, garbage.Length));
        // A LOCATION on another host is never followed.
        var elsewhere = Ssdp("http://198.19.7.99:80/desc.xml");
        Assert.IsTrue(ssdp.Receive("198.19.7.13", 1900, elsewhere, 0, elsewhere.Length));
        Assert.IsTrue(ssdp.Receive("198.19.7.10", 1900, good, 0, good.Length));
        Assert.AreEqual(1, inventory.OutsideAnswers);
        Assert.AreEqual(2, inventory.MalformedAnswers);
        Assert.AreEqual(2, inventory.Count);
        Assert.IsNull(inventory.Find("198.19.7.13")!.DescriptionUrl);
        Assert.AreEqual("http://198.19.7.10:5000/rootDesc.xml", inventory.Find("198.19.7.10")!.DescriptionUrl);
        // A gateway search only takes gateway answers.
        var gateways = new SsdpDiscovery(inventory, MaxBytes, gatewaySearch: true);
        gateways.Receive("198.19.7.14", 1900, good, 0, good.Length);
        Assert.AreEqual(1, inventory.StrayAnswers);
    }

    [TestMethod]
    public void ThousandsOfAnswers_KeepTheInventoryWithinItsCap()
    {
        var network = Ipv4Network.Parse("198.19.4.0/22", out _)!;
        var inventory = new DeviceInventory(network, 64, null);
        var ssdp = new SsdpDiscovery(inventory, MaxBytes, gatewaySearch: false);
        var started = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5000; i++)
        {
            var address = $"198.19.{4 + i / 250 % 4}.{1 + i % 250}";
            var answer = Ssdp($"http://{address}:80/d.xml");
            ssdp.Receive(address, 1900, answer, 0, answer.Length);
        }
        Assert.AreEqual(64, inventory.Count);
        Assert.IsGreaterThan(0, inventory.DevicesOverCap);
        Console.WriteLine($"5000 SSDP answers: {GC.GetAllocatedBytesForCurrentThread() - started} bytes allocated, {inventory.Count} devices kept");
    }

    private static byte[] Mdns(int id, Action<List<byte>> records, int answerCount)
    {
        var m = new List<byte> { (byte)(id >> 8), (byte)id, 0x84, 0, 0, 0, 0, (byte)answerCount, 0, 0, 0, 0 };
        records(m);
        return m.ToArray();
    }

    private static void Name(List<byte> m, params string[] labels)
    {
        foreach (var l in labels) { m.Add((byte)l.Length); m.AddRange(Encoding.ASCII.GetBytes(l)); }
        m.Add(0);
    }

    private static void Ptr(List<byte> m)
    {
        Name(m, "_http", "_tcp", "local");
        m.AddRange(new byte[] { 0, 12, 0x80, 1, 0, 0, 0, 120 });
        var target = new List<byte>();
        Name(target, "Box", "_http", "_tcp", "local");
        m.Add(0); m.Add((byte)target.Count);
        m.AddRange(target);
    }

    [TestMethod]
    public void Mdns_SpoofedMalformedAndLoopingAnswers_AreTurnedAway()
    {
        var inventory = new DeviceInventory(Lan, 256, null);
        var mdns = new MdnsDiscovery(inventory, MaxBytes, 0x1234);
        var good = Mdns(0x1234, Ptr, 1);
        var spoofed = Mdns(0x9999, Ptr, 1);
        var cut = good[..^3];
        var flood = Mdns(0x1234, Ptr, 200);
        // A name pointer that points at itself.
        var loop = Mdns(0x1234, m => { m.Add(0xC0); m.Add(12); m.AddRange(new byte[] { 0, 12, 0, 1, 0, 0, 0, 1, 0, 0 }); }, 1);
        mdns.Receive("198.19.7.30", 5353, spoofed, 0, spoofed.Length);
        mdns.Receive("198.19.7.30", 5353, cut, 0, cut.Length);
        mdns.Receive("198.19.7.30", 5353, flood, 0, flood.Length);
        mdns.Receive("198.19.7.30", 5353, loop, 0, loop.Length);
        var huge = new byte[MaxBytes + 1];
        mdns.Receive("198.19.7.30", 5353, huge, 0, huge.Length);
        mdns.Receive("192.0.2.30", 5353, good, 0, good.Length);
        Assert.AreEqual(1, inventory.StrayAnswers);
        Assert.AreEqual(4, inventory.MalformedAnswers);
        Assert.AreEqual(1, inventory.OutsideAnswers);
        Assert.AreEqual(0, inventory.Count);
        mdns.Receive("198.19.7.30", 5353, good, 0, good.Length);
        var device = inventory.Find("198.19.7.30")!;
        CollectionAssert.AreEqual(new[] { "_http._tcp" }, device.Services());
        Assert.AreEqual("box", device.MdnsName);
    }

    private static byte[] ProbeMatches(string relatesTo, string extra = "") => Encoding.UTF8.GetBytes(
        $"<?xml version=\"1.0\"?>{extra}<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\">" +
        $"<e:Header><a:RelatesTo>{relatesTo}</a:RelatesTo></e:Header><e:Body><d:ProbeMatches><d:ProbeMatch>" +
        "<d:Scopes>onvif://www.onvif.org/name/Front%20Door onvif://www.onvif.org/hardware/DS-2CD2043</d:Scopes>" +
        "<d:XAddrs>http://198.19.7.40/onvif/device_service http://192.0.2.1/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></e:Body></e:Envelope>");

    [TestMethod]
    public void WsDiscovery_SpoofedDoctypeAndOversizedAnswers_AreTurnedAway()
    {
        var inventory = new DeviceInventory(Lan, 256, null);
        var probe = new WsDiscoveryProbe(inventory, MaxBytes, new byte[16]);
        var spoofed = ProbeMatches("urn:uuid:someone-else");
        var doctype = ProbeMatches(probe.MessageId, "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>");
        var huge = new byte[MaxBytes + 1];
        probe.Receive("198.19.7.40", 3702, spoofed, 0, spoofed.Length);
        probe.Receive("198.19.7.40", 3702, doctype, 0, doctype.Length);
        probe.Receive("198.19.7.40", 3702, huge, 0, huge.Length);
        Assert.AreEqual(1, inventory.StrayAnswers);
        Assert.AreEqual(2, inventory.MalformedAnswers);
        Assert.AreEqual(0, inventory.Count);
        var good = ProbeMatches(probe.MessageId);
        probe.Receive("198.19.7.40", 3702, good, 0, good.Length);
        var camera = inventory.Find("198.19.7.40")!;
        Assert.AreEqual("Front Door", camera.OnvifName);
        Assert.AreEqual("DS-2CD2043", camera.OnvifHardware);
        Assert.AreEqual("http://198.19.7.40:80/onvif/device_service", camera.OnvifAddress);
        ProfileSuggester.Suggest(camera);
        Assert.AreEqual("onvif", camera.SuggestedProfile);
        Assert.AreEqual("camera", camera.Kind);
    }

    [TestMethod]
    [DataRow("192.168.1.0/24", true)]
    [DataRow("10.0.0.0/22", true)]
    [DataRow("10.0.0.0/8", false)]
    [DataRow("10.0.0.0/31", false)]
    [DataRow("10.0.0.256/24", false)]
    [DataRow("010.0.0.0/24", false)]
    [DataRow("10.0.0.0", false)]
    [DataRow("", false)]
    public void NetworkBlocks_AreParsedStrictly(string text, bool valid)
    {
        Assert.AreEqual(valid, Ipv4Network.Parse(text, out var problem) is not null, problem);
    }

    [TestMethod]
    public void HikvisionWebServer_IsSuggestedWithMediumConfidence()
    {
        var d = new DiscoveredDevice("198.19.7.50");
        d.AddPort(80);
        d.SetHttp("App-webs/", null, null, null);
        ProfileSuggester.Suggest(d);
        Assert.AreEqual("hikvision", d.SuggestedProfile);
        Assert.AreEqual("medium", d.Confidence);
        var r = new DiscoveredDevice("198.19.7.51");
        r.AddPort(8291);
        ProfileSuggester.Suggest(r);
        Assert.AreEqual("routeros", r.SuggestedProfile);
    }

    [TestMethod]
    public void CertificateSubject_NamesTheMaker_AndHostileTextIsCleaned()
    {
        var d = new DiscoveredDevice("198.19.7.52");
        d.AddPort(443);
        d.SetHttp(null, null, new string('a', 64), "CN=192.0.2.1, O=MikroTik\u001b[2J\n" + new string('x', 500));
        ProfileSuggester.Suggest(d);
        Assert.AreEqual("routeros", d.SuggestedProfile, d.Reason);
        Assert.IsNotNull(d.CertificateSubject);
        Assert.IsLessThanOrEqualTo(200, d.CertificateSubject!.Length, d.CertificateSubject);
        Assert.IsFalse(d.CertificateSubject.Any(char.IsControl), d.CertificateSubject);
        // A subject without a fingerprint (plain http) is not taken.
        var plain = new DiscoveredDevice("198.19.7.53");
        plain.SetHttp("lighttpd", "Home", null, "CN=evil");
        Assert.IsNull(plain.CertificateSubject);
    }
}
