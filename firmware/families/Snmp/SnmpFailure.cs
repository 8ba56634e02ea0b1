namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>Why an SNMP exchange gave no usable answer.</summary>
    public enum SnmpFailure
    {
        None = 0,
        /// <summary>No datagram came back within the timeouts and retries.</summary>
        NoAnswer = 1,
        /// <summary>The host said the port is closed (ICMP port unreachable).</summary>
        Refused = 2,
        /// <summary>No route to the host, or the name did not resolve.</summary>
        Unreachable = 3,
        InvalidAddress = 4,
        /// <summary>The probe's overall time bound ran out.</summary>
        TimeLimit = 5,
        /// <summary>Answers came, but were not valid SNMP.</summary>
        Malformed = 6,
        /// <summary>Answers came, but none carried our request id (or message id, or community).</summary>
        WrongRequestId = 7,
        /// <summary>An answer did not fit the receive buffer.</summary>
        TooLarge = 8,
        /// <summary>Our own request did not fit the send buffer.</summary>
        RequestTooLarge = 9,
        /// <summary>SNMPv3 report usmStatsUnknownUserNames.</summary>
        UnknownUser = 10,
        /// <summary>SNMPv3 report usmStatsWrongDigests: the authentication password is wrong.</summary>
        WrongDigest = 11,
        /// <summary>SNMPv3 report usmStatsDecryptionErrors: the privacy password is wrong.</summary>
        DecryptionError = 12,
        /// <summary>SNMPv3 report usmStatsNotInTimeWindows, still after one resynchronisation.</summary>
        NotInTimeWindow = 13,
        /// <summary>SNMPv3 report usmStatsUnknownEngineIDs after discovery.</summary>
        UnknownEngine = 14,
        /// <summary>SNMPv3 report usmStatsUnsupportedSecLevels: the user is not set up for authPriv.</summary>
        UnsupportedSecurityLevel = 15,
        /// <summary>An SNMPv3 answer failed its HMAC check or came unauthenticated.</summary>
        AuthenticationFailed = 16,
        /// <summary>SNMPv3 engine discovery did not give an engine id.</summary>
        DiscoveryFailed = 17,
        /// <summary>Some other report PDU.</summary>
        OtherReport = 18,
        /// <summary>
        /// SNMPv2c requests went unanswered, but the agent answered SNMPv3 engine discovery from the same address and
        /// port: it is there and drops the community (wrong community, or v2c turned off).
        /// </summary>
        CommunityRefused = 19,
    }
}
