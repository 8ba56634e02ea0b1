using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Fuzz.Targets;

namespace FlaxGuard.Fuzz.Seeds;

/// <summary>SNMPv2c answers to the fuzz session's first request, as net-snmp's snmpd sends them.</summary>
internal static class SnmpSeeds
{
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
