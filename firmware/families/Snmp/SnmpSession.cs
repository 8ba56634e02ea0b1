using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// Sends one request PDU and returns the matching answer PDU, with a per-try timeout, a bounded number of
    /// retries and an overall deadline. Answers with another request id, or that do not decode, count as a
    /// failed try. Subclasses wrap the PDU for their SNMP version. Buffers are allocated once per session.
    /// </summary>
    public abstract class SnmpSession
    {
        private readonly IUdpExchange _udp;
        private readonly IClock _clock;
        private readonly string _host;
        private readonly int _port;
        private readonly int _timeoutMs;
        private readonly int _retries;
        private readonly long _deadline;
        private int _nextRequestId;

        protected readonly byte[] RequestBuffer;
        protected readonly byte[] ResponseBuffer;
        protected readonly BerWriter Writer;
        protected readonly BerReader Reader = new BerReader();
        protected readonly SnmpPduCodec Codec = new SnmpPduCodec();

        protected SnmpSession(IUdpExchange udp, IClock clock, string host, int port, int timeoutMs, int retries, long deadline, int bufferBytes, int firstRequestId)
        {
            if (udp == null) throw new ArgumentNullException("udp");
            if (clock == null) throw new ArgumentNullException("clock");
            if (bufferBytes < 484) throw new ArgumentOutOfRangeException("bufferBytes", "SNMP needs at least 484 bytes (RFC 3417)");
            _udp = udp;
            _clock = clock;
            _host = host;
            _port = port;
            _timeoutMs = timeoutMs < 1 ? 1 : timeoutMs;
            _retries = retries < 0 ? 0 : (retries > 5 ? 5 : retries);
            _deadline = deadline;
            // Request ids stay positive and away from the wrap (some agents mishandle negative ids).
            _nextRequestId = (firstRequestId & 0x3FFFFFFF) + 1;
            RequestBuffer = new byte[bufferBytes];
            ResponseBuffer = new byte[bufferBytes];
            Writer = new BerWriter(RequestBuffer);
        }

        /// <summary>Why the last request failed; <see cref="SnmpFailure.None"/> after a success.</summary>
        public SnmpFailure Failure { get; private set; }

        /// <summary>Plain words about the failure (the decoder's complaint for malformed answers). Never holds secrets.</summary>
        public string FailureDetail { get; private set; }

        /// <summary>Datagrams sent so far.</summary>
        public int Attempts { get; private set; }

        /// <summary>Answers that were ignored: wrong id, malformed, failed authentication.</summary>
        public int IgnoredAnswers { get; protected set; }

        public IClock Clock { get { return _clock; } }

        public long Deadline { get { return _deadline; } }

        public int Tries { get { return _retries + 1; } }

        /// <summary>Sends a request for <paramref name="count"/> OIDs; returns the answer, or null with <see cref="Failure"/> set.</summary>
        public virtual SnmpPdu Request(byte pduType, uint[][] oids, int count, int nonRepeaters, int maxRepetitions)
        {
            return Exchange(pduType, oids, count, nonRepeaters, maxRepetitions);
        }

        protected SnmpPdu Exchange(byte pduType, uint[][] oids, int count, int nonRepeaters, int maxRepetitions)
        {
            Failure = SnmpFailure.None;
            FailureDetail = null;
            int requestId = NextRequestId();
            int length;
            try
            {
                Writer.Reset(RequestBuffer);
                length = Encode(pduType, requestId, nonRepeaters, maxRepetitions, oids, count);
            }
            catch (FormatException)
            {
                return Fail(SnmpFailure.RequestTooLarge, "the request does not fit in " + RequestBuffer.Length.ToString() + " bytes");
            }

            SnmpFailure last = SnmpFailure.NoAnswer;
            string lastDetail = null;
            for (int attempt = 0; attempt <= _retries; attempt++)
            {
                long left = _deadline - _clock.MonotonicMilliseconds;
                if (left <= 0) return Fail(SnmpFailure.TimeLimit, null);
                int wait = left < _timeoutMs ? (int)left : _timeoutMs;
                ConnectOutcome outcome;
                Attempts++;
                int n = _udp.Exchange(_host, _port, RequestBuffer, 0, length, ResponseBuffer, wait, out outcome);
                if (n < 0)
                {
                    if (outcome == ConnectOutcome.Refused) return Fail(SnmpFailure.Refused, null);
                    if (outcome == ConnectOutcome.InvalidAddress) return Fail(SnmpFailure.InvalidAddress, null);
                    if (outcome == ConnectOutcome.Unreachable) return Fail(SnmpFailure.Unreachable, null);
                    if (last == SnmpFailure.NoAnswer) lastDetail = null;
                    continue;
                }
                if (n >= ResponseBuffer.Length)
                {
                    IgnoredAnswers++;
                    last = SnmpFailure.TooLarge;
                    lastDetail = "an answer was " + ResponseBuffer.Length.ToString() + " bytes or more";
                    continue;
                }

                SnmpFailure rejected;
                SnmpPdu pdu;
                try
                {
                    pdu = Decode(n, requestId, out rejected);
                }
                catch (FormatException e)
                {
                    pdu = null;
                    rejected = SnmpFailure.Malformed;
                    lastDetail = e.Message;
                }
                if (pdu != null) return pdu;
                IgnoredAnswers++;
                if (rejected != SnmpFailure.Malformed) lastDetail = null;
                last = rejected;
            }
            return Fail(last, lastDetail);
        }

        /// <summary>A fresh request id (and SNMPv3 msgID).</summary>
        protected int NextRequestId()
        {
            int id = _nextRequestId;
            _nextRequestId = _nextRequestId >= 0x7FFFFFF0 ? 1 : _nextRequestId + 1;
            return id;
        }

        /// <summary>
        /// Sends the <paramref name="length"/> bytes in <see cref="RequestBuffer"/> once, without retries, and waits one
        /// per-try timeout (cut at the deadline) for a datagram. Returns its length in <see cref="ResponseBuffer"/>, or -1.
        /// An answer that fills the buffer counts as none. Leaves <see cref="Failure"/> alone.
        /// </summary>
        protected int ExchangeOnce(int length)
        {
            long left = _deadline - _clock.MonotonicMilliseconds;
            if (left <= 0) return -1;
            int wait = left < _timeoutMs ? (int)left : _timeoutMs;
            ConnectOutcome outcome;
            Attempts++;
            int n = _udp.Exchange(_host, _port, RequestBuffer, 0, length, ResponseBuffer, wait, out outcome);
            if (n >= ResponseBuffer.Length)
            {
                IgnoredAnswers++;
                return -1;
            }
            return n;
        }

        /// <summary>Writes the whole request message into <see cref="Writer"/>; returns its length.</summary>
        protected abstract int Encode(byte pduType, int requestId, int nonRepeaters, int maxRepetitions, uint[][] oids, int count);

        /// <summary>
        /// Decodes the answer in <see cref="ResponseBuffer"/>. Returns the PDU when it answers
        /// <paramref name="requestId"/>; otherwise null and why it was rejected. Throws <see cref="FormatException"/> when malformed.
        /// </summary>
        protected abstract SnmpPdu Decode(int length, int requestId, out SnmpFailure rejected);

        protected SnmpPdu Fail(SnmpFailure failure, string detail)
        {
            Failure = failure;
            FailureDetail = detail;
            return null;
        }

        /// <summary>True when the bytes at the given position equal <paramref name="expected"/>, in time independent of where they differ.</summary>
        protected static bool SameBytes(byte[] data, int offset, int length, byte[] expected)
        {
            if (length != expected.Length) return false;
            int diff = 0;
            for (int i = 0; i < length; i++) diff |= data[offset + i] ^ expected[i];
            return diff == 0;
        }
    }
}
