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

        /// <summary>One "address[/prefix]" entry (IPv4 or IPv6) lies wholly in local space. Reads the entry in place.</summary>
        public static bool IsLocal(string entry)
        {
            if (entry == null || entry.Length == 0) return false;
            int end = entry.Length;
            int length = -1;
            int slash = entry.IndexOf('/');
            if (slash >= 0)
            {
                end = slash;
                length = ParseNumber(entry, slash + 1, entry.Length, 128);
                if (length < 0) return false;
            }
            if (IndexOf(entry, ':', 0, end) >= 0) return IsLocalIPv6(entry, end, length < 0 ? 128 : length);
            uint value;
            if (!TryParseIPv4(entry, 0, end, out value)) return false;
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
            return TryParseIPv4(text, 0, text.Length, out value);
        }

        // Four dot-separated decimal octets in text[start, end).
        private static bool TryParseIPv4(string text, int start, int end, out uint value)
        {
            value = 0;
            int parts = 0;
            int from = start;
            for (int i = start; i <= end; i++)
            {
                if (i < end && text[i] != '.') continue;
                if (++parts > 4) return false;
                int octet = ParseNumber(text, from, i, 255);
                if (octet < 0) return false;
                value = (value << 8) | (uint)octet;
                from = i + 1;
            }
            return parts == 4;
        }

        // The address is text[0, end).
        private static bool IsLocalIPv6(string text, int end, int length)
        {
            if (length > 128) return false;
            if (end == 3 && text[0] == ':' && text[1] == ':' && text[2] == '1') return length == 128;
            if (end >= 2 && text[0] == ':' && text[1] == ':') return false;
            int colon = IndexOf(text, ':', 0, end);
            int hextet = ParseHex(text, 0, colon < 0 ? end : colon);
            if (hextet < 0) return false;
            if ((hextet & 0xFE00) == 0xFC00) return length >= 7;   // fc00::/7 unique local
            if ((hextet & 0xFFC0) == 0xFE80) return length >= 10;  // fe80::/10 link-local
            return false;
        }

        private static int IndexOf(string text, char c, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (text[i] == c) return i;
            }
            return -1;
        }

        // A decimal number of 1 to 3 digits in text[start, end), at most max; -1 otherwise.
        private static int ParseNumber(string text, int start, int end, int max)
        {
            int count = end - start;
            if (count <= 0 || count > 3) return -1;
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n > max ? -1 : n;
        }

        // 1 to 4 hex digits in text[start, end); -1 otherwise.
        private static int ParseHex(string text, int start, int end)
        {
            int count = end - start;
            if (count <= 0 || count > 4) return -1;
            int n = 0;
            for (int i = start; i < end; i++)
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
