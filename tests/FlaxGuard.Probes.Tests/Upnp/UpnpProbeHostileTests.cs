using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Lab.Upnp;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Upnp;

/// <summary>
/// The UPnP probe against the lab gateway twin on loopback, well-behaved and in every hostile mode: each
/// hostile case must end within its bound with "could not verify" and a reason, never an exception, never OK,
/// and never a request to a host other than the device.
/// </summary>
[TestClass]
public sealed class UpnpProbeHostileTests
{
    private const int HttpTimeoutMs = 1500;
    private const int TotalTimeMs = 8000;
    private static int _next = Environment.ProcessId % 200 * 64;

    private static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 91, (byte)(n / 250 % 250 + 1), (byte)(n % 250 + 1)]);
    }

    private static UpnpOptions Options(LabUpnpGateway gateway) => new()
    {
        SsdpPort = gateway.SsdpPort,
        UseMulticast = false,
        SearchAttempts = 1,
        UnicastWaitMs = 700,
        HttpTimeoutMs = HttpTimeoutMs,
        TotalTimeMs = TotalTimeMs,
        MaxMappings = 40,
    };

    private static (ProbeOutput Output, long ElapsedMs) Run(LabUpnpGateway gateway, UpnpOptions options)
    {
        using var http = new HttpClientTransport();
        var context = new ProbeContext(gateway.Address.ToString(), http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance)
        {
            UdpCollector = new SocketUdpCollector(gateway.Address),
        };
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        new UpnpIgdProbe(options).Run(context, output);
        return (output, watch.ElapsedMilliseconds);
    }

    [TestMethod]
    [DataRow(UpnpHostility.SsdpMalformed, "SSDP answer has a header line without a name")]
    [DataRow(UpnpHostility.SsdpOversized, "SSDP answer is larger than 2048 bytes")]
    [DataRow(UpnpHostility.DescriptionMalformed, "end tag that does not match")]
    [DataRow(UpnpHostility.DescriptionDeep, "nested deeper than 24 levels")]
    [DataRow(UpnpHostility.DescriptionHuge, "size limit")]
    [DataRow(UpnpHostility.DescriptionEntityExpansion, "document type (DTD)")]
    [DataRow(UpnpHostility.DescriptionExternalEntity, "document type (DTD)")]
    [DataRow(UpnpHostility.DescriptionUndefinedEntity, "entity XML does not define")]
    [DataRow(UpnpHostility.DescriptionStall, "time limit")]
    [DataRow(UpnpHostility.RepeatedMapping, "same port mapping")]
    [DataRow(UpnpHostility.StallAtThirdMapping, "stopped at entry 2")]
    [DataRow(UpnpHostility.TruncatedMapping, "ended before the document was complete")]
    [DataRow(UpnpHostility.GarbledMapping, "external port that is not a number")]
    public void HostileGateway_EndsWithinTheBound_AsCouldNotVerify(UpnpHostility hostility, string reason)
    {
        using var gateway = new LabUpnpGateway(NextAddress(), hostility);
        var (output, elapsed) = Run(gateway, Options(gateway));
        var unverified = output.Verdicts().Where(v => v.IsUnverified).ToArray();
        Assert.HasCount(1, unverified, string.Join("\n", output.Verdicts().Select(v => v.ToString())));
        StringAssert.Contains(unverified[0].Message, reason);
        Assert.IsLessThan(TotalTimeMs + 2000L, elapsed, "the probe overran its time bound");
    }

    [TestMethod]
    public void EndlessMappings_StopAtTheCap_WithAClearVerdict()
    {
        using var gateway = new LabUpnpGateway(NextAddress(), UpnpHostility.EndlessMappings);
        var (output, elapsed) = Run(gateway, Options(gateway));
        var unverified = output.Verdicts().Single(v => v.IsUnverified);
        StringAssert.Contains(unverified.Message, "listed 40 port mappings without ending its list");
        Assert.AreEqual(40, output.Facts.ToArray().Count(f => f.Key.StartsWith("upnp.map.", StringComparison.Ordinal)));
        Assert.IsLessThan(TotalTimeMs + 2000L, elapsed);
        // Description, external address, then exactly the cap: not one request more.
        Assert.AreEqual(2 + 40, gateway.Requests);
    }

    [TestMethod]
    [DataRow(UpnpHostility.SsdpLocationElsewhere, "UPnP description is said to be on another host (127.0.0.2)")]
    [DataRow(UpnpHostility.ControlElsewhere, "UPnP control URL is on another host (127.0.0.2)")]
    public void UrlsToAnotherHost_AreNeverFollowed(UpnpHostility hostility, string reason)
    {
        using var gateway = new LabUpnpGateway(NextAddress(), hostility);
        // A listener where the hostile URL points: nothing may connect to it.
        var decoy = new TcpListener(IPAddress.Parse("127.0.0.2"), gateway.HttpPort);
        decoy.Start();
        try
        {
            var (output, _) = Run(gateway, Options(gateway));
            var unverified = output.Verdicts().Single(v => v.IsUnverified);
            StringAssert.Contains(unverified.Message, reason);
            Assert.IsFalse(decoy.Pending(), "the probe connected to another host");
        }
        finally
        {
            decoy.Stop();
        }
    }

    [TestMethod]
    public void FloodOfAnswersFromAnotherDevice_IsIgnored_AndTheSilentDeviceIsAbsent()
    {
        using var gateway = new LabUpnpGateway(NextAddress(), UpnpHostility.SsdpFloodFromElsewhere);
        var options = Options(gateway);
        options.SearchAttempts = 2;
        var (output, elapsed) = Run(gateway, options);
        Assert.AreEqual("absent", output.Facts.Get("upnp.igd")?.Value);
        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified));
        Assert.AreEqual(0, gateway.Requests, "an answer from another device led the probe to fetch something");
        Assert.IsLessThan(4 * options.UnicastWaitMs + 1000L, elapsed, "a flood must not extend the wait");
    }

    [TestMethod]
    public void WellBehavedTwin_GivesEveryMapping_WithEscapedAndNonAsciiDescriptionsDecoded()
    {
        using var gateway = new LabUpnpGateway(NextAddress());
        gateway.AddMapping(new LabPortMapping("TCP", 8443, "192.168.1.20", 443, "NAS <web> & \"photos\" – 写真 'ok'"));
        gateway.AddMapping(new LabPortMapping("UDP", 3074, "192.168.1.30", 3074, "Xbox", Enabled: false, LeaseSeconds: 3600));
        gateway.AddMapping(new LabPortMapping("TCP", 7547, "192.168.1.40", 7547, "cwmp", RemoteHost: "198.51.100.9"));
        var (output, _) = Run(gateway, Options(gateway));
        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified), string.Join("\n", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual("192.168.1.20:443", output.Facts.Get("upnp.map.tcp.8443")?.Value);
        Assert.AreEqual("NAS <web> & \"photos\" – 写真 'ok'", output.Facts.Get("upnp.mapping.tcp.8443.description")?.Value);
        Assert.AreEqual("permanent", output.Facts.Get("upnp.mapping.tcp.8443.duration")?.Value);
        Assert.AreEqual("no", output.Facts.Get("upnp.mapping.udp.3074.enabled")?.Value);
        Assert.AreEqual("limited", output.Facts.Get("upnp.mapping.udp.3074.duration")?.Value);
        Assert.AreEqual("192.168.1.40:7547", output.Facts.Get("upnp.map.tcp.7547.from.198.51.100.9")?.Value);
        Assert.AreEqual("FlaxGuard Lab & Co", output.Facts.Get("upnp.device.manufacturer")?.Value);
        Assert.AreEqual("Lab router – UPnP twin", output.Facts.Get("upnp.device.model_description")?.Value);
        Assert.AreEqual("203.0.113.77", output.Facts.Get("upnp.external_ip")?.Value);
        var verdicts = output.Verdicts();
        Assert.AreEqual(FlaxGuard.Engine.Verdicts.Severity.Medium, verdicts.Single(v => v.Subject == "upnp.map.tcp.8443").Severity);
        Assert.AreEqual(FlaxGuard.Engine.Verdicts.Severity.Low, verdicts.Single(v => v.Subject == "upnp.map.udp.3074").Severity);
        Assert.AreEqual(FlaxGuard.Engine.Verdicts.Severity.High, verdicts.Single(v => v.Subject == "upnp.map.tcp.7547.from.198.51.100.9").Severity);
    }

    [TestMethod]
    public void ConfiguredDescriptionUrl_SkipsDiscovery()
    {
        using var gateway = new LabUpnpGateway(NextAddress());
        var options = Options(gateway);
        options.DescriptionUrl = gateway.DescriptionUrl;
        var (output, _) = Run(gateway, options);
        Assert.AreEqual(0, gateway.Searches);
        Assert.AreEqual("present", output.Facts.Get("upnp.igd")?.Value);
        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified));
    }

    [TestMethod]
    public void NothingListening_IsAbsent_NotAnError()
    {
        using var gateway = new LabUpnpGateway(NextAddress());
        var options = Options(gateway);
        options.SsdpPort = gateway.HttpPort; // a TCP port: no UDP listener there
        var (output, _) = Run(gateway, options);
        Assert.AreEqual("absent", output.Facts.Get("upnp.igd")?.Value);
        Assert.AreEqual("exposure.upnp-absent", output.Verdicts().Single().Code);
    }
}
