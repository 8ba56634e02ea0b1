using System.Formats.Asn1;
using FlaxGuard.Engine.Probes.Snmp;

namespace FlaxGuard.Engine.Tests.Snmp;

/// <summary>
/// The SNMPv3 engine discovery used as a v2c agent's sign of life: the request as RFC 3414 section 4 describes it, and
/// the strict reading of the answer (hostile input): only a well-formed usmStatsUnknownEngineIDs report for our msgID
/// counts; truncated, malformed, wrong-id, authenticated or other answers never do, and never throw.
/// </summary>
[TestClass]
public sealed class SnmpEngineDiscoveryTests
{
    private const int MsgId = 0x01234567;

    /// <summary>
    /// What Debian's snmpd 5.9.3 sent back, configured with nothing but "rocommunity goodcomm 127.0.0.0/8", to a
    /// discovery request with msgID 0x01234567: flags 0, engine id 80001f8880..., boots 1, time 3, Report PDU with
    /// usmStatsUnknownEngineIDs.0 = Counter32 1.
    /// </summary>
    private static readonly byte[] SnmpdReport = Convert.FromHexString(
        "30710201033011020401234567020300ffe30401000201030421301f041180001f88808f68fb028db5166b000000000201010201030400040004003036041180001f88808f68fb028db5166b000000000400a81f0204012345670201000201003011300f060a2b060106030f01010400410101");

    private static readonly byte[] EngineId = Convert.FromHexString("80001f8880aabbccdd");

    private static SnmpFailure Read(byte[] data, int msgId = MsgId) => SnmpEngineDiscovery.ReadReport(data, data.Length, msgId, new BerReader(), new SnmpPduCodec());

    /// <summary>A discovery answer built with .NET's own ASN.1 writer; every field can be made wrong.</summary>
    private static byte[] Report(int msgId = MsgId, int? pduRequestId = null, byte flags = 0, byte[]? engineId = null, byte[]? mac = null,
        Asn1Tag? pduTag = null, string oid = "1.3.6.1.6.3.15.1.1.4.0", bool noVarBinds = false, int version = 3, int maxSize = 65507, int model = 3, byte[]? trailing = null)
    {
        var usm = new AsnWriter(AsnEncodingRules.DER);
        using (usm.PushSequence())
        {
            usm.WriteOctetString(engineId ?? EngineId);
            usm.WriteInteger(1);
            usm.WriteInteger(42);
            usm.WriteOctetString([]);
            usm.WriteOctetString(mac ?? []);
            usm.WriteOctetString([]);
        }
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(version);
            using (w.PushSequence())
            {
                w.WriteInteger(msgId);
                w.WriteInteger(maxSize);
                w.WriteOctetString([flags]);
                w.WriteInteger(model);
            }
            w.WriteOctetString(usm.Encode());
            using (w.PushSequence())
            {
                w.WriteOctetString(engineId ?? EngineId);
                w.WriteOctetString([]);
                using (w.PushSequence(pduTag ?? new Asn1Tag(TagClass.ContextSpecific, 8, isConstructed: true)))
                {
                    w.WriteInteger(pduRequestId ?? msgId);
                    w.WriteInteger(0);
                    w.WriteInteger(0);
                    using (w.PushSequence())
                    {
                        if (!noVarBinds)
                        {
                            using (w.PushSequence())
                            {
                                w.WriteObjectIdentifier(oid);
                                w.WriteInteger(1, new Asn1Tag(TagClass.Application, 1));
                            }
                        }
                    }
                }
            }
        }
        var bytes = w.Encode();
        return trailing is null ? bytes : [.. bytes, .. trailing];
    }

    [TestMethod]
    public void SnmpdsOwnReport_IsASignOfLife()
    {
        Assert.AreEqual(SnmpFailure.None, Read(SnmpdReport));
        Assert.AreEqual(SnmpFailure.None, Read(Report()));
    }

    [TestMethod]
    public void AnswerToAnotherMessage_IsNotOurs()
    {
        Assert.AreEqual(SnmpFailure.WrongRequestId, Read(SnmpdReport, MsgId + 1));
        Assert.AreEqual(SnmpFailure.WrongRequestId, Read(Report(msgId: MsgId + 1)));
        Assert.AreEqual(SnmpFailure.WrongRequestId, Read(Report(pduRequestId: 7)), "a report whose request-id is another request's");
        Assert.AreEqual(SnmpFailure.None, Read(Report(pduRequestId: 0)), "request-id 0: the agent could not read ours (RFC 3412 section 7.1)");
    }

    [TestMethod]
    public void WellFormedAnswersThatAreNotTheUnknownEngineReport_DoNotCount()
    {
        Assert.AreEqual(SnmpFailure.OtherReport, Read(Report(oid: "1.3.6.1.6.3.15.1.1.3.0")), "usmStatsUnknownUserNames");
        Assert.AreEqual(SnmpFailure.OtherReport, Read(Report(oid: "1.3.6.1.6.3.15.1.1.4")), "the column, not the .0 instance");
        Assert.AreEqual(SnmpFailure.OtherReport, Read(Report(oid: "1.3.6.1.6.3.15.1.1.4.0.1")));
        Assert.AreEqual(SnmpFailure.OtherReport, Read(Report(noVarBinds: true)));
        Assert.AreEqual(SnmpFailure.OtherReport, Read(Report(pduTag: new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true))), "a Response PDU");
    }

    [TestMethod]
    [DataRow("v2c message", 1)]
    [DataRow("v1 message", 0)]
    public void OtherVersions_AreMalformed(string what, int version) =>
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(version: version)), what);

    [TestMethod]
    public void HeaderAndSecurityParameterViolations_AreMalformed()
    {
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(flags: 0x01)), "claims authentication");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(flags: 0x03)), "claims privacy");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(flags: 0x04)), "a report that asks for a report");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(engineId: [])), "no engine id");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(engineId: new byte[33])), "engine id over 32 bytes");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(mac: new byte[12])), "a MAC on an unauthenticated answer");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(maxSize: 100)), "msgMaxSize below 484");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(model: 2)), "not USM");
        Assert.AreEqual(SnmpFailure.Malformed, Read(Report(trailing: [0x00])), "bytes after the message");
        Assert.AreEqual(SnmpFailure.Malformed, Read([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03]), "a length of 2 GiB");
        Assert.AreEqual(SnmpFailure.Malformed, Read([0x30, 0x80, 0x02, 0x01, 0x03, 0x00, 0x00]), "indefinite length");
        Assert.AreEqual(SnmpFailure.Malformed, Read([]));
    }

    [TestMethod]
    public void EveryTruncation_IsMalformed()
    {
        foreach (var report in new[] { SnmpdReport, Report() })
        {
            for (int n = 0; n < report.Length; n++)
            {
                Assert.AreEqual(SnmpFailure.Malformed, SnmpEngineDiscovery.ReadReport(report, n, MsgId, new BerReader(), new SnmpPduCodec()), $"cut at {n} of {report.Length}");
            }
        }
    }

    [TestMethod]
    public void EveryByteChanged_NeverThrows_AndNoChangedIdentityPasses()
    {
        var random = new Random(3414);
        var reader = new BerReader();
        var codec = new SnmpPduCodec();
        int passed = 0;
        for (int i = 0; i < SnmpdReport.Length; i++)
        {
            foreach (var value in new byte[] { 0x00, 0xff, 0x80, (byte)random.Next(256), (byte)(SnmpdReport[i] ^ 0x01) })
            {
                if (value == SnmpdReport[i]) continue;
                var bent = (byte[])SnmpdReport.Clone();
                bent[i] = value;
                var result = SnmpEngineDiscovery.ReadReport(bent, bent.Length, MsgId, reader, codec);
                if (result != SnmpFailure.None) continue;
                passed++;
                // Engine ids, boots, time and the counter's value may be anything; the version, msgID, PDU type, request-id and report OID may not.
                Assert.IsFalse(MustMatch(i), $"byte {i} set to {value:x2} still passed");
            }
        }
        Assert.IsGreaterThan(0, passed, "changes to free fields (engine id, counter value) still pass");
    }

    /// <summary>Offsets in <see cref="SnmpdReport"/>: version (4), msgID (9-12), PDU tag (82), request-id (86-89), report OID (102-111).</summary>
    private static bool MustMatch(int i) => i == 4 || (i >= 9 && i <= 12) || i == 82 || (i >= 86 && i <= 89) || (i >= 102 && i <= 111);

    [TestMethod]
    public void Request_IsAnEmptyUnauthenticatedReportableGet()
    {
        var w = new BerWriter(new byte[484]);
        var length = SnmpEngineDiscovery.WriteRequest(w, MsgId, 4096);
        var r = new AsnReader(w.Buffer.AsMemory(0, length), AsnEncodingRules.BER);
        var message = r.ReadSequence();
        Assert.IsFalse(r.HasData);
        Assert.AreEqual(3, (int)message.ReadInteger());
        var header = message.ReadSequence();
        Assert.AreEqual(MsgId, (int)header.ReadInteger());
        Assert.AreEqual(4096, (int)header.ReadInteger());
        CollectionAssert.AreEqual(new byte[] { 0x04 }, header.ReadOctetString(), "reportable, noAuthNoPriv");
        Assert.AreEqual(3, (int)header.ReadInteger(), "USM");
        var usm = new AsnReader(message.ReadOctetString(), AsnEncodingRules.BER).ReadSequence();
        Assert.IsEmpty(usm.ReadOctetString(), "empty msgAuthoritativeEngineID");
        Assert.AreEqual(0, (int)usm.ReadInteger());
        Assert.AreEqual(0, (int)usm.ReadInteger());
        Assert.IsEmpty(usm.ReadOctetString(), "empty user name");
        Assert.IsEmpty(usm.ReadOctetString(), "no MAC");
        Assert.IsEmpty(usm.ReadOctetString(), "no salt");
        var scoped = message.ReadSequence();
        Assert.IsEmpty(scoped.ReadOctetString());
        Assert.IsEmpty(scoped.ReadOctetString());
        var pdu = scoped.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        Assert.AreEqual(MsgId, (int)pdu.ReadInteger(), "request-id equals msgID");
        Assert.AreEqual(0, (int)pdu.ReadInteger());
        Assert.AreEqual(0, (int)pdu.ReadInteger());
        Assert.IsFalse(pdu.ReadSequence().HasData, "no variable bindings");
        Assert.IsFalse(message.HasData || scoped.HasData || pdu.HasData);
    }
}
