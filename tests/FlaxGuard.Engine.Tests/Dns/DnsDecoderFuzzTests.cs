using System.Net;
using FlaxGuard.Engine.Probes.Dns;

namespace FlaxGuard.Engine.Tests.Dns;

/// <summary>
/// Random and mutated messages: the decoder must never throw, never loop, and whatever it accepts must be
/// well-formed (sorted distinct addresses that .NET parses back to the same text).
/// </summary>
[TestClass]
public sealed class DnsDecoderFuzzTests
{
    private const string Name = "canary.example";

    [TestMethod]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(7001);
        var kinds = new HashSet<DnsReplyKind>();
        for (var i = 0; i < 20_000; i++)
        {
            var message = new byte[random.Next(0, 600)];
            random.NextBytes(message);
            if (i % 2 == 0 && message.Length >= 4)
            {
                // Half of them with our id and the response bit, so they get past the first checks.
                message[0] = 0x12; message[1] = 0x34; message[2] |= 0x80; message[2] &= 0x87;
            }
            kinds.Add(Check(message, DnsRecordType.A));
        }
        Assert.IsTrue(kinds.Contains(DnsReplyKind.Malformed) && kinds.Contains(DnsReplyKind.Mismatch), string.Join(",", kinds));
    }

    [TestMethod]
    public void MutatedAnswers_NeverThrow_AndAcceptedOnesAreWellFormed()
    {
        var random = new Random(7002);
        byte[][] seeds =
        [
            DnsMessageBuilder.Answer(0x1234, Name, 1, "192.0.2.1", "198.51.100.7", "203.0.113.200"),
            DnsMessageBuilder.Answer(0x1234, Name, 28, "2001:db8::1", "2606:4700:4700::1111"),
            new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 3, 1, 1).Question(Name, 1)
                .Cname(Name, "a.example").A("a.example", "192.0.2.5").APointer(12, "192.0.2.6")
                .Name("example").RecordHead(6, 2).Raw(0, 0)
                .Raw(0).RecordHead(41, 0, rclass: 1232).ToArray(),
        ];
        var accepted = 0;
        var kinds = new HashSet<DnsReplyKind>();
        for (var i = 0; i < 30_000; i++)
        {
            var seed = seeds[i % seeds.Length];
            var type = i % seeds.Length == 1 ? DnsRecordType.Aaaa : DnsRecordType.A;
            var message = Mutate(seed, random);
            var kind = Check(message, type);
            kinds.Add(kind);
            if (kind == DnsReplyKind.Answer) accepted++;
        }
        foreach (var seed in seeds) Assert.AreEqual(DnsReplyKind.Answer, DnsDecoder.Decode(seed, seed.Length, 0x1234, Name, seed == seeds[1] ? 28 : 1).Kind);
        Assert.IsGreaterThan(100, accepted, $"only {accepted} mutants decoded; the mutations are too destructive to test acceptance");
        Assert.Contains(DnsReplyKind.Malformed, kinds, "no mutant was refused");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var m = (byte[])seed.Clone();
        switch (random.Next(6))
        {
            case 0: // flip a few bits past the id
                for (var k = random.Next(1, 4); k > 0; k--) m[random.Next(2, m.Length)] ^= (byte)(1 << random.Next(8));
                return m;
            case 1: // cut short
                return m[..random.Next(0, m.Length)];
            case 2: // a pointer byte pair somewhere
                var at = random.Next(12, m.Length - 1);
                m[at] = (byte)(0xC0 | random.Next(4));
                m[at + 1] = (byte)random.Next(256);
                return m;
            case 3: // counts
                var c = 4 + 2 * random.Next(4);
                m[c] = (byte)random.Next(3);
                m[c + 1] = (byte)random.Next(256);
                return m;
            case 4: // extra bytes
                var extra = new byte[random.Next(1, 40)];
                random.NextBytes(extra);
                return [.. m, .. extra];
            default: // one byte set to a value
                m[random.Next(2, m.Length)] = (byte)random.Next(256);
                return m;
        }
    }

    private static DnsReplyKind Check(byte[] message, int type)
    {
        var started = Environment.TickCount64;
        var reply = DnsDecoder.Decode(message, message.Length, 0x1234, Name, type);
        Assert.IsLessThan(1000, Environment.TickCount64 - started, "decoding took too long");
        Assert.IsTrue(Enum.IsDefined(reply.Kind));
        if (reply.Kind != DnsReplyKind.Answer) Assert.IsEmpty(reply.Addresses);
        for (var i = 0; i < reply.Addresses.Length; i++)
        {
            Assert.IsTrue(IPAddress.TryParse(reply.Addresses[i], out var parsed), reply.Addresses[i]);
            Assert.AreEqual(parsed.ToString(), reply.Addresses[i]);
            if (i > 0) Assert.IsLessThan(0, string.CompareOrdinal(reply.Addresses[i - 1], reply.Addresses[i]), "addresses not sorted and distinct");
        }
        if (reply.Kind == DnsReplyKind.Malformed || reply.Kind == DnsReplyKind.Mismatch) Assert.IsFalse(string.IsNullOrEmpty(reply.Detail));
        return reply.Kind;
    }
}
