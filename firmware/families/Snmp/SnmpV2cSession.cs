using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// SNMPv2c (RFC 1901): Message ::= SEQUENCE { version INTEGER (1), community OCTET STRING, data PDU }.
    /// An answer must carry our community back and our request id, or it is ignored.
    /// </summary>
    public sealed class SnmpV2cSession : SnmpSession
    {
        private const int VersionV2c = 1;

        private readonly byte[] _community;

        public SnmpV2cSession(IUdpExchange udp, IClock clock, string host, int port, byte[] community, int timeoutMs, int retries, long deadline, int bufferBytes, int firstRequestId)
            : base(udp, clock, host, port, timeoutMs, retries, deadline, bufferBytes, firstRequestId)
        {
            if (community == null) throw new ArgumentNullException("community");
            _community = community;
        }

        /// <summary>True once <see cref="AgentAnswersWithoutCommunity"/> was tried.</summary>
        public bool DiscoveryAsked { get; private set; }

        /// <summary>
        /// After a request went unanswered: sends one SNMPv3 engine discovery request (<see cref="SnmpEngineDiscovery"/>)
        /// and waits one try for its report. True, with <see cref="SnmpSession.Failure"/> set to
        /// <see cref="SnmpFailure.CommunityRefused"/>, when the agent answers it: the agent is there and drops the
        /// community. False, with the failure left as it was, when nothing or nothing valid came back.
        /// </summary>
        public bool AgentAnswersWithoutCommunity()
        {
            DiscoveryAsked = true;
            int msgId = NextRequestId();
            int length;
            try
            {
                Writer.Reset(RequestBuffer);
                length = SnmpEngineDiscovery.WriteRequest(Writer, msgId, ResponseBuffer.Length);
            }
            catch (FormatException)
            {
                return false;
            }
            int n = ExchangeOnce(length);
            if (n < 0) return false;
            if (SnmpEngineDiscovery.ReadReport(ResponseBuffer, n, msgId, Reader, Codec) != SnmpFailure.None)
            {
                IgnoredAnswers++;
                return false;
            }
            Fail(SnmpFailure.CommunityRefused, null);
            return true;
        }

        protected override int Encode(byte pduType, int requestId, int nonRepeaters, int maxRepetitions, uint[][] oids, int count)
        {
            int message = Writer.Begin(BerTag.Sequence);
            Writer.WriteInteger(VersionV2c);
            Writer.WriteOctetString(_community);
            SnmpPduCodec.WriteRequest(Writer, pduType, requestId, nonRepeaters, maxRepetitions, oids, count);
            Writer.End(message);
            return Writer.Length;
        }

        protected override SnmpPdu Decode(int length, int requestId, out SnmpFailure rejected)
        {
            BerReader r = Reader;
            r.Reset(ResponseBuffer, 0, length);
            r.Enter(BerTag.Sequence);
            long version = r.ReadInteger();
            if (version != VersionV2c) throw new FormatException("SNMP: answer is not SNMPv2c");
            int communityLength;
            int communityStart = r.ReadOctetString(out communityLength);
            SnmpPdu pdu = Codec.ReadPdu(r);
            r.Leave();
            if (r.Remaining != 0) throw new FormatException("SNMP: bytes after the message");
            if (pdu.Type != BerTag.Response) throw new FormatException("SNMP: answer is not a Response PDU");
            if (pdu.RequestId != requestId || !SameBytes(ResponseBuffer, communityStart, communityLength, _community))
            {
                rejected = SnmpFailure.WrongRequestId;
                return null;
            }
            rejected = SnmpFailure.None;
            return pdu;
        }
    }
}
