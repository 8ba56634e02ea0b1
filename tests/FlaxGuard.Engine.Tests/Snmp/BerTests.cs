using System.Formats.Asn1;
using System.Numerics;
using FlaxGuard.Engine.Probes.Snmp;

namespace FlaxGuard.Engine.Tests.Snmp;

/// <summary>The BER encoder and decoder against .NET's own ASN.1 implementation (System.Formats.Asn1), and their limits.</summary>
[TestClass]
public sealed class BerTests
{
    private static readonly long[] Integers = [0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue];

    [TestMethod]
    public void Integers_EncodeLikeDotNetAndRoundTrip()
    {
        var random = new Random(2578);
        foreach (var value in Integers.Concat(Enumerable.Range(0, 500).Select(_ => random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(0, 63))))
        {
            var ours = new BerWriter(new byte[16]);
            ours.WriteInteger(value);
            var reference = new AsnWriter(AsnEncodingRules.DER);
            reference.WriteInteger(value);
            CollectionAssert.AreEqual(reference.Encode(), ours.Buffer[..ours.Length], value.ToString());
            Assert.AreEqual(value, new BerReader(ours.Buffer, 0, ours.Length).ReadInteger());
        }
    }

    [TestMethod]
    public void UnsignedTypes_EncodeLikeDotNetAndRoundTrip()
    {
        foreach (var value in new ulong[] { 0, 1, 127, 128, 255, 256, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x100000000, ulong.MaxValue })
        {
            var ours = new BerWriter(new byte[16]);
            ours.WriteUnsigned(BerTag.Counter64, value);
            var reference = new AsnWriter(AsnEncodingRules.DER);
            reference.WriteInteger(new BigInteger(value), new Asn1Tag(TagClass.Application, 6));
            CollectionAssert.AreEqual(reference.Encode(), ours.Buffer[..ours.Length], value.ToString());
            Assert.AreEqual(value, new BerReader(ours.Buffer, 0, ours.Length).ReadCounter64());
            if (value <= uint.MaxValue)
            {
                var gauge = new BerWriter(new byte[16]);
                gauge.WriteUnsigned(BerTag.Gauge32, value);
                Assert.AreEqual((uint)value, new BerReader(gauge.Buffer, 0, gauge.Length).ReadUnsigned32(BerTag.Gauge32));
            }
        }
    }

    [TestMethod]
    public void Oids_EncodeLikeDotNetAndRoundTrip()
    {
        var random = new Random(19);
        var cases = new List<string> { "1.3.6.1.2.1.1.1.0", "0.0", "2.999.3", "1.39.4294967295", "1.3.6.1.4.1.8072.3.2.10" };
        for (int i = 0; i < 200; i++)
        {
            var arcs = Enumerable.Range(0, random.Next(0, 126)).Select(_ => (uint)random.NextInt64(0, 1L << random.Next(1, 33)));
            cases.Add(string.Join('.', new[] { "1", random.Next(0, 40).ToString() }.Concat(arcs.Select(a => a.ToString()))));
        }
        var buffer = new uint[BerReader.MaxOidArcs];
        foreach (var text in cases)
        {
            var oid = SnmpOid.Parse(text);
            var ours = new BerWriter(new byte[1024]);
            ours.WriteOid(oid, oid.Length);
            var reference = new AsnWriter(AsnEncodingRules.DER);
            reference.WriteObjectIdentifier(text);
            CollectionAssert.AreEqual(reference.Encode(), ours.Buffer[..ours.Length], text);
            int count = new BerReader(ours.Buffer, 0, ours.Length).ReadOid(buffer);
            Assert.AreEqual(text, SnmpOid.ToText(buffer, 0, count));
        }
    }

    [TestMethod]
    public void OctetStringsAndSequences_ReadBackWithDotNet()
    {
        var w = new BerWriter(new byte[2048]);
        var seq = w.Begin(BerTag.Sequence);
        w.WriteOctetString(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray());
        w.WriteNull();
        w.WriteInteger(-5);
        w.End(seq);
        // Our long-form SEQUENCE length is valid BER (not DER), so read it with BER rules.
        var reader = new AsnReader(w.Buffer[..w.Length], AsnEncodingRules.BER);
        var inner = reader.ReadSequence();
        CollectionAssert.AreEqual(Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(), inner.ReadOctetString());
        inner.ReadNull();
        Assert.AreEqual(-5, (int)inner.ReadInteger());
        Assert.IsFalse(inner.HasData);
        Assert.IsFalse(reader.HasData);
    }

    [TestMethod]
    [DataRow("3080020101", "indefinite")]
    [DataRow("3005020101", "exceeds")]
    [DataRow("30847fffffff", "too long")]
    [DataRow("3082ffff", "exceeds")]
    [DataRow("1f0100", "multi-byte")]
    [DataRow("0209010203040506070809", "integer of 9")]
    [DataRow("0200", "integer of 0")]
    [DataRow("0603808001", "leading zero")]
    [DataRow("06062b9080808001", "32 bits")]
    [DataRow("06022b86", "truncated")]
    [DataRow("4105ff00000000", "too large")]
    [DataRow("0601", "exceeds")]
    public void RejectsMalformedElements(string hex, string complaint)
    {
        var data = Convert.FromHexString(hex);
        var reader = new BerReader(data, 0, data.Length);
        var arcs = new uint[BerReader.MaxOidArcs];
        var e = Assert.ThrowsExactly<FormatException>(() =>
        {
            byte tag = reader.PeekTag();
            if (tag == BerTag.Sequence) { reader.Enter(BerTag.Sequence); reader.ReadInteger(); reader.Leave(); }
            else if (tag == BerTag.Integer) reader.ReadInteger();
            else if (tag == BerTag.ObjectIdentifier) reader.ReadOid(arcs);
            else if (tag == BerTag.Counter32) reader.ReadUnsigned32(BerTag.Counter32);
            else reader.Skip();
        });
        StringAssert.Contains(e.Message, complaint);
    }

    [TestMethod]
    public void CapsNestingAndOidArcs()
    {
        var deep = new List<byte>();
        for (int i = 0; i < 20; i++) { deep.Add(0x30); deep.Add((byte)(2 * (19 - i) + 2)); }
        deep.AddRange([0x05, 0x00]);
        var reader = new BerReader(deep.ToArray(), 0, deep.Count);
        var e = Assert.ThrowsExactly<FormatException>(() => { for (int i = 0; i < 20; i++) reader.Enter(BerTag.Sequence); });
        StringAssert.Contains(e.Message, "nested deeper");

        var longOid = new byte[] { 0x06, 0x81, 0x80, 0x2B }.Concat(Enumerable.Repeat((byte)1, 127)).ToArray();
        var arcs = new uint[BerReader.MaxOidArcs];
        e = Assert.ThrowsExactly<FormatException>(() => new BerReader(longOid, 0, longOid.Length).ReadOid(arcs));
        StringAssert.Contains(e.Message, "more than 128 arcs");
        Assert.ThrowsExactly<FormatException>(() => new BerWriter(new byte[600]).WriteOid(new uint[129], 129));
    }

    [TestMethod]
    public void WriterRefusesToOverflowItsBuffer()
    {
        var w = new BerWriter(new byte[10]);
        Assert.ThrowsExactly<FormatException>(() => w.WriteOctetString(new byte[9]));
    }
}
