using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// Asks one resolver one question over UDP, within a bound on time and on datagrams. A datagram that
    /// is not the answer to our question (another id, another question) is ignored and the query is sent
    /// again with the same id, as a resolver retransmits, until the attempts or the time run out: the
    /// platform's exchange hands back only the first datagram, so waiting on means asking again.
    /// One instance reuses its two buffers for every lookup; not thread-safe.
    /// </summary>
    public sealed class DnsResolverClient
    {
        private readonly IUdpExchange _udp;
        private readonly IClock _clock;
        private readonly IRandomSource _random;
        private readonly byte[] _query = new byte[DnsQuery.MaxBytes];
        // One byte more than any answer may be, so an oversized datagram shows as such instead of being cut silently.
        private readonly byte[] _answer = new byte[DnsDecoder.MaxMessageBytes + 1];
        private readonly byte[] _idBytes = new byte[2];

        public DnsResolverClient(IUdpExchange udp, IClock clock, IRandomSource random)
        {
            if (udp == null) throw new ArgumentNullException("udp");
            if (clock == null) throw new ArgumentNullException("clock");
            if (random == null) throw new ArgumentNullException("random");
            _udp = udp;
            _clock = clock;
            _random = random;
            AttemptTimeoutMs = 1000;
            LookupTimeoutMs = 3000;
            MaxAttempts = 4;
        }

        /// <summary>How long one datagram is waited for before the query is sent again.</summary>
        public int AttemptTimeoutMs { get; set; }

        /// <summary>Bound on the whole lookup, retransmissions included.</summary>
        public int LookupTimeoutMs { get; set; }

        /// <summary>Bound on the datagrams sent for one lookup.</summary>
        public int MaxAttempts { get; set; }

        /// <summary>The message id of the last query sent (tests check it changes).</summary>
        public int LastId { get; private set; }

        public DnsReply Lookup(string server, int port, string name, int type)
        {
            string normalized = DnsName.Normalize(name);
            _random.NextBytes(_idBytes, 0, 2);
            int id = (_idBytes[0] << 8) | _idBytes[1];
            LastId = id;
            int length = DnsQuery.Encode(_query, id, normalized, type);
            long deadline = _clock.MonotonicMilliseconds + LookupTimeoutMs;
            DnsReply ignored = null;
            bool timedOut = false;
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                long left = deadline - _clock.MonotonicMilliseconds;
                if (left <= 0) break;
                int wait = left < AttemptTimeoutMs ? (int)left : AttemptTimeoutMs;
                ConnectOutcome outcome;
                int received = _udp.Exchange(server, port, _query, 0, length, _answer, wait, out outcome);
                if (received < 0)
                {
                    if (outcome == ConnectOutcome.TimedOut) { timedOut = true; continue; }
                    return DnsReply.Failure(DnsReplyKind.Unreachable, Unreachable(outcome));
                }
                DnsReply reply = DnsDecoder.Decode(_answer, received, id, normalized, type);
                if (reply.Kind != DnsReplyKind.Mismatch) return reply;
                ignored = reply;
            }
            if (ignored != null && !timedOut) return DnsReply.Failure(DnsReplyKind.Mismatch, "only answers that did not belong to our question arrived (" + ignored.Detail + ")");
            if (ignored != null) return DnsReply.Failure(DnsReplyKind.TimedOut, "no answer to our question within " + LookupTimeoutMs.ToString() + " ms, only unrelated datagrams (" + ignored.Detail + ")");
            return DnsReply.Failure(DnsReplyKind.TimedOut, "no answer within " + LookupTimeoutMs.ToString() + " ms");
        }

        private static string Unreachable(ConnectOutcome outcome)
        {
            switch (outcome)
            {
                case ConnectOutcome.Refused: return "nothing listens on the DNS port (the host refused the datagram)";
                case ConnectOutcome.InvalidAddress: return "the resolver address is not valid";
                case ConnectOutcome.Unreachable: return "the resolver is unreachable";
                default: return "the datagram could not be sent";
            }
        }
    }
}
