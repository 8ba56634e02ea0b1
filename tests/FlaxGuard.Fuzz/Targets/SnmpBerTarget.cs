using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Fuzz.Fakes;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// SNMP answers: the bytes as the answer of a whole SNMPv2c session (<see cref="SnmpV2cSession"/> over
/// <see cref="BerReader"/> and <see cref="SnmpPduCodec"/>), which reports refusal as a null PDU with a
/// <see cref="SnmpSession.Failure"/>; then as the answer to an SNMPv3 engine discovery (<see cref="SnmpEngineDiscovery"/>,
/// which never throws); then as an arbitrary BER tree walked with every reader call, where
/// <see cref="FormatException"/> is the one documented failure.
/// </summary>
public sealed class SnmpBerTarget : IFuzzTarget
{
    /// <summary>The request id of the session's first request; the seeds answer it.</summary>
    public const int AnsweredRequestId = 0x1234;

    public static readonly byte[] Community = "public"u8.ToArray();

    private static readonly uint[][] SystemGroup = [SnmpOid.Parse("1.3.6.1.2.1.1")];

    public string Name => "snmp-ber";

    public string Feeds => "an SNMP datagram to a v2c session (BerReader, SnmpPduCodec), then BerReader alone";

    public bool Run(byte[] input)
    {
        bool accepted = RunSession(input);
        accepted |= SnmpEngineDiscovery.ReadReport(input, input.Length, AnsweredRequestId, new BerReader(), new SnmpPduCodec()) == SnmpFailure.None;
        WalkTree(input);
        return accepted;
    }

    private static bool RunSession(byte[] input)
    {
        var session = new SnmpV2cSession(new ReplayUdp(input), new FixedClock(), "192.0.2.1", 161, Community,
            timeoutMs: 1000, retries: 0, deadline: 60_000, bufferBytes: 1500, firstRequestId: AnsweredRequestId - 1); // a session's first request uses the id after this
        SnmpPdu? pdu = session.Request(BerTag.GetBulkRequest, SystemGroup, 1, 0, 10);
        if (pdu is null)
        {
            if (session.Failure == SnmpFailure.None) throw new FuzzContractException("the SNMP session returned no answer and no failure");
            return false;
        }
        foreach (SnmpVarBind bind in pdu.VarBinds)
        {
            if (bind.Octets is { Length: > SnmpVarBind.MaxOctets }) throw new FuzzContractException("a value longer than SnmpVarBind.MaxOctets");
            _ = SnmpOid.ToText(bind.Oid);
            _ = bind.ValueText();
        }
        return true;
    }

    /// <summary>Reads every element by its tag, recursing into constructed ones, the way any BER consumer could.</summary>
    private static void WalkTree(byte[] input)
    {
        var reader = new BerReader(input, 0, input.Length);
        var arcs = new uint[BerReader.MaxOidArcs];
        try
        {
            WalkElements(reader, arcs);
        }
        catch (FormatException)
        {
            // The documented refusal.
        }
    }

    private static void WalkElements(BerReader reader, uint[] arcs)
    {
        while (reader.Remaining > 0)
        {
            byte tag = reader.PeekTag();
            switch (tag)
            {
                case BerTag.Integer: reader.ReadInteger(); break;
                case BerTag.OctetString: reader.ReadOctetString(out _); break;
                case BerTag.Null: reader.ReadNull(); break;
                case BerTag.ObjectIdentifier: reader.ReadOid(arcs); break;
                case BerTag.Counter32 or BerTag.Gauge32 or BerTag.TimeTicks: reader.ReadUnsigned32(tag); break;
                case BerTag.Counter64: reader.ReadCounter64(); break;
                case BerTag.IpAddress or BerTag.Opaque: reader.ReadOctets(tag, out _); break;
                default:
                    if ((tag & 0x20) != 0)
                    {
                        reader.EnterAny();
                        WalkElements(reader, arcs);
                        reader.Leave();
                    }
                    else
                    {
                        reader.Skip();
                    }
                    break;
            }
        }
    }
}
