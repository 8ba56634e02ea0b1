namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>What one DNS exchange produced.</summary>
    public enum DnsReplyKind
    {
        /// <summary>NOERROR; the addresses may be empty (the name exists but has no record of that type).</summary>
        Answer = 0,
        /// <summary>NXDOMAIN: the name does not exist.</summary>
        NameError = 1,
        /// <summary>SERVFAIL: the resolver could not get an answer.</summary>
        ServerFailure = 2,
        /// <summary>REFUSED: the resolver will not answer us.</summary>
        Refused = 3,
        /// <summary>Any other RCODE (FORMERR, NOTIMP, ...).</summary>
        OtherError = 4,
        /// <summary>The TC bit was set: the answer did not fit into a datagram.</summary>
        Truncated = 5,
        /// <summary>The message broke the protocol (lengths, pointers, counts, sizes).</summary>
        Malformed = 6,
        /// <summary>A reply to someone else's question (other id, other question, not a response): ignored.</summary>
        Mismatch = 7,
        /// <summary>No reply within the time bound.</summary>
        TimedOut = 8,
        /// <summary>The host could not be reached, or said nothing listens on the port.</summary>
        Unreachable = 9,
    }
}
