using System;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// Encodes request PDUs and decodes answer PDUs (RFC 3416 section 3). Shared by v2c and v3, which differ
    /// only in the wrapping around the PDU. Decoding caps the number of bindings and the size of each value.
    /// </summary>
    public sealed class SnmpPduCodec
    {
        /// <summary>More bindings than any request of ours asks for means a confused or hostile agent.</summary>
        public const int MaxVarBinds = 64;

        private readonly uint[] _arcs = new uint[BerReader.MaxOidArcs];
        private readonly SnmpVarBind[] _scratch = new SnmpVarBind[MaxVarBinds];

        /// <summary>
        /// Writes a request PDU. For GetBulkRequest, <paramref name="nonRepeaters"/> and <paramref name="maxRepetitions"/>
        /// take the place of error-status and error-index (RFC 3416 section 3); other types send zeros.
        /// </summary>
        public static void WriteRequest(BerWriter writer, byte pduType, int requestId, int nonRepeaters, int maxRepetitions, uint[][] oids, int count)
        {
            int pdu = writer.Begin(pduType);
            writer.WriteInteger(requestId);
            writer.WriteInteger(pduType == BerTag.GetBulkRequest ? nonRepeaters : 0);
            writer.WriteInteger(pduType == BerTag.GetBulkRequest ? maxRepetitions : 0);
            int list = writer.Begin(BerTag.Sequence);
            for (int i = 0; i < count; i++)
            {
                int vb = writer.Begin(BerTag.Sequence);
                writer.WriteOid(oids[i], oids[i].Length);
                writer.WriteNull();
                writer.End(vb);
            }
            writer.End(list);
            writer.End(pdu);
        }

        /// <summary>Reads a whole PDU at the reader's position; throws <see cref="FormatException"/> on anything malformed.</summary>
        public SnmpPdu ReadPdu(BerReader reader)
        {
            byte type = reader.EnterAny();
            if (type != BerTag.Response && type != BerTag.Report && type != BerTag.GetRequest && type != BerTag.GetNextRequest
                && type != BerTag.GetBulkRequest && type != BerTag.SetRequest && type != BerTag.InformRequest && type != BerTag.SnmpV2Trap)
            {
                throw new FormatException("SNMP: unknown PDU type");
            }
            int requestId = reader.ReadInt32();
            int errorStatus = reader.ReadInt32();
            int errorIndex = reader.ReadInt32();
            reader.Enter(BerTag.Sequence);
            int n = 0;
            while (reader.Remaining > 0)
            {
                if (n >= MaxVarBinds) throw new FormatException("SNMP: more than " + MaxVarBinds.ToString() + " variable bindings");
                _scratch[n++] = ReadVarBind(reader);
            }
            reader.Leave();
            reader.Leave();
            SnmpVarBind[] binds = new SnmpVarBind[n];
            Array.Copy(_scratch, 0, binds, 0, n);
            Array.Clear(_scratch, 0, n);
            return new SnmpPdu(type, requestId, errorStatus, errorIndex, binds);
        }

        private SnmpVarBind ReadVarBind(BerReader reader)
        {
            reader.Enter(BerTag.Sequence);
            int arcs = reader.ReadOid(_arcs);
            uint[] oid = SnmpOid.Copy(_arcs, arcs);
            byte type = reader.PeekTag();
            SnmpVarBind vb = new SnmpVarBind(oid, type);
            switch (type)
            {
                case BerTag.Integer:
                    vb.Integer = reader.ReadInteger();
                    break;
                case BerTag.Counter32:
                case BerTag.Gauge32:
                case BerTag.TimeTicks:
                    vb.Integer = reader.ReadUnsigned32(type);
                    break;
                case BerTag.Counter64:
                    vb.Counter64 = reader.ReadCounter64();
                    break;
                case BerTag.OctetString:
                case BerTag.Opaque:
                case BerTag.IpAddress:
                    {
                        int length;
                        int start = reader.ReadOctets(type, out length);
                        if (type == BerTag.IpAddress && length != 4) throw new FormatException("SNMP: IpAddress of " + length.ToString() + " bytes");
                        int keep = length > SnmpVarBind.MaxOctets ? SnmpVarBind.MaxOctets : length;
                        byte[] octets = new byte[keep];
                        Array.Copy(reader.Data, start, octets, 0, keep);
                        vb.Octets = octets;
                        break;
                    }
                case BerTag.ObjectIdentifier:
                    {
                        int count = reader.ReadOid(_arcs);
                        vb.OidValue = SnmpOid.Copy(_arcs, count);
                        break;
                    }
                case BerTag.Null:
                    reader.ReadNull();
                    break;
                case BerTag.NoSuchObject:
                case BerTag.NoSuchInstance:
                case BerTag.EndOfMibView:
                    {
                        byte tag;
                        if (reader.ReadHeader(out tag) != 0) throw new FormatException("SNMP: exception value with content");
                        break;
                    }
                default:
                    throw new FormatException("SNMP: unknown value type");
            }
            reader.Leave();
            return vb;
        }
    }
}
