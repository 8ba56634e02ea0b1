namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>Which resolvers to compare and which names to ask them.</summary>
    public sealed class DnsIntegrityOptions
    {
        public DnsIntegrityOptions()
        {
            RouterPort = 53;
            TrustedPort = 53;
            CanaryNames = DefaultCanaryNames();
            QueryIPv6 = true;
            AttemptTimeoutMs = 1000;
            LookupTimeoutMs = 3000;
            MaxAttempts = 4;
        }

        /// <summary>Port of the router's resolver on the checked host.</summary>
        public int RouterPort { get; set; }

        /// <summary>IP literal of a resolver the owner trusts (required): the answers it gives are the reference.</summary>
        public string TrustedResolver { get; set; }

        public int TrustedPort { get; set; }

        /// <summary>
        /// Names whose answers do not vary by resolver, place or time. CDN-hosted names are bad canaries
        /// (every resolver gets different, rotating addresses); the defaults are the public resolvers' own
        /// names, whose anycast addresses are published and fixed.
        /// </summary>
        public string[] CanaryNames { get; set; }

        /// <summary>Ask for AAAA as well as A.</summary>
        public bool QueryIPv6 { get; set; }

        public int AttemptTimeoutMs { get; set; }

        /// <summary>Bound on one lookup, retransmissions included.</summary>
        public int LookupTimeoutMs { get; set; }

        public int MaxAttempts { get; set; }

        public static string[] DefaultCanaryNames()
        {
            return new string[] { "one.one.one.one", "dns.google", "dns.quad9.net" };
        }
    }
}
