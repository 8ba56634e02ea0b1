using System.Diagnostics;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Dns;

/// <summary>
/// A router whose resolver answers malformed DNS, or never answers, next to an honest dnsmasq as the trusted
/// resolver: the probe must say "could not verify", within its bound, never report a hijack, never throw.
/// </summary>
[TestClass]
public sealed class DnsHostileResolverTests
{
    private const int LookupBoundMs = 1500;

    private static DnsmasqResolver _trusted = null!;

    [ClassInitialize]
    public static void StartTrusted(TestContext _)
    {
        _trusted = DnsmasqResolver.Start(DnsTestNet.Loopback(11), "canary.test=192.0.2.1");
    }

    [ClassCleanup]
    public static void StopTrusted() => _trusted?.Dispose();

    private static (ProbeOutput Output, long ElapsedMs) Check(HostileDnsServer router)
    {
        var probe = new DnsIntegrityProbe(new DnsIntegrityOptions
        {
            RouterPort = router.Port,
            TrustedResolver = _trusted.Address.ToString(),
            TrustedPort = _trusted.Port,
            CanaryNames = ["canary.test"],
            QueryIPv6 = false,
            AttemptTimeoutMs = 500,
            LookupTimeoutMs = LookupBoundMs,
            MaxAttempts = 4,
        });
        var context = new ProbeContext(router.Address.ToString(), null, null, new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        probe.Run(context, output);
        return (output, watch.ElapsedMilliseconds);
    }

    [TestMethod]
    [DataRow(HostileDnsMode.PointerLoop, "loop")]
    [DataRow(HostileDnsMode.ForwardPointer, "forward")]
    [DataRow(HostileDnsMode.Truncated, "truncated")]
    [DataRow(HostileDnsMode.WrongId, "did not belong")]
    [DataRow(HostileDnsMode.OtherQuestion, "did not belong")]
    [DataRow(HostileDnsMode.HugeCounts, "limit")]
    [DataRow(HostileDnsMode.Oversized, "512")]
    [DataRow(HostileDnsMode.Silent, "did not answer")]
    public void MalformedOrSilentRouter_IsUnverified_WithinTheBound(HostileDnsMode mode, string reasonPart)
    {
        using var router = new HostileDnsServer(DnsTestNet.Loopback(12 + (int)mode), mode);
        var (output, elapsed) = Check(router);
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified, verdict.ToString());
        StringAssert.Contains(verdict.Message, reasonPart);
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsLessThan(LookupBoundMs + 1000, elapsed, $"took {elapsed} ms");
        Assert.IsTrue(router.Queries is >= 1 and <= 4, $"{router.Queries} queries");
    }

    [TestMethod]
    public void AnswerWithWrongId_IsIgnored_AndTheRetryIsUsed()
    {
        using var router = new HostileDnsServer(DnsTestNet.Loopback(30), HostileDnsMode.WrongIdFirstThenHonest);
        var (output, elapsed) = Check(router);
        Assert.AreEqual(0, output.VerdictCount, string.Join("\n", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual("192.0.2.1", output.Facts.Get("dns.answer.canary.test.a")!.Value);
        Assert.AreEqual(2, router.Queries);
        Assert.IsLessThan(LookupBoundMs, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public void NothingListening_IsInformationThatThereIsNoResolver_Quickly()
    {
        var address = DnsTestNet.Loopback(31);
        var port = DnsTestNet.FreeUdpPort(address);
        var probe = new DnsIntegrityProbe(new DnsIntegrityOptions { RouterPort = port, TrustedResolver = _trusted.Address.ToString(), TrustedPort = _trusted.Port, CanaryNames = ["canary.test"], QueryIPv6 = false, LookupTimeoutMs = LookupBoundMs });
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        probe.Run(new ProbeContext(address.ToString(), null, null, new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance), output);
        // The port answers ICMP unreachable: nobody can be misled through a resolver that is not there, and there is nothing to compare.
        var verdict = output.Verdicts().Single();
        Assert.AreEqual(("dns.no-resolver", Severity.Info), (verdict.Code, verdict.Severity), verdict.ToString());
        StringAssert.Contains(verdict.Message, "runs no DNS resolver");
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsLessThan(LookupBoundMs + 1000, watch.ElapsedMilliseconds);
    }
}
