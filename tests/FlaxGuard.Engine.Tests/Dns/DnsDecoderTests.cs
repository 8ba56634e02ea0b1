using System.Net;
using FlaxGuard.Engine.Probes.Dns;

namespace FlaxGuard.Engine.Tests.Dns;

[TestClass]
public sealed class DnsDecoderTests
{
    private const string Name = "canary.example";

    private static DnsReply Decode(byte[] message, int id = 0x1234, string name = Name, int type = DnsRecordType.A) =>
        DnsDecoder.Decode(message, message.Length, id, name, type);

    [TestMethod]
    public void OrdinaryAnswer_WithCompressedOwners_GivesSortedDistinctAddresses()
    {
        var reply = Decode(DnsMessageBuilder.Answer(0x1234, Name, 1, "198.51.100.9", "100.64.0.1", "198.51.100.9", "192.0.2.7"));
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
        CollectionAssert.AreEqual(new[] { "100.64.0.1", "192.0.2.7", "198.51.100.9" }, reply.Addresses);
        Assert.AreEqual("100.64.0.1,192.0.2.7,198.51.100.9", reply.JoinedAddresses());
    }

    [TestMethod]
    public void QuestionEcho_IsComparedWithoutRegardToCase()
    {
        var reply = Decode(DnsMessageBuilder.Answer(0x1234, "CaNaRy.ExAmPlE", 1, "192.0.2.1"));
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
        CollectionAssert.AreEqual(new[] { "192.0.2.1" }, reply.Addresses);
    }

    [TestMethod]
    public void Aaaa_FormatsLikeDotNet()
    {
        string[] addresses = ["2001:db8::1", "2606:4700:4700::1111", "::1", "2001:db8:0:1:0:0:0:1", "fe80::1:0:0:0", "2001:0:0:1::", "1:2:3:4:5:6:7:8", "2001:db8:0:0:1:0:0:1"];
        var reply = Decode(DnsMessageBuilder.Answer(0x1234, Name, 28, addresses), type: DnsRecordType.Aaaa);
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
        var expected = addresses.Select(a => IPAddress.Parse(a).ToString()).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(expected, reply.Addresses);
    }

    [TestMethod]
    public void CnameChain_IsFollowed_AndUnrelatedRecordsIgnored()
    {
        var message = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 4, 0, 0).Question(Name, 1)
            .Cname(Name, "alias.example")
            .A("alias.example", "192.0.2.10")
            .A("elsewhere.example", "203.0.113.66")
            .A(Name, "192.0.2.11")
            .ToArray();
        var reply = Decode(message);
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
        CollectionAssert.AreEqual(new[] { "192.0.2.10", "192.0.2.11" }, reply.Addresses);
    }

    [TestMethod]
    public void NoRecords_IsAnEmptyAnswer()
    {
        var message = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 0, 0, 0).Question(Name, 1).ToArray();
        var reply = Decode(message);
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind);
        Assert.IsEmpty(reply.Addresses);
    }

    [TestMethod]
    [DataRow(0x8183, DnsReplyKind.NameError)]
    [DataRow(0x8182, DnsReplyKind.ServerFailure)]
    [DataRow(0x8185, DnsReplyKind.Refused)]
    [DataRow(0x8184, DnsReplyKind.OtherError)]
    public void ResponseCodes(int flags, DnsReplyKind expected)
    {
        var message = new DnsMessageBuilder().Header(0x1234, flags, 1, 0, 1, 0).Question(Name, 1)
            .Name("example").RecordHead(6, 3).Raw(1, 2, 3) // an authority record (SOA-like data, skipped)
            .ToArray();
        var reply = Decode(message);
        Assert.AreEqual(expected, reply.Kind, reply.Detail);
        Assert.AreEqual(flags & 0xF, reply.ResponseCode);
        Assert.IsEmpty(reply.Addresses);
    }

    [TestMethod]
    public void TruncatedBit_ReportsTruncated()
    {
        var message = new DnsMessageBuilder().Header(0x1234, 0x8380, 1, 5, 0, 0).Question(Name, 1).ToArray();
        Assert.AreEqual(DnsReplyKind.Truncated, Decode(message).Kind);
    }

    [TestMethod]
    public void WrongId_NotAResponse_OtherQuestion_AreMismatches()
    {
        var good = DnsMessageBuilder.Answer(0x1234, Name, 1, "192.0.2.1");
        Assert.AreEqual(DnsReplyKind.Mismatch, Decode(good, id: 0x1235).Kind);
        Assert.AreEqual(DnsReplyKind.Mismatch, Decode(good, name: "other.example").Kind);
        Assert.AreEqual(DnsReplyKind.Mismatch, Decode(good, type: DnsRecordType.Aaaa).Kind);
        var query = (byte[])good.Clone();
        query[2] &= 0x7F;
        Assert.AreEqual(DnsReplyKind.Mismatch, Decode(query).Kind);
        var twoQuestions = new DnsMessageBuilder().Header(0x1234, 0x8180, 2, 0, 0, 0).Question(Name, 1).Question(Name, 1).ToArray();
        Assert.AreEqual(DnsReplyKind.Mismatch, Decode(twoQuestions).Kind);
    }

    [TestMethod]
    public void PointerLoop_IsRefused()
    {
        // The answer's owner is a pointer to itself.
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1);
        var self = b.Position;
        var message = b.U16(0xC000 | self).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
        AssertMalformed(message, "loop");
    }

    [TestMethod]
    public void TwoPointerLoop_IsRefused()
    {
        // Owner "a" + pointer to the next name, which is "b" + pointer back to the first: each points at the other.
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1);
        var first = b.Position;
        var message = b.NameWithPointer("a", first + 4).NameWithPointer("b", first).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
        Assert.AreEqual(DnsReplyKind.Malformed, Decode(message).Kind);
    }

    [TestMethod]
    public void ForwardPointer_IsRefused()
    {
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1);
        var here = b.Position;
        var message = b.U16(0xC000 | (here + 20)).RecordHead(1, 4).Raw(1, 2, 3, 4).Name(Name).ToArray();
        AssertMalformed(message, "forward");
    }

    [TestMethod]
    public void PointerIntoHeader_IsRefused()
    {
        var message = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1).U16(0xC002).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
        AssertMalformed(message, "header");
    }

    [TestMethod]
    public void ExtendedLabelTypes_AreRefused()
    {
        foreach (var type in new byte[] { 0x40, 0x80, 0x7F })
        {
            var message = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1).Raw(type, 0).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
            AssertMalformed(message, "label type");
        }
    }

    [TestMethod]
    public void NameLongerThan255_IsRefused()
    {
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1);
        for (var i = 0; i < 5; i++) b.Raw(63).Raw(Enumerable.Repeat((byte)'x', 63).ToArray());
        var message = b.Raw(0).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
        AssertMalformed(message, "255");
    }

    [TestMethod]
    public void LongNameViaPointers_IsRefused()
    {
        // Each record's owner is a 60-byte label in front of a pointer to the previous owner, so every pointer is
        // legal (backwards) but the fourth owner spells a name longer than 255 bytes.
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 4, 0, 0).Question(Name, 1);
        var previous = 12;
        for (var i = 0; i < 4; i++)
        {
            var here = b.Position;
            b.Raw(60).Raw(Enumerable.Repeat((byte)'y', 60).ToArray()).U16(0xC000 | previous).RecordHead(1, 4).Raw(1, 2, 3, 4);
            previous = here;
        }
        AssertMalformed(b.ToArray(), "255");
    }

    [TestMethod]
    public void RdLengthPastEnd_IsRefused()
    {
        var message = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1).U16(0xC00C).RecordHead(16, 200).Raw(1, 2, 3).ToArray();
        AssertMalformed(message, "RDLENGTH");
    }

    [TestMethod]
    public void AddressRecordOfWrongLength_IsRefused()
    {
        var message = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1).U16(0xC00C).RecordHead(1, 5).Raw(1, 2, 3, 4, 5).ToArray();
        AssertMalformed(message, "4 bytes");
    }

    [TestMethod]
    public void HugeCounts_AreRefused()
    {
        var flood = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 0xFFFF, 0, 0).Question(Name, 1).ToArray();
        AssertMalformed(flood, "limit");
        var lying = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 3, 0, 0).Question(Name, 1).U16(0xC00C).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
        AssertMalformed(lying, "do not fit");
        var additional = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0xFFFF).Question(Name, 1).U16(0xC00C).RecordHead(1, 4).Raw(1, 2, 3, 4).ToArray();
        AssertMalformed(additional, "limit");
    }

    [TestMethod]
    public void MoreAnswersThanTheCap_AreRefused()
    {
        // 33 records cannot be A records with names inside 512 bytes, so the claim is tested with 33 root-owned ones.
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, DnsDecoder.MaxAnswers + 1, 0, 0).Question(Name, 1);
        for (var i = 0; i <= DnsDecoder.MaxAnswers; i++) b.Raw(0).RecordHead(16, 0);
        AssertMalformed(b.ToArray(), "limit");
        // 30 compressed A records are as many as fit into 512 bytes with this question.
        var most = Enumerable.Range(1, 30).Select(i => "192.0.2." + i).ToArray();
        Assert.HasCount(30, Decode(DnsMessageBuilder.Answer(0x1234, Name, 1, most)).Addresses);
    }

    [TestMethod]
    public void TrailingBytes_ShortHeader_CutQuestion_Oversize_AreRefused()
    {
        AssertMalformed([.. DnsMessageBuilder.Answer(0x1234, Name, 1, "192.0.2.1"), 0], "after the last record");
        AssertMalformed([0x12, 0x34, 0x81, 0x80, 0, 1], "shorter");
        var cut = DnsMessageBuilder.Answer(0x1234, Name, 1, "192.0.2.1");
        AssertMalformed(cut[..20], "");
        var big = new byte[513];
        DnsMessageBuilder.Answer(0x1234, Name, 1, "192.0.2.1").CopyTo(big, 0);
        AssertMalformed(big, "512");
    }

    [TestMethod]
    public void DecodedNames_EscapeOddBytes()
    {
        // A CNAME target with a dot and a control byte inside a label must not become a different name.
        var b = new DnsMessageBuilder().Header(0x1234, 0x8180, 1, 1, 0, 0).Question(Name, 1).U16(0xC00C);
        var rd = new byte[] { 3, (byte)'a', (byte)'.', 1, 0 };
        var message = b.RecordHead(5, rd.Length).Raw(rd).ToArray();
        var reply = Decode(message);
        Assert.AreEqual(DnsReplyKind.Answer, reply.Kind, reply.Detail);
        var p = message.Length - rd.Length;
        Assert.AreEqual("a\\046\\001", DnsName.Read(message, message.Length, ref p));
        Assert.AreEqual(message.Length, p);
    }

    private static void AssertMalformed(byte[] message, string reasonPart)
    {
        var reply = Decode(message);
        Assert.AreEqual(DnsReplyKind.Malformed, reply.Kind, reply.Detail);
        StringAssert.Contains(reply.Detail, reasonPart);
        Assert.IsEmpty(reply.Addresses);
    }
}
