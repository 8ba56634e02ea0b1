using System;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// An IPv4 block such as 192.0.2.0/24: the network a discovery round covers. Answers from addresses
    /// outside it are not taken into the inventory, and the sweep never leaves it. Blocks larger than
    /// <see cref="MaxHosts"/> addresses are refused, so a round stays bounded.
    /// </summary>
    public sealed class Ipv4Network
    {
        /// <summary>A /22 at most: discovery is for one home or office LAN, not for scanning networks.</summary>
        public const int MaxHosts = 1022;

        private readonly uint _network;
        private readonly uint _mask;

        private Ipv4Network(uint network, int prefix)
        {
            _mask = prefix == 0 ? 0u : 0xFFFFFFFFu << (32 - prefix);
            _network = network & _mask;
            PrefixLength = prefix;
        }

        public int PrefixLength { get; private set; }

        /// <summary>Parses "a.b.c.d/n" (n from 22 to 30); returns null and a reason in words otherwise.</summary>
        public static Ipv4Network Parse(string text, out string problem)
        {
            problem = null;
            if (text == null || text.Length == 0 || text.Length > 18)
            {
                problem = "is not an IPv4 block such as 192.0.2.0/24";
                return null;
            }
            int slash = text.IndexOf('/');
            if (slash < 0)
            {
                problem = "has no prefix length (write it as 192.0.2.0/24)";
                return null;
            }
            uint address;
            if (!TryParseAddress(text.Substring(0, slash), out address))
            {
                problem = "does not start with an IPv4 address";
                return null;
            }
            int prefix = 0;
            string digits = text.Substring(slash + 1);
            if (digits.Length == 0 || digits.Length > 2)
            {
                problem = "has no valid prefix length";
                return null;
            }
            for (int i = 0; i < digits.Length; i++)
            {
                if (digits[i] < '0' || digits[i] > '9')
                {
                    problem = "has no valid prefix length";
                    return null;
                }
                prefix = prefix * 10 + (digits[i] - '0');
            }
            if (prefix < 22 || prefix > 30)
            {
                problem = "must have a prefix length from /22 (1022 addresses) to /30";
                return null;
            }
            return new Ipv4Network(address, prefix);
        }

        /// <summary>Strict dotted quad: four decimal parts 0..255, no leading zeros, nothing else.</summary>
        public static bool TryParseAddress(string text, out uint address)
        {
            address = 0;
            if (text == null || text.Length < 7 || text.Length > 15) return false;
            int parts = 0;
            int value = -1;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (value < 0 || parts == 4) return false;
                    address = (address << 8) | (uint)value;
                    parts++;
                    value = -1;
                    digits = 0;
                    continue;
                }
                char c = text[i];
                if (c < '0' || c > '9') return false;
                if (digits > 0 && value == 0) return false;
                if (++digits > 3) return false;
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) return false;
            }
            return parts == 4;
        }

        public static string Format(uint address)
        {
            return ((address >> 24) & 0xFF).ToString() + "." + ((address >> 16) & 0xFF).ToString() + "." + ((address >> 8) & 0xFF).ToString() + "." + (address & 0xFF).ToString();
        }

        /// <summary>True when <paramref name="address"/> is a dotted quad inside the block (network and broadcast included).</summary>
        public bool Contains(string address)
        {
            uint value;
            return TryParseAddress(address, out value) && (value & _mask) == _network;
        }

        /// <summary>Every host address of the block (without network and broadcast address), in order.</summary>
        public string[] Hosts()
        {
            uint size = ~_mask + 1;
            string[] hosts = new string[(int)size - 2];
            for (uint i = 1; i < size - 1; i++) hosts[i - 1] = Format(_network + i);
            return hosts;
        }

        public override string ToString()
        {
            return Format(_network) + "/" + PrefixLength.ToString();
        }
    }
}
