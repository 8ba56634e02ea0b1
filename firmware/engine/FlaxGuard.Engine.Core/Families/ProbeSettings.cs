namespace FlaxGuard.Engine.Families
{
    /// <summary>
    /// What a device's probes need besides its address and admin login: the resolver the router's DNS is compared
    /// with, and SNMP credentials (a v2c community, or a v3 user with its authentication and privacy passwords).
    /// The SNMP values are secrets like the admin password: encrypted in jobs and at rest, never logged or put in a
    /// message. Empty strings mean "not given".
    /// </summary>
    public sealed class ProbeSettings
    {
        private string _snmpPrivPassword = "";
        private string _snmpAuthPassword = "";
        private string _snmpUser = "";
        private string _snmpCommunity = "";
        private string _trustedResolver = "";

        /// <summary>
        /// Quad9's resolver: it answers the default canary names (its own, Cloudflare's and Google's resolver names)
        /// with their published anycast addresses, and a router's DNS is compared with it unless the owner names another.
        /// </summary>
        public const string DefaultTrustedResolver = "9.9.9.9";

        public ProbeSettings()
        {
            WebFingerprint = true;
        }

        /// <summary>IP literal of the trusted resolver, with an optional port ("192.0.2.53", "192.0.2.53:5353", "[2001:db8::53]:53"); empty: <see cref="DefaultTrustedResolver"/>.</summary>
        public string TrustedResolver { get { return _trustedResolver; } set { _trustedResolver = value == null ? "" : value; } }

        /// <summary>SNMPv2c community (a secret).</summary>
        public string SnmpCommunity { get { return _snmpCommunity; } set { _snmpCommunity = value == null ? "" : value; } }

        /// <summary>SNMPv3 user name; when given, SNMP runs as v3 authPriv and the community is not used.</summary>
        public string SnmpUser { get { return _snmpUser; } set { _snmpUser = value == null ? "" : value; } }

        /// <summary>SNMPv3 authentication password (SHA; a secret).</summary>
        public string SnmpAuthPassword { get { return _snmpAuthPassword; } set { _snmpAuthPassword = value == null ? "" : value; } }

        /// <summary>SNMPv3 privacy password (AES-128; a secret).</summary>
        public string SnmpPrivPassword { get { return _snmpPrivPassword; } set { _snmpPrivPassword = value == null ? "" : value; } }

        /// <summary>False skips the fingerprint of a vendor device's own web interface (the CLI's --no-http).</summary>
        public bool WebFingerprint { get; set; }

        /// <summary>True when SNMP credentials of either version were given.</summary>
        public bool HasSnmp { get { return SnmpUser.Length > 0 || SnmpCommunity.Length > 0; } }

        public bool IsSnmpV3 { get { return SnmpUser.Length > 0; } }

        /// <summary>The resolver to compare with: the given one, or the default.</summary>
        public string EffectiveTrustedResolver { get { return TrustedResolver.Length > 0 ? TrustedResolver : DefaultTrustedResolver; } }

        /// <summary>Null when the SNMP settings are usable, else why not (no secrets in it).</summary>
        public string SnmpProblem()
        {
            if (!IsSnmpV3) return SnmpCommunity.Length > 255 ? "the SNMP community is longer than 255 characters" : null;
            if (SnmpUser.Length > 32) return "the SNMPv3 user name is longer than 32 characters";
            if (SnmpAuthPassword.Length == 0 || SnmpPrivPassword.Length == 0) return "SNMPv3 needs both an authentication and a privacy password";
            if (SnmpAuthPassword.Length < 8 || SnmpPrivPassword.Length < 8) return "SNMPv3 passwords are at least 8 characters (RFC 3414)";
            return null;
        }
    }
}
