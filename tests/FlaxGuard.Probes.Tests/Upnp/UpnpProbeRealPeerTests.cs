using FlaxGuard.Engine.Families;
using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Upnp;

/// <summary>
/// The UPnP IGD probe against Debian's miniupnpd 2.3.1, with mappings added by Debian's upnpc and read
/// back by both: every mapping upnpc lists must come through as facts, descriptions decoded exactly.
/// </summary>
[TestClass]
public sealed class UpnpProbeRealPeerTests
{
    // Descriptions as handed to upnpc, which puts them into its SOAP request unescaped; miniupnpd stores and
    // returns them byte for byte. So "&lt;" typed here is an escaped '<' on the wire, decoded by the probe.
    private static readonly (string Raw, string Decoded, int Internal, int External, string Protocol)[] Mappings =
    [
        ("telnet", "telnet", 23, 2323, "TCP"),
        ("x&lt;y &amp; &quot;z&quot; &apos;w&apos; &#233;&#x20AC;", "x<y & \"z\" 'w' é€", 8080, 18080, "TCP"),
        ("Ünïcødé 'q' > x", "Ünïcødé 'q' > x", 53, 1053, "UDP"),
        ("p&q", "p&q", 8082, 18082, "TCP"),
        ("Ω &#x1F600; caf&#233;", "Ω 😀 café", 8083, 18083, "TCP"),
    ];

    private static MiniupnpdGateway _gateway = null!;
    private static HttpClientTransport _http = null!;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        _gateway = MiniupnpdGateway.Start();
        _http = new HttpClientTransport();
        foreach (var m in Mappings)
            _gateway.AddMapping(m.Raw, _gateway.Namespace.HostAddress.ToString(), m.Internal, m.External, m.Protocol, m.External == 2323 ? 3600 : null);
    }

    [ClassCleanup]
    public static void Stop()
    {
        _http?.Dispose();
        _gateway?.Dispose();
    }

    private static ProbeContext Context(bool withCollector = true) =>
        new(_gateway.Namespace.DeviceAddress.ToString(), _http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance)
        {
            // Multicast leaves through the test's end of the veth only, with TTL 1: it cannot reach any other network.
            UdpCollector = withCollector ? new SocketUdpCollector(_gateway.Namespace.HostAddress, 1) : null,
        };

    private static ProbeOutput Check(UpnpOptions options, ProbeContext? context = null)
    {
        var output = new ProbeOutput();
        new UpnpIgdProbe(options).Run(context ?? Context(), output);
        return output;
    }

    private static void AssertVerified(ProbeOutput output)
    {
        var unverified = output.Verdicts().Where(v => v.IsUnverified).ToArray();
        Assert.IsEmpty(unverified, string.Join("\n", unverified.Select(v => v.ToString())) + "\n" + _gateway.Output);
    }

    [TestMethod]
    public void ExternalAddress_IsReportedButUnreachable_InsideTheNamespace()
    {
        Assert.IsTrue(_gateway.ExternalAddressIsUnreachable(), "the namespace must have no default route and a blackhole route for the external address");
        var output = Check(new UpnpOptions());
        AssertVerified(output);
        Assert.AreEqual(MiniupnpdGateway.ExternalAddress, output.Facts.Get("upnp.external_ip")?.Value);
    }

    [TestMethod]
    public void EveryMappingUpnpcLists_AppearsAsFacts_WithDescriptionsDecodedExactly()
    {
        var listed = _gateway.ListWithUpnpc();
        // Other tests of this class may add mappings; every one added here must be listed, and whatever upnpc lists is compared.
        foreach (var m in Mappings)
            Assert.IsTrue(listed.Any(l => l.ExternalPort == m.External && l.Protocol == m.Protocol), $"upnpc -l does not list {m.Protocol} {m.External}");
        var output = Check(new UpnpOptions());
        AssertVerified(output);
        foreach (var m in listed)
        {
            var segment = $"{m.Protocol.ToLowerInvariant()}.{m.ExternalPort}";
            Assert.AreEqual($"{m.Client}:{m.InternalPort}", output.Facts.Get("upnp.map." + segment)?.Value, segment);
            Assert.AreEqual(XmlDecode(m.RawDescription), output.Facts.Get($"upnp.mapping.{segment}.description")?.Value, segment);
            Assert.AreEqual("yes", output.Facts.Get($"upnp.mapping.{segment}.enabled")?.Value, segment);
            // miniupnpd (IGD:2) turns lease 0 into its maximum lifetime, so every mapping here is limited.
            Assert.AreEqual("limited", output.Facts.Get($"upnp.mapping.{segment}.duration")?.Value, segment);
        }
        foreach (var m in Mappings)
            Assert.AreEqual(m.Decoded, output.Facts.Get($"upnp.mapping.{m.Protocol.ToLowerInvariant()}.{m.External}.description")?.Value);
        Assert.AreEqual(listed.Count, output.Facts.ToArray().Count(f => f.Key.StartsWith("upnp.map.", StringComparison.Ordinal)));
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Value.Contains("604", StringComparison.Ordinal) && f.Key.Contains("lease", StringComparison.Ordinal)), "lease countdowns must never be facts");
    }

    [TestMethod]
    public void DeviceIdentity_ComesFromTheDescription_WithoutSerialOrUdn()
    {
        var output = Check(new UpnpOptions());
        AssertVerified(output);
        Assert.AreEqual("present", output.Facts.Get("upnp.igd")?.Value);
        Assert.AreEqual(MiniupnpdGateway.Manufacturer, output.Facts.Get("upnp.device.manufacturer")?.Value);
        Assert.AreEqual(MiniupnpdGateway.ModelName, output.Facts.Get("upnp.device.model_name")?.Value);
        Assert.AreEqual(MiniupnpdGateway.ModelNumber, output.Facts.Get("upnp.device.model_number")?.Value);
        Assert.AreEqual("urn:schemas-upnp-org:device:InternetGatewayDevice:2", output.Facts.Get("upnp.device.type")?.Value);
        Assert.AreEqual("WANIPConnection:2", output.Facts.Get("upnp.device.wan_service")?.Value);
        StringAssert.Contains(output.Facts.Get("upnp.device.server")?.Value, "MiniUPnPd/2.3.1");
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Value.Contains("SN0001", StringComparison.Ordinal) || f.Value.Contains("3ddcd1d3", StringComparison.Ordinal)), "serial number or UDN leaked into a fact");
    }

    [TestMethod]
    public void Exposure_TelnetMappingIsHigh_OrdinaryMappingIsMedium()
    {
        var output = Check(new UpnpOptions());
        var verdicts = output.Verdicts();
        Assert.AreEqual(Severity.High, verdicts.Single(v => v.Subject == "upnp.map.tcp.2323").Severity);
        Assert.AreEqual(Severity.Medium, verdicts.Single(v => v.Subject == "upnp.map.tcp.18080").Severity);
        Assert.AreEqual(output.Facts.ToArray().Count(f => f.Key.StartsWith("upnp.map.", StringComparison.Ordinal)), verdicts.Count(v => v.Code == "exposure.upnp-mapping"));
    }

    [TestMethod]
    public void MulticastDiscovery_FromTheHostSide_FindsTheDevice()
    {
        var watch = Stopwatch.StartNew();
        var output = Check(new UpnpOptions { UseUnicast = false, UseMulticast = true });
        AssertVerified(output);
        Assert.AreEqual("present", output.Facts.Get("upnp.igd")?.Value);
        Assert.IsNotNull(output.Facts.Get("upnp.map.tcp.2323"));
        Assert.IsLessThan(10_000L, watch.ElapsedMilliseconds, "multicast discovery took too long");
    }

    [TestMethod]
    public void UnicastDiscovery_WorksWithOnlyTheOneAnswerUdpExchange()
    {
        var output = Check(new UpnpOptions { UseMulticast = false }, Context(withCollector: false));
        AssertVerified(output);
        Assert.IsNotNull(output.Facts.Get("upnp.map.udp.1053"));
    }

    [TestMethod]
    public void MappingAddedAfterTheBaseline_IsDrift_WithTheRuleSeverity()
    {
        var baseline = Check(new UpnpOptions()).Facts;
        var again = DriftReport.Compute(baseline, Check(new UpnpOptions()).Facts, DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, again.Count, "two checks in a row must not drift (lease countdowns are volatile and never facts)");

        _gateway.AddMapping("late arrival", _gateway.Namespace.HostAddress.ToString(), 37215, 37215, "TCP");
        var current = Check(new UpnpOptions());
        AssertVerified(current);
        var drift = DriftReport.Compute(baseline, current.Facts, DeviceFamilies.CreateDriftRules());
        var added = Enumerable.Range(0, drift.Count).Select(i => drift[i]).Single(c => c.Key == "upnp.map.tcp.37215");
        Assert.AreEqual(DriftKind.Added, added.Kind);
        Assert.AreEqual(Severity.High, added.Severity);
        // 37215 is the Huawei HG532 service botnets attack: the mapping into it is critical drift of its own.
        var risky = Enumerable.Range(0, drift.Count).Select(i => drift[i]).Single(c => c.Key == "upnp.risky.tcp.37215");
        Assert.AreEqual((DriftKind.Added, Severity.Critical, "upnp.risky.set"), (risky.Kind, risky.Severity, risky.Code));
        Assert.AreEqual(Severity.Critical, drift.Highest);
        Assert.IsTrue(Enumerable.Range(0, drift.Count).All(i => drift[i].Key.Contains(".tcp.37215", StringComparison.Ordinal)),
            "only the new mapping may drift: " + string.Join(", ", Enumerable.Range(0, drift.Count).Select(i => drift[i].Key)));
    }

    /// <summary>XML-decodes text with .NET's reader; a bare '&amp;' (which miniupnpd relays from upnpc) stays literal, as in the probe.</summary>
    private static string XmlDecode(string raw)
    {
        var escapedBare = Regex.Replace(raw, "&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)", "&amp;");
        using var reader = XmlReader.Create(new StringReader("<d>" + escapedBare + "</d>"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        reader.MoveToContent();
        return reader.ReadElementContentAsString();
    }
}
