using System;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// The SNMPv3 engine discovery exchange (RFC 3414 section 4) used as a sign of life without credentials: a
    /// reportable, noAuthNoPriv message with an empty engine id and user name and an empty GetRequest. An agent with
    /// the user-based security model answers it with a Report PDU carrying usmStatsUnknownEngineIDs.0 and its engine
    /// id (RFC 3414 section 3.2 step 3), whatever communities and users it has: Debian's snmpd 5.9.3 does so with only
    /// a v2c rocommunity configured. The answer is hostile input and is checked strictly.
    /// </summary>
    public static class SnmpEngineDiscovery
    {
        private const int Version3 = 3;
        private const int SecurityModelUsm = 3;
        private const byte FlagAuth = 0x01;
        private const byte FlagPriv = 0x02;
        private const byte FlagReportable = 0x04;
        private const int MaxEngineIdBytes = 32;
        private const int MaxUserBytes = 32;

        // usmStatsUnknownEngineIDs.0 (RFC 3414 section 5, SNMP-USER-BASED-SM-MIB).
        private static readonly uint[] UsmStatsUnknownEngineIds = new uint[] { 1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0 };

        private static readonly byte[] ReportableOnly = new byte[] { FlagReportable };

        /// <summary>Writes the discovery request with <paramref name="msgId"/> as msgID and request-id; returns its length.</summary>
        public static int WriteRequest(BerWriter w, int msgId, int maxSize)
        {
            int message = w.Begin(BerTag.Sequence);
            w.WriteInteger(Version3);
            int header = w.Begin(BerTag.Sequence);
            w.WriteInteger(msgId);
            w.WriteInteger(maxSize);
            w.WriteOctets(BerTag.OctetString, ReportableOnly, 0, 1);
            w.WriteInteger(SecurityModelUsm);
            w.End(header);
            // msgSecurityParameters: UsmSecurityParameters with empty engine id, zero boots and time, empty user, no MAC, no salt.
            int parameters = w.Begin(BerTag.OctetString);
            int usm = w.Begin(BerTag.Sequence);
            w.WriteOctetString(null);
            w.WriteInteger(0);
            w.WriteInteger(0);
            w.WriteOctetString(null);
            w.WriteOctetString(null);
            w.WriteOctetString(null);
            w.End(usm);
            w.End(parameters);
            int scoped = w.Begin(BerTag.Sequence);
            w.WriteOctetString(null); // contextEngineID
            w.WriteOctetString(null); // contextName
            SnmpPduCodec.WriteRequest(w, BerTag.GetRequest, msgId, 0, 0, new uint[0][], 0);
            w.End(scoped);
            w.End(message);
            return w.Length;
        }

        /// <summary>
        /// Checks one answer to the discovery request with <paramref name="msgId"/>. <see cref="SnmpFailure.None"/> for a
        /// well-formed usmStatsUnknownEngineIDs report naming an engine id; <see cref="SnmpFailure.WrongRequestId"/> for
        /// a well-formed answer to another message; <see cref="SnmpFailure.OtherReport"/> for a well-formed SNMPv3
        /// answer that is not that report; <see cref="SnmpFailure.Malformed"/> for anything else. Never throws on content.
        /// </summary>
        public static SnmpFailure ReadReport(byte[] data, int length, int msgId, BerReader r, SnmpPduCodec codec)
        {
            try
            {
                return Read(data, length, msgId, r, codec);
            }
            catch (FormatException)
            {
                return SnmpFailure.Malformed;
            }
        }

        private static SnmpFailure Read(byte[] data, int length, int msgId, BerReader r, SnmpPduCodec codec)
        {
            r.Reset(data, 0, length);
            r.Enter(BerTag.Sequence);
            if (r.ReadInteger() != Version3) throw new FormatException("SNMP: answer is not SNMPv3");
            r.Enter(BerTag.Sequence);
            int answerId = r.ReadInt32();
            if (r.ReadInt32() < 484) throw new FormatException("SNMPv3: msgMaxSize below 484");
            int flagsLength;
            int flagsAt = r.ReadOctetString(out flagsLength);
            if (flagsLength != 1) throw new FormatException("SNMPv3: msgFlags is not one byte");
            // A report is never reportable, and an answer to a noAuthNoPriv request carries no authentication (RFC 3412 section 7.1).
            if ((data[flagsAt] & (FlagAuth | FlagPriv | FlagReportable)) != 0) throw new FormatException("SNMPv3: discovery answer claims authentication or asks for a report");
            if (r.ReadInt32() != SecurityModelUsm) throw new FormatException("SNMPv3: not the user-based security model");
            r.Leave();

            r.Enter(BerTag.OctetString);
            r.Enter(BerTag.Sequence);
            int engineLength;
            r.ReadOctetString(out engineLength);
            if (engineLength < 1 || engineLength > MaxEngineIdBytes) throw new FormatException("SNMPv3: engine id empty or longer than 32 bytes");
            long boots = r.ReadInteger();
            long time = r.ReadInteger();
            if (boots < 0 || boots > int.MaxValue || time < 0 || time > int.MaxValue) throw new FormatException("SNMPv3: engine boots or time out of range");
            int userLength;
            r.ReadOctetString(out userLength);
            if (userLength > MaxUserBytes) throw new FormatException("SNMPv3: user name longer than 32 bytes");
            int macLength;
            r.ReadOctetString(out macLength);
            int saltLength;
            r.ReadOctetString(out saltLength);
            if (macLength != 0 || saltLength != 0) throw new FormatException("SNMPv3: security parameters on an unauthenticated answer");
            r.Leave();
            r.Leave();

            r.Enter(BerTag.Sequence);
            int contextLength;
            r.ReadOctetString(out contextLength);
            if (contextLength > MaxEngineIdBytes) throw new FormatException("SNMPv3: context engine id longer than 32 bytes");
            r.ReadOctetString(out contextLength);
            SnmpPdu pdu = codec.ReadPdu(r);
            r.Leave();
            r.Leave();
            if (r.Remaining != 0) throw new FormatException("SNMP: bytes after the message");

            // msgID binds the answer to our message; the report's request-id echoes the request's (RFC 3412 section 7.1 step 3), or is 0 when the agent could not read it.
            if (answerId != msgId || (pdu.RequestId != msgId && pdu.RequestId != 0)) return SnmpFailure.WrongRequestId;
            if (pdu.Type != BerTag.Report || pdu.VarBinds.Length < 1) return SnmpFailure.OtherReport;
            if (!SnmpOid.Equal(pdu.VarBinds[0].Oid, UsmStatsUnknownEngineIds)) return SnmpFailure.OtherReport;
            return SnmpFailure.None;
        }
    }
}
