namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// The trusted resolver as an owner names it: an IP literal with an optional port ("192.0.2.53", "192.0.2.53:5353",
    /// "2001:db8::53", "[2001:db8::53]:5353"). Host names are refused: resolving one would ask some resolver first,
    /// maybe the very one under suspicion.
    /// </summary>
    public sealed class TrustedResolverAddress
    {
        private TrustedResolverAddress(string host, int port)
        {
            Host = host;
            Port = port;
        }

        public string Host { get; private set; }

        public int Port { get; private set; }

        /// <summary>The parsed address, or null with a plain-words reason.</summary>
        public static TrustedResolverAddress TryParse(string text, out string problem)
        {
            problem = null;
            if (text == null || text.Length == 0 || text.Length > 64)
            {
                problem = "the trusted resolver must be an IP address, optionally with a port";
                return null;
            }
            string host = text;
            int port = 53;
            if (text[0] == '[')
            {
                int close = text.IndexOf(']');
                if (close < 0) return Bad(text, out problem);
                host = text.Substring(1, close - 1);
                string rest = text.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':') return Bad(text, out problem);
                    port = ParsePort(rest.Substring(1));
                }
                if (!IsIPv6(host)) return Bad(text, out problem);
            }
            else if (text.IndexOf(':') != text.LastIndexOf(':'))
            {
                if (!IsIPv6(host)) return Bad(text, out problem);
            }
            else
            {
                int colon = text.IndexOf(':');
                if (colon >= 0)
                {
                    host = text.Substring(0, colon);
                    port = ParsePort(text.Substring(colon + 1));
                }
                if (!IsIPv4(host)) return Bad(text, out problem);
            }
            if (port < 1) return Bad(text, out problem);
            return new TrustedResolverAddress(host, port);
        }

        private static TrustedResolverAddress Bad(string text, out string problem)
        {
            problem = "the trusted resolver '" + Text.FactText.Clean(text, 64) + "' is not an IP address with an optional port (e.g. 9.9.9.9, 192.0.2.53:5353, [2001:db8::53]:53)";
            return null;
        }

        private static int ParsePort(string text)
        {
            if (text.Length == 0 || text.Length > 5) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value <= 65535 ? value : -1;
        }

        private static bool IsIPv4(string text)
        {
            string[] parts = text.Split('.');
            if (parts.Length != 4) return false;
            for (int i = 0; i < 4; i++)
            {
                int value = ParsePort(parts[i]);
                if (parts[i].Length > 3 || value < 0 || value > 255) return false;
            }
            return true;
        }

        private static bool IsIPv6(string text)
        {
            if (text.Length < 2 || text.Length > 39 || text.IndexOf(':') < 0) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex && c != ':') return false;
            }
            return true;
        }
    }
}
