using FlaxGuard.Engine.Text;

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
            string host;
            int port;
            if (!HostPort.TrySplit(text, 53, true, out host, out port)) return Bad(text, out problem);
            // Brackets or a colon left in the host mean IPv6; anything else must be a dotted IPv4 address.
            bool v6 = text[0] == '[' || host.IndexOf(':') >= 0;
            if (v6 ? !IsIPv6(host) : !IsIPv4(host)) return Bad(text, out problem);
            return new TrustedResolverAddress(host, port);
        }

        private static TrustedResolverAddress Bad(string text, out string problem)
        {
            problem = "the trusted resolver '" + FactText.Clean(text, 64) + "' is not an IP address with an optional port (e.g. 9.9.9.9, 192.0.2.53:5353, [2001:db8::53]:53)";
            return null;
        }

        private static bool IsIPv4(string text)
        {
            string[] parts = text.Split('.');
            if (parts.Length != 4) return false;
            for (int i = 0; i < 4; i++)
            {
                int value = HostPort.ParsePort(parts[i]);
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
