using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Fuzz.Targets;

namespace FlaxGuard.Fuzz.Seeds;

/// <summary>SNMPv2c answers to the fuzz session's first request, and an engine discovery report, as net-snmp's snmpd sends them.</summary>
internal static class SnmpSeeds
{
    /// <summary>
    /// Debian's snmpd 5.9.3 (v2c rocommunity only) answering an engine discovery: a usmStatsUnknownEngineIDs report,
    /// captured with msgID 0x01234567 and re-numbered to the fuzz target's id in the header and the PDU.
    /// </summary>
    public static byte[] DiscoveryReport()
    {
        var report = Convert.FromHexString(
            "30710201033011020401234567020300ffe30401000201030421301f041180001f88808f68fb028db5166b000000000201010201030400040004003036041180001f88808f68fb028db5166b000000000400a81f0204012345670201000201003011300f060a2b060106030f01010400410101");
        foreach (var at in new[] { 9, 86 })
        {
            report[at] = 0; report[at + 1] = 0;
            report[at + 2] = (byte)(SnmpBerTarget.AnsweredRequestId >> 8); report[at + 3] = (byte)(SnmpBerTarget.AnsweredRequestId & 0xFF);
        }
        return report;
    }

    public static byte[] SystemGroupResponse() => Response(0, 0, w =>
    {
        Bind(w, "1.3.6.1.2.1.1.1.0", x => x.WriteOctetString("Linux OpenWrt 5.15.150 #0 SMP Fri Mar 22 2024 mips"u8.ToArray()));
        Bind(w, "1.3.6.1.2.1.1.2.0", x => WriteOid(x, "1.3.6.1.4.1.8072.3.2.10"));
        Bind(w, "1.3.6.1.2.1.1.3.0", x => x.WriteUnsigned(BerTag.TimeTicks, 8_640_000));
        Bind(w, "1.3.6.1.2.1.1.5.0", x => x.WriteOctetString("office-router"u8.ToArray()));
        Bind(w, "1.3.6.1.2.1.2.2.1.10.1", x => x.WriteUnsigned(BerTag.Counter32, 0xFFFFFFFF));
        Bind(w, "1.3.6.1.2.1.31.1.1.1.6.1", x => x.WriteUnsigned(BerTag.Counter64, 1UL << 40));
        Bind(w, "1.3.6.1.2.1.4.20.1.1.192.0.2.1", x => x.WriteOctets(BerTag.IpAddress, [192, 0, 2, 1], 0, 4));
        Bind(w, "1.3.6.1.2.1.25.1.1.0", x => x.WriteUnsigned(BerTag.Gauge32, 42));
    });

    public static byte[] EndOfMibResponse() => Response(0, 0, w =>
    {
        Bind(w, "1.3.6.1.2.1.1.9.1.4.10", x => x.WriteUnsigned(BerTag.TimeTicks, 12));
        Bind(w, "1.3.6.1.2.1.1.9.1.4.10", x => x.WriteEmpty(BerTag.EndOfMibView));
    });

    public static byte[] ErrorResponse() => Response(SnmpPdu.NoSuchName, 1, w =>
        Bind(w, "1.3.6.1.2.1.1", x => x.WriteNull()));

    private static byte[] Response(int errorStatus, int errorIndex, Action<BerWriter> binds)
    {
        var w = new BerWriter(new byte[1500]);
        int message = w.Begin(BerTag.Sequence);
        w.WriteInteger(1);
        w.WriteOctetString(SnmpBerTarget.Community);
        int pdu = w.Begin(BerTag.Response);
        w.WriteInteger(SnmpBerTarget.AnsweredRequestId);
        w.WriteInteger(errorStatus);
        w.WriteInteger(errorIndex);
        int list = w.Begin(BerTag.Sequence);
        binds(w);
        w.End(list);
        w.End(pdu);
        w.End(message);
        return w.Buffer[..w.Length];
    }

    private static void Bind(BerWriter w, string oid, Action<BerWriter> value)
    {
        int bind = w.Begin(BerTag.Sequence);
        WriteOid(w, oid);
        value(w);
        w.End(bind);
    }

    private static void WriteOid(BerWriter w, string oid)
    {
        uint[] arcs = SnmpOid.Parse(oid);
        w.WriteOid(arcs, arcs.Length);
    }
}
