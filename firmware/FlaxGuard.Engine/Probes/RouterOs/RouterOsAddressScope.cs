namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Decides whether an /ip/service "address" list keeps a service to the local network. RouterOS reads an empty
    /// list as "any address"; any entry reaching beyond non-routable space (RFC 1918, RFC 6598 shared space, link-local,
    /// loopback, IPv6 unique-local and link-local) lets the internet in, as far as the router itself is concerned.
    /// </summary>
    public static class RouterOsAddressScope
    {
        // Network, prefix length: IPv4 ranges that are never routed on the internet.
        private static readonly uint[] LocalNetworks = new uint[]
        {
            0x0A000000, 8,    // 10.0.0.0/8
            0xAC100000, 12,   // 172.16.0.0/12
            0xC0A80000, 16,   // 192.168.0.0/16
            0x64400000, 10,   // 100.64.0.0/10 (shared address space, RFC 6598)
            0xA9FE0000, 16,   // 169.254.0.0/16
            0x7F000000, 8,    // 127.0.0.0/8
        };

        /// <summary>True when every entry is inside local space; false for an empty list (any) or anything unparsable.</summary>
        public static bool IsLocalOnly(string[] entries)
        {
            if (entries == null || entries.Length == 0) return false;
            for (int i = 0; i < entries.Length; i++)
            {
                if (!IsLocal(entries[i])) return false;
            }
            return true;
        }

        /// <summary>One "address[/prefix]" entry (IPv4 or IPv6) lies wholly in local space.</summary>
        public static bool IsLocal(string entry)
        {
            if (entry == null || entry.Length == 0) return false;
            string address = entry;
            int length = -1;
            int slash = entry.IndexOf('/');
            if (slash >= 0)
            {
                address = entry.Substring(0, slash);
                length = ParseNumber(entry.Substring(slash + 1), 128);
                if (length < 0) return false;
            }
            if (address.IndexOf(':') >= 0) return IsLocalIPv6(address, length < 0 ? 128 : length);
            uint value;
            if (!TryParseIPv4(address, out value)) return false;
            if (length < 0) length = 32;
            if (length > 32) return false;
            for (int i = 0; i < LocalNetworks.Length; i += 2)
            {
                int blockLength = (int)LocalNetworks[i + 1];
                if (length < blockLength) continue;
                uint mask = blockLength == 0 ? 0 : 0xFFFFFFFF << (32 - blockLength);
                if ((value & mask) == LocalNetworks[i]) return true;
            }
            return false;
        }

        public static bool TryParseIPv4(string text, out uint value)
        {
            value = 0;
            string[] parts = text.Split('.');
            if (parts.Length != 4) return false;
            for (int i = 0; i < 4; i++)
            {
                int octet = ParseNumber(parts[i], 255);
                if (octet < 0) return false;
                value = (value << 8) | (uint)octet;
            }
            return true;
        }

        private static bool IsLocalIPv6(string address, int length)
        {
            if (length > 128) return false;
            if (address == "::1") return length == 128;
            if (address.Length >= 2 && address[0] == ':' && address[1] == ':') return false;
            int colon = address.IndexOf(':');
            string first = colon < 0 ? address : address.Substring(0, colon);
            int hextet = ParseHex(first);
            if (hextet < 0) return false;
            if ((hextet & 0xFE00) == 0xFC00) return length >= 7;   // fc00::/7 unique local
            if ((hextet & 0xFFC0) == 0xFE80) return length >= 10;  // fe80::/10 link-local
            return false;
        }

        private static int ParseNumber(string text, int max)
        {
            if (text == null || text.Length == 0 || text.Length > 3) return -1;
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n > max ? -1 : n;
        }

        private static int ParseHex(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 4) return -1;
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) return -1;
                n = (n << 4) | d;
            }
            return n;
        }
    }
}
