using FlaxGuard.Engine.Probes.Dns;

namespace FlaxGuard.Engine.Tests.Dns;

[TestClass]
public sealed class DnsQueryTests
{
    [TestMethod]
    public void Encode_MatchesRfc1035Layout()
    {
        var buffer = new byte[DnsQuery.MaxBytes];
        var length = DnsQuery.Encode(buffer, 0xBEEF, "Canary.Example.", DnsRecordType.Aaaa);
        var expected = new DnsMessageBuilder().Header(0xBEEF, 0x0100, 1, 0, 0, 0).Question("canary.example", 28).ToArray();
        CollectionAssert.AreEqual(expected, buffer[..length]);
    }

    [TestMethod]
    public void EncodedQuery_EchoedAsAnAnswer_Decodes()
    {
        // A responder echoes the question: our own query with QR set and one record appended must decode.
        var buffer = new byte[DnsQuery.MaxBytes];
        var length = DnsQuery.Encode(buffer, 7, "a.b.c", DnsRecordType.A);
        byte[] answer = [.. buffer[..length], 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 33];
        answer[2] |= 0x80; answer[7] = 1;
        var reply = DnsDecoder.Decode(answer, answer.Length, 7, "a.b.c", DnsRecordType.A);
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
        CollectionAssert.AreEqual(new[] { "192.0.2.33" }, reply.Addresses);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow(".")]
    [DataRow("a..b")]
    [DataRow(".a")]
    [DataRow("a b.example")]
    [DataRow("exa\u00e9mple.com")]
    [DataRow("a\\.b")]
    public void InvalidNames_AreRefused(string name)
    {
        Assert.ThrowsExactly<ArgumentException>(() => DnsQuery.Encode(new byte[DnsQuery.MaxBytes], 1, name, 1));
    }

    [TestMethod]
    public void LabelAndNameLengthLimits()
    {
        var buffer = new byte[DnsQuery.MaxBytes];
        DnsQuery.Encode(buffer, 1, new string('a', 63) + ".example", 1);
        Assert.ThrowsExactly<ArgumentException>(() => DnsQuery.Encode(buffer, 1, new string('a', 64) + ".example", 1));
        var longest = string.Join('.', Enumerable.Repeat(new string('b', 63), 3)) + "." + new string('c', 61);
        Assert.AreEqual(253, longest.Length);
        Assert.AreEqual(12 + 255 + 4, DnsQuery.Encode(buffer, 1, longest, 1));
        Assert.ThrowsExactly<ArgumentException>(() => DnsQuery.Encode(buffer, 1, longest + "c", 1));
    }
}
