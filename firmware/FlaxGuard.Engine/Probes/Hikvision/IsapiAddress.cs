using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>Addresses and host names from ISAPI documents in one canonical form, so the same server always makes the same fact key.</summary>
    public static class IsapiAddress
    {
        /// <summary>
        /// A dotted-quad IPv4 address rewritten without leading zeros, or an IPv6 address (hex digits, ':' and an
        /// optional dotted tail) in lower case; "" for the unset forms (empty, 0.0.0.0, ::); null when it is neither.
        /// </summary>
        public static string Normalize(string text)
        {
            if (text == null) return null;
            string t = text.Trim();
            if (t.Length == 0) return string.Empty;
            if (t.IndexOf(':') < 0)
            {
                string v4 = NormalizeIPv4(t);
                if (v4 == "0.0.0.0") return string.Empty;
                return v4;
            }
            if (t.Length > 45) return null;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
                if (!ok) return null;
            }
            string lower = Ordinal.ToLowerAscii(t);
            return lower == "::" ? string.Empty : lower;
        }

        /// <summary>A host name for a key: lower case (DNS names are case-insensitive), letters, digits, '.', '-' and '_' only; null otherwise.</summary>
        public static string NormalizeHostName(string text)
        {
            if (text == null) return null;
            string t = text.Trim();
            if (t.Length == 0) return string.Empty;
            if (t.Length > 253) return null;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '_';
                if (!ok) return null;
            }
            return Ordinal.ToLowerAscii(t);
        }

        private static string NormalizeIPv4(string t)
        {
            int part = 0, value = 0, digits = 0;
            string result = string.Empty;
            for (int i = 0; i <= t.Length; i++)
            {
                if (i == t.Length || t[i] == '.')
                {
                    if (digits == 0 || value > 255) return null;
                    result = part == 0 ? value.ToString() : result + "." + value.ToString();
                    part++;
                    value = 0;
                    digits = 0;
                    continue;
                }
                char c = t[i];
                if (c < '0' || c > '9' || digits == 3) return null;
                value = value * 10 + (c - '0');
                digits++;
            }
            return part == 4 ? result : null;
        }
    }
}
