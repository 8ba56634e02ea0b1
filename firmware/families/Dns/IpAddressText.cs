using System.Text;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// Text forms of addresses from A and AAAA records: dotted quad, and IPv6 as RFC 5952 recommends
    /// (lower-case hex, no leading zeros, the longest run of two or more zero groups, first one on a tie, as "::"),
    /// which is what inet_ntop, dig and .NET print, so facts compare equal across tools.
    /// </summary>
    public static class IpAddressText
    {
        private const string HexDigits = "0123456789abcdef";

        public static string FormatIPv4(byte[] data, int offset)
        {
            return data[offset].ToString() + "." + data[offset + 1].ToString() + "." + data[offset + 2].ToString() + "." + data[offset + 3].ToString();
        }

        public static string FormatIPv6(byte[] data, int offset)
        {
            int[] groups = new int[8];
            for (int i = 0; i < 8; i++) groups[i] = (data[offset + 2 * i] << 8) | data[offset + 2 * i + 1];
            int bestStart = -1, bestLength = 0;
            for (int i = 0; i < 8;)
            {
                if (groups[i] != 0) { i++; continue; }
                int start = i;
                while (i < 8 && groups[i] == 0) i++;
                if (i - start > bestLength) { bestStart = start; bestLength = i - start; }
            }
            if (bestLength < 2) bestStart = -1;
            StringBuilder sb = new StringBuilder(39);
            for (int i = 0; i < 8; i++)
            {
                if (i == bestStart)
                {
                    sb.Append("::");
                    i += bestLength - 1;
                    continue;
                }
                if (sb.Length > 0 && sb[sb.Length - 1] != ':') sb.Append(':');
                AppendHex(sb, groups[i]);
            }
            return sb.ToString();
        }

        private static void AppendHex(StringBuilder sb, int value)
        {
            bool started = false;
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                int nibble = (value >> shift) & 0xF;
                if (nibble == 0 && !started && shift > 0) continue;
                started = true;
                sb.Append(HexDigits[nibble]);
            }
        }
    }
}
