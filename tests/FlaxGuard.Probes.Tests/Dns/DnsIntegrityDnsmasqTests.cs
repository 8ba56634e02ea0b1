using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Dns;

/// <summary>
/// The DNS integrity probe against real dnsmasq instances on loopback: a trusted resolver, an honest router
/// (its answers overlap the trusted ones) and a hijacked router (it answers a wrong address for one canary).
/// Facts are compared with what Debian's dig gets from the same router.
/// </summary>
[TestClass]
public sealed class DnsIntegrityDnsmasqTests
{
    private static readonly string[] Canaries = ["one.canary.test", "two.canary.test", "gone.canary.test"];

    private static DnsmasqResolver _trusted = null!;
    private static DnsmasqResolver _honestRouter = null!;
    private static DnsmasqResolver _hijackedRouter = null!;

    [ClassInitialize]
    public static void StartResolvers(TestContext _)
    {
        _trusted = DnsmasqResolver.Start(DnsTestNet.Loopback(1),
            "one.canary.test=198.51.100.7", "one.canary.test=198.51.100.8", "one.canary.test=2001:db8::7",
            "two.canary.test=192.0.2.44", "two.canary.test=2001:db8:0:0:1::44", "gone.canary.test=");
        // The honest router's resolver returns a subset of the pool for one name: overlap is not a hijack.
        _honestRouter = DnsmasqResolver.Start(DnsTestNet.Loopback(2),
            "one.canary.test=198.51.100.8", "one.canary.test=2001:db8::7",
            "two.canary.test=192.0.2.44", "two.canary.test=2001:db8:0:0:1::44", "gone.canary.test=");
        _hijackedRouter = DnsmasqResolver.Start(DnsTestNet.Loopback(3),
            "one.canary.test=203.0.113.66", "one.canary.test=2001:db8::7",
            "two.canary.test=192.0.2.44", "two.canary.test=2001:db8:0:0:1::44", "gone.canary.test=");
    }

    [ClassCleanup]
    public static void StopResolvers()
    {
        _trusted?.Dispose();
        _honestRouter?.Dispose();
        _hijackedRouter?.Dispose();
    }

    private static ProbeOutput Check(DnsmasqResolver router)
    {
        var probe = new DnsIntegrityProbe(new DnsIntegrityOptions
        {
            RouterPort = router.Port,
            TrustedResolver = _trusted.Address.ToString(),
            TrustedPort = _trusted.Port,
            CanaryNames = Canaries,
        });
        var context = new ProbeContext(router.Address.ToString(), null, null, new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        var output = new ProbeOutput();
        probe.Run(context, output);
        return output;
    }

    [TestMethod]
    public void HijackedRouter_IsReportedHighSeverity_ForTheHijackedNameOnly()
    {
        var output = Check(_hijackedRouter);
        var verdicts = output.Verdicts();
        Assert.HasCount(1, verdicts, string.Join("\n", verdicts.Select(v => v.ToString())));
        var hijack = verdicts[0];
        Assert.AreEqual("dns.hijack", hijack.Code);
        Assert.AreEqual(Severity.High, hijack.Severity);
        Assert.AreEqual(VerdictKind.Exposure, hijack.Kind);
        Assert.AreEqual("dns.answer.one.canary.test.a", hijack.Subject);
        StringAssert.Contains(hijack.Message, "203.0.113.66");
        StringAssert.Contains(hijack.Message, "198.51.100.7,198.51.100.8");
        Assert.AreEqual("203.0.113.66", output.Facts.Get("dns.answer.one.canary.test.a")!.Value);
    }

    [TestMethod]
    public void HonestRouter_IsNeverReported()
    {
        var output = Check(_honestRouter);
        Assert.AreEqual(0, output.VerdictCount, string.Join("\n", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual(6, output.Facts.Count);
    }

    [TestMethod]
    public void Facts_EqualWhatDigGetsFromTheRouter()
    {
        foreach (var router in new[] { _honestRouter, _hijackedRouter })
        {
            var output = Check(router);
            foreach (var name in Canaries)
            {
                foreach (var type in new[] { "A", "AAAA" })
                {
                    var dig = Dig.Query(router.Address, router.Port, name, type);
                    Assert.IsNotNull(dig.Status, $"dig got no answer for {name} {type}");
                    var expected = dig.Status switch
                    {
                        "NXDOMAIN" => "nxdomain",
                        "NOERROR" => dig.Addresses.Length == 0 ? "none" : dig.Addresses,
                        _ => throw new AssertFailedException($"dig: {name} {type} status {dig.Status}"),
                    };
                    Assert.AreEqual(expected, output.Facts.Get($"dns.answer.{name}.{type.ToLowerInvariant()}")?.Value, $"{name} {type} from {router.Address}");
                }
            }
        }
        // The comparison must have covered real data: a multi-address answer, an IPv6 one and a missing name.
        Assert.AreEqual("198.51.100.7,198.51.100.8", Dig.Query(_trusted.Address, _trusted.Port, "one.canary.test", "A").Addresses);
        Assert.AreEqual("2001:db8::1:0:0:44", Dig.Query(_honestRouter.Address, _honestRouter.Port, "two.canary.test", "AAAA").Addresses);
        Assert.AreEqual("NXDOMAIN", Dig.Query(_honestRouter.Address, _honestRouter.Port, "gone.canary.test", "A").Status);
    }

    [TestMethod]
    public void MessageIds_Vary_AndQueriesReachTheRealServer()
    {
        var client = new DnsResolverClient(new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        var ids = new HashSet<int>();
        for (var i = 0; i < 8; i++)
        {
            var reply = client.Lookup(_trusted.Address.ToString(), _trusted.Port, "one.canary.test", DnsRecordType.A);
            Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
            ids.Add(client.LastId);
        }
        Assert.IsGreaterThanOrEqualTo(7, ids.Count, $"message ids repeat: {string.Join(",", ids)}");
    }
}
