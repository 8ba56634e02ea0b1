namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Splits an authority into host and port the one way every part of the engine reads it: "host", "host:port",
    /// "[v6]" and "[v6]:port" (brackets dropped), and, where the caller allows it, a bare IPv6 literal ("2001:db8::53",
    /// two or more colons and no port). Ports are 1 to 65535 in plain decimal digits.
    /// </summary>
    public static class HostPort
    {
        /// <summary>False when the brackets, the host or the port are malformed; then host is null and port -1.</summary>
        public static bool TrySplit(string authority, int defaultPort, bool allowBareIPv6, out string host, out int port)
        {
            host = null;
            port = -1;
            if (authority == null || authority.Length == 0) return false;
            string name;
            int number = defaultPort;
            if (authority[0] == '[')
            {
                int close = authority.IndexOf(']');
                if (close < 0) return false;
                name = authority.Substring(1, close - 1);
                if (close + 1 < authority.Length)
                {
                    if (authority[close + 1] != ':') return false;
                    number = ParsePort(authority.Substring(close + 2));
                }
            }
            else
            {
                int colon = authority.IndexOf(':');
                if (allowBareIPv6 && colon >= 0 && colon != authority.LastIndexOf(':'))
                {
                    name = authority;
                }
                else
                {
                    name = colon < 0 ? authority : authority.Substring(0, colon);
                    if (colon >= 0) number = ParsePort(authority.Substring(colon + 1));
                }
            }
            if (name.Length == 0 || number < 1) return false;
            host = name;
            port = number;
            return true;
        }

        /// <summary>1 to 5 decimal digits up to 65535, else -1 (0 is returned as 0: callers that need a port refuse it).</summary>
        public static int ParsePort(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 5) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value <= 65535 ? value : -1;
        }
    }
}
