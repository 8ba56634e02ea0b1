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
            bool canonical = true;
            for (int i = 0; i <= t.Length; i++)
            {
                if (i == t.Length || t[i] == '.')
                {
                    if (digits == 0 || value > 255) return null;
                    part++;
                    value = 0;
                    digits = 0;
                    continue;
                }
                char c = t[i];
                if (c < '0' || c > '9' || digits == 3) return null;
                // A leading zero ("010") is the only thing the canonical form drops.
                if (digits == 1 && value == 0) canonical = false;
                value = value * 10 + (c - '0');
                digits++;
            }
            if (part != 4) return null;
            return canonical ? t : WithoutLeadingZeros(t);
        }

        /// <summary>A valid dotted quad with each part's leading zeros dropped ("010" to "10", "000" to "0").</summary>
        private static string WithoutLeadingZeros(string t)
        {
            char[] chars = new char[t.Length];
            int n = 0;
            int i = 0;
            while (i < t.Length)
            {
                int end = i;
                while (end < t.Length && t[end] != '.') end++;
                int first = i;
                while (first < end - 1 && t[first] == '0') first++;
                if (n > 0) chars[n++] = '.';
                for (int k = first; k < end; k++) chars[n++] = t[k];
                i = end + 1;
            }
            return new string(chars, 0, n);
        }
    }
}
