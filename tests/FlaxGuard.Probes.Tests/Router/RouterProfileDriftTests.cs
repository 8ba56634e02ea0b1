using System.Net;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Dns;
using FlaxGuard.Probes.Tests.Fixtures;
using FlaxGuard.Probes.Tests.Upnp;
using FlaxGuard.Wording;

namespace FlaxGuard.Probes.Tests.Router;

/// <summary>
/// The <c>router</c> profile end to end against real daemons, with the probes from <see cref="ProbeProfiles"/> as the
/// agent and the dongle build them: Debian's miniupnpd as the router's IGD and a dnsmasq inside the router's
/// namespace on port 53 as its resolver, a second dnsmasq on loopback as the trusted resolver the job names.
/// After the baseline, a UPnP mapping into telnet on a LAN host appears and the router's resolver starts lying:
/// both must show as drift with the engine's rules and the host's sentences.
/// </summary>
[TestClass]
public sealed class RouterProfileDriftTests
{
    // The default canary names, answered with their published addresses by both resolvers while the router is honest.
    private static readonly string[] HonestRecords =
    [
        "one.one.one.one=1.1.1.1", "one.one.one.one=1.0.0.1", "one.one.one.one=2606:4700:4700::1111",
        "dns.google=8.8.8.8", "dns.google=8.8.4.4", "dns.google=2001:4860:4860::8888",
        "dns.quad9.net=9.9.9.9", "dns.quad9.net=2620:fe::fe",
    ];

    private static readonly string[] LyingRecords =
    [
        "one.one.one.one=1.1.1.1", "one.one.one.one=1.0.0.1", "one.one.one.one=2606:4700:4700::1111",
        "dns.google=203.0.113.66", "dns.google=2001:4860:4860::8888",
        "dns.quad9.net=9.9.9.9", "dns.quad9.net=2620:fe::fe",
    ];

    private static MiniupnpdGateway _gateway = null!;
    private static DnsmasqResolver _trusted = null!;
    private static HttpClientTransport _http = null!;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        _gateway = MiniupnpdGateway.Start();
        _trusted = DnsmasqResolver.Start(DnsTestNet.Loopback(41), HonestRecords);
        _http = new HttpClientTransport();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _http?.Dispose();
        _trusted?.Dispose();
        _gateway?.Dispose();
    }

    /// <summary>dnsmasq as the router's resolver: inside the router's namespace, on its LAN address, port 53.</summary>
    private static RealProcess StartRouterDns(string[] records)
    {
        var dnsmasq = DebianTool.Require("dnsmasq", "dnsmasq");
        var address = _gateway.Namespace.DeviceAddress;
        List<string> args = ["-k", "-C", "/dev/null", "--pid-file=", "--log-facility=-", "--port=53", $"--listen-address={address}", "--bind-interfaces", "--no-resolv", "--no-hosts"];
        foreach (var record in records)
        {
            var eq = record.IndexOf('=');
            args.Add($"--address=/{record[..eq]}/{record[(eq + 1)..]}");
        }
        var process = RealProcess.Start(dnsmasq, args, _gateway.Namespace.Name);
        try
        {
            process.WaitForOutput("started, version");
            process.WaitUntil(() => Dig.Query(address, 53, "dns.google", "A").Status is not null, $"dnsmasq on {address}:53");
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return process;
    }

    private static CheckResult Check(Baseline? baseline)
    {
        // The admin page address is miniupnpd's own HTTP port, so the web fingerprint has a real server to read too.
        var address = ProfileAddress.Of("http", _gateway.Namespace.DeviceAddress.ToString(), MiniupnpdGateway.HttpPort);
        var settings = new ProbeSettings { TrustedResolver = $"{_trusted.Address}:{_trusted.Port}" };
        var probes = ProbeProfiles.Create(ProbeProfiles.Router, address, null!, null!, [], settings, out string error)
            ?? throw new AssertFailedException(error);
        var context = new ProbeContext(address.Host, _http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        return TargetCheck.Run(context, probes, baseline, DeviceFamilies.CreateDriftRules(), DeviceFamilies.CreateVolatileFilter());
    }

    private static string Describe(CheckResult result) =>
        string.Join("\n", result.Verdicts.Select(v => v.ToString())) + "\n" + string.Join("\n", result.Facts.ToArray().Select(f => f.ToString())) + "\n" + _gateway.Output;

    [TestMethod]
    public void NewRiskyMapping_IsCritical_AndALyingResolver_IsDrift()
    {
        _gateway.AddMapping("media server", _gateway.Namespace.HostAddress.ToString(), 8200, 18200, "TCP");
        CheckResult first;
        using (StartRouterDns(HonestRecords))
        {
            first = Check(null);
        }
        Assert.IsTrue(first.FullyVerified, Describe(first));
        Assert.AreEqual("present", first.Facts.Get("upnp.igd")?.Value);
        Assert.AreEqual("8.8.4.4,8.8.8.8", first.Facts.Get("dns.answer.dns.google.a")?.Value, Describe(first));
        Assert.IsNotNull(first.Facts.Get("http.status"), "the router's own web interface is fingerprinted");
        Assert.IsNull(first.Facts.Get("upnp.risky.tcp.18200"), "a mapping to an ordinary port is not risky");
        var baseline = new Baseline("router", 1, first.Facts);

        // Something on the LAN opens telnet of a LAN host to the internet, and the router's resolver is replaced.
        _gateway.AddMapping("x", _gateway.Namespace.HostAddress.ToString(), 23, 2323, "TCP");
        CheckResult second;
        using (StartRouterDns(LyingRecords))
        {
            second = Check(baseline);
        }
        Assert.IsNotNull(second.Drift, Describe(second));
        var changes = Enumerable.Range(0, second.Drift.Count).Select(i => second.Drift[i]).ToArray();
        string all = string.Join("\n", changes.Select(c => $"{c.Kind} {c.Key} {c.Severity} {c.Code}")) + "\n" + Describe(second);

        var risky = changes.Single(c => c.Key == "upnp.risky.tcp.2323");
        Assert.AreEqual((DriftKind.Added, Severity.Critical, "upnp.risky.set"), (risky.Kind, risky.Severity, risky.Code), all);
        Assert.AreEqual("telnet", risky.NewValue);
        StringAssert.Contains(DriftSentences.For(risky), "botnets attack");
        var mapping = changes.Single(c => c.Key == "upnp.map.tcp.2323");
        Assert.AreEqual((DriftKind.Added, Severity.High), (mapping.Kind, mapping.Severity), all);
        Assert.AreEqual($"{_gateway.Namespace.HostAddress}:23", mapping.NewValue);

        var dns = changes.Single(c => c.Key == "dns.answer.dns.google.a");
        Assert.AreEqual((DriftKind.Changed, Severity.High, "dns.answer.changed"), (dns.Kind, dns.Severity, dns.Code), all);
        Assert.AreEqual("203.0.113.66", dns.NewValue);
        Assert.IsTrue(second.Verdicts.Any(v => v.Code == "dns.hijack" && v.Subject == "dns.answer.dns.google.a"), all);
        Assert.AreEqual(Severity.Critical, second.Drift.Highest);
        Assert.IsFalse(changes.Any(c => c.Key.StartsWith("http.", StringComparison.Ordinal)), "the web fingerprint of an unchanged page does not drift:\n" + all);
    }

    [TestMethod]
    public void RouterWithoutAResolver_IsInformation_NotCouldNotVerify()
    {
        // Nothing listens on port 53 in the namespace while this runs (the other test stops its dnsmasq before it returns).
        var result = Check(null);
        Assert.IsFalse(result.Verdicts.Any(v => v.IsUnverified && v.Subject == "dns-integrity"), Describe(result));
        Assert.IsTrue(result.Verdicts.Any(v => v.Code == "dns.no-resolver" && v.Severity == Severity.Info), Describe(result));
        Assert.IsFalse(result.Facts.ToArray().Any(f => f.Key.StartsWith("dns.answer.", StringComparison.Ordinal)));
    }
}
