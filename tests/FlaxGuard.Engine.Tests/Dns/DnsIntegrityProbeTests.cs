using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Dns;

/// <summary>The probe's rules over a scripted UDP exchange (the real sockets and dnsmasq are in FlaxGuard.Probes.Tests/Dns).</summary>
[TestClass]
public sealed class DnsIntegrityProbeTests
{
    private const string Router = "192.0.2.1";
    private const string Trusted = "192.0.2.53";

    private static ProbeOutput Run(ScriptedUdp udp, string[] names, bool ipv6 = false, bool withRandom = true)
    {
        var probe = new DnsIntegrityProbe(new DnsIntegrityOptions { TrustedResolver = Trusted, CanaryNames = names, QueryIPv6 = ipv6 });
        var context = withRandom
            ? new ProbeContext(Router, null, null, udp, udp.Clock, new SeededRandom(5))
            : new ProbeContext(Router, null, null, udp, udp.Clock);
        var output = new ProbeOutput();
        probe.Run(context, output);
        return output;
    }

    [TestMethod]
    public void SameAnswers_GiveFacts_AndNoFinding()
    {
        var udp = new ScriptedUdp();
        udp.Answers[(Router, "a.example")] = ["192.0.2.8", "192.0.2.7"];
        udp.Answers[(Trusted, "a.example")] = ["192.0.2.7", "192.0.2.8"];
        var output = Run(udp, ["a.example"]);
        Assert.AreEqual("192.0.2.7,192.0.2.8", output.Facts.Get("dns.answer.a.example.a")?.Value);
        Assert.AreEqual(0, output.VerdictCount, string.Join("\n", output.Verdicts().Select(v => v.ToString())));
    }

    [TestMethod]
    public void DisjointAnswers_AreAHijack_OfHighSeverity()
    {
        var udp = new ScriptedUdp();
        udp.Answers[(Router, "a.example")] = ["203.0.113.66"];
        udp.Answers[(Trusted, "a.example")] = ["192.0.2.7"];
        var output = Run(udp, ["a.example"]);
        var v = output.Verdicts().Single();
        Assert.AreEqual("dns.hijack", v.Code);
        Assert.AreEqual(Severity.High, v.Severity);
        Assert.AreEqual("dns.answer.a.example.a", v.Subject);
        StringAssert.Contains(v.Message, "203.0.113.66");
        StringAssert.Contains(v.Message, "192.0.2.7");
    }

    [TestMethod]
    public void OverlappingAnswers_AreFine()
    {
        var udp = new ScriptedUdp();
        udp.Answers[(Router, "a.example")] = ["192.0.2.7", "192.0.2.9"];
        udp.Answers[(Trusted, "a.example")] = ["192.0.2.7", "192.0.2.8"];
        Assert.AreEqual(0, Run(udp, ["a.example"]).VerdictCount);
    }

    [TestMethod]
    public void AddressForANameThatDoesNotExist_IsAHijack()
    {
        var udp = new ScriptedUdp();
        udp.Answers[(Router, "nothing.example")] = ["203.0.113.66"];
        var output = Run(udp, ["nothing.example"]);
        Assert.AreEqual("dns.hijack", output.Verdicts().Single().Code);
    }

    [TestMethod]
    public void RouterSaysNoSuchName_IsInformation_AndFactNxdomain()
    {
        var udp = new ScriptedUdp();
        udp.Answers[(Trusted, "a.example")] = ["192.0.2.7"];
        var output = Run(udp, ["a.example"]);
        Assert.AreEqual("nxdomain", output.Facts.Get("dns.answer.a.example.a")?.Value);
        var v = output.Verdicts().Single();
        Assert.AreEqual("dns.blocked", v.Code);
        Assert.AreEqual(Severity.Info, v.Severity);
    }

    [TestMethod]
    public void ServfailTruncatedAndRefused_AreUnverified_WithoutFacts()
    {
        foreach (var (flags, word) in new[] { (0x8182, "SERVFAIL"), (0x8380, "truncated"), (0x8185, "REFUSED") })
        {
            var udp = new ScriptedUdp();
            udp.Answers[(Trusted, "a.example")] = ["192.0.2.7"];
            udp.RouterFlags = flags;
            var output = Run(udp, ["a.example"]);
            Assert.AreEqual(0, output.Facts.Count);
            var v = output.Verdicts().Single();
            Assert.IsTrue(v.IsUnverified);
            StringAssert.Contains(v.Message, word);
        }
    }

    [TestMethod]
    public void WrongIdsAreIgnored_UntilTheRightAnswer()
    {
        var udp = new ScriptedUdp { WrongIdsFirst = 2 };
        udp.Answers[(Router, "a.example")] = ["192.0.2.7"];
        udp.Answers[(Trusted, "a.example")] = ["192.0.2.7"];
        var output = Run(udp, ["a.example"]);
        Assert.AreEqual("192.0.2.7", output.Facts.Get("dns.answer.a.example.a")?.Value);
        Assert.AreEqual(0, output.VerdictCount);
    }

    [TestMethod]
    public void OnlyWrongIds_AreUnverified_WithinTheAttemptBound()
    {
        var udp = new ScriptedUdp { WrongIdsFirst = 1000 };
        udp.Answers[(Router, "a.example")] = ["192.0.2.7"];
        var output = Run(udp, ["a.example"]);
        Assert.IsTrue(output.Verdicts().Single().IsUnverified);
        Assert.AreEqual(4, udp.Sent[Router]);
    }

    [TestMethod]
    public void SilentRouter_IsUnverifiedOnce_AndNotAskedAgain()
    {
        var udp = new ScriptedUdp { SilentHost = Router };
        var output = Run(udp, ["a.example", "b.example", "c.example"], ipv6: true);
        var v = output.Verdicts().Single();
        Assert.IsTrue(v.IsUnverified);
        StringAssert.Contains(v.Message, "did not answer");
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsLessThanOrEqualTo(3000, udp.Clock.MonotonicMilliseconds, "one silent lookup may cost at most its 3 s bound");
    }

    [TestMethod]
    public void SilentTrusted_KeepsTheRouterFacts_ButSaysItCouldNotCompare()
    {
        var udp = new ScriptedUdp { SilentHost = Trusted };
        udp.Answers[(Router, "a.example")] = ["192.0.2.7"];
        udp.Answers[(Router, "b.example")] = ["192.0.2.8"];
        var output = Run(udp, ["a.example", "b.example"]);
        Assert.AreEqual(2, output.Facts.Count);
        StringAssert.Contains(output.Verdicts().Single().Message, "could not be compared");
    }

    [TestMethod]
    public void WithoutRandomSource_IsUnverified()
    {
        var output = Run(new ScriptedUdp(), ["a.example"], withRandom: false);
        Assert.IsTrue(output.Verdicts().Single().IsUnverified);
    }

    [TestMethod]
    public void Ipv6_IsAskedAsWell()
    {
        var udp = new ScriptedUdp();
        udp.Answers6[(Router, "a.example")] = ["2001:db8::7"];
        udp.Answers6[(Trusted, "a.example")] = ["2001:db8::7"];
        udp.Answers[(Router, "a.example")] = ["192.0.2.7"];
        udp.Answers[(Trusted, "a.example")] = ["192.0.2.7"];
        var output = Run(udp, ["a.example"], ipv6: true);
        Assert.AreEqual("2001:db8::7", output.Facts.Get("dns.answer.a.example.aaaa")?.Value);
        Assert.AreEqual(0, output.VerdictCount);
    }

    [TestMethod]
    public void MessageIds_ComeFromTheRandomSource_AndDiffer()
    {
        var udp = new ScriptedUdp();
        Run(udp, ["a.example", "b.example", "c.example", "d.example"]);
        Assert.IsGreaterThanOrEqualTo(7, udp.Ids.Distinct().Count(), string.Join(",", udp.Ids));
    }

    [TestMethod]
    public void Options_AreChecked()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new DnsIntegrityProbe(new DnsIntegrityOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => new DnsIntegrityProbe(new DnsIntegrityOptions { TrustedResolver = Trusted, CanaryNames = ["bad name"] }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new DnsIntegrityProbe(new DnsIntegrityOptions { TrustedResolver = Trusted, RouterPort = 0 }));
        CollectionAssert.AreEqual(new[] { "one.one.one.one", "dns.google", "dns.quad9.net" }, new DnsIntegrityOptions().CanaryNames);
    }

    internal sealed class SeededRandom(int seed) : IRandomSource
    {
        private readonly Random _random = new(seed);

        public void NextBytes(byte[] buffer, int offset, int count) => _random.NextBytes(buffer.AsSpan(offset, count));
    }

    internal sealed class FakeClock : IClock
    {
        public long Now;

        public long UtcUnixMilliseconds => 1_800_000_000_000 + Now;

        public long MonotonicMilliseconds => Now;
    }

    /// <summary>Answers from tables: a name without an entry is NXDOMAIN; a silent host only lets time pass.</summary>
    internal sealed class ScriptedUdp : IUdpExchange
    {
        public readonly Dictionary<(string Host, string Name), string[]> Answers = [];
        public readonly Dictionary<(string Host, string Name), string[]> Answers6 = [];
        public readonly Dictionary<string, int> Sent = [];
        public readonly List<int> Ids = [];
        public readonly FakeClock Clock = new();
        public string? SilentHost;
        public int RouterFlags = -1;
        public int WrongIdsFirst;

        public int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out ConnectOutcome outcome)
        {
            Sent[host] = Sent.GetValueOrDefault(host) + 1;
            Assert.AreEqual(53, port);
            if (host == SilentHost)
            {
                Clock.Now += timeoutMs;
                outcome = ConnectOutcome.TimedOut;
                return -1;
            }
            var id = (request[offset] << 8) | request[offset + 1];
            Ids.Add(id);
            var p = offset + 12;
            var name = FlaxGuard.Engine.Probes.Dns.DnsName.Read(request, offset + count, ref p);
            var type = (request[p] << 8) | request[p + 1];
            var table = type == 28 ? Answers6 : Answers;
            byte[] message;
            if (host == Router && RouterFlags >= 0)
                message = new DnsMessageBuilder().Header(id, RouterFlags, 1, 0, 0, 0).Question(name, type).ToArray();
            else if (table.TryGetValue((host, name), out var addresses))
                message = DnsMessageBuilder.Answer(id, name, type, addresses);
            else
                message = new DnsMessageBuilder().Header(id, 0x8183, 1, 0, 0, 0).Question(name, type).ToArray();
            if (WrongIdsFirst > 0)
            {
                WrongIdsFirst--;
                message[1] ^= 0x55;
            }
            message.CopyTo(response, 0);
            outcome = ConnectOutcome.Connected;
            Clock.Now += 1;
            return message.Length;
        }
    }
}
