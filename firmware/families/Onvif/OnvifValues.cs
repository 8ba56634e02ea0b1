namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Strict readers for the XML Schema types ONVIF answers carry (xs:boolean, xs:int, addresses, host
    /// names). XML Schema collapses white space around these, so surrounding white space is accepted;
    /// anything else of the wrong type is refused with null / false, never guessed at.
    /// </summary>
    public static class OnvifValues
    {
        /// <summary>xs:boolean: "true", "false", "1" or "0" (with surrounding white space). False when it is none of them.</summary>
        public static bool TryParseBoolean(string text, out bool value)
        {
            value = false;
            if (text == null) return false;
            string t = text.Trim();
            if (t == "true" || t == "1") { value = true; return true; }
            return t == "false" || t == "0";
        }

        /// <summary>A non-negative decimal integer up to <paramref name="max"/>, or -1.</summary>
        public static int ParseNumber(string text, int max)
        {
            if (text == null) return -1;
            string t = text.Trim();
            if (t.Length == 0 || t.Length > 10) return -1;
            long value = 0;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value > max ? -1 : (int)value;
        }

        /// <summary>A dotted-quad IPv4 address, or an IPv6 address in hex-and-colons form (lower-cased), or null.</summary>
        public static string NormalizeAddress(string text)
        {
            if (text == null) return null;
            string t = text.Trim();
            if (IsIpv4(t)) return t;
            return IsIpv6(t) ? FlaxGuard.Engine.Text.Ordinal.ToLowerAscii(t) : null;
        }

        /// <summary>A DNS host name (letters, digits, '-', '.', at most 253 characters), lower-cased, or null.</summary>
        public static string NormalizeHostName(string text)
        {
            if (text == null) return null;
            string t = text.Trim();
            if (t.Length == 0 || t.Length > 253 || t[0] == '.' || t[0] == '-') return null;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
                if (!ok) return null;
            }
            return FlaxGuard.Engine.Text.Ordinal.ToLowerAscii(t);
        }

        private static bool IsIpv4(string t)
        {
            int parts = 0;
            int digits = 0;
            int value = 0;
            for (int i = 0; i <= t.Length; i++)
            {
                if (i == t.Length || t[i] == '.')
                {
                    if (digits == 0 || value > 255) return false;
                    parts++;
                    digits = 0;
                    value = 0;
                    continue;
                }
                char c = t[i];
                if (c < '0' || c > '9' || digits == 3) return false;
                value = value * 10 + (c - '0');
                digits++;
            }
            return parts == 4;
        }

        private static bool IsIpv6(string t)
        {
            if (t.Length < 2 || t.Length > 45) return false;
            int colons = 0;
            int run = 0;
            bool doubleColon = false;
            for (int i = 0; i < t.Length; i++)
            {
                char c = t[i];
                if (c == ':')
                {
                    colons++;
                    if (i > 0 && t[i - 1] == ':')
                    {
                        if (doubleColon) return false;
                        doubleColon = true;
                    }
                    run = 0;
                    continue;
                }
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex || ++run > 4) return false;
            }
            if (colons < 2 || colons > 7) return false;
            return doubleColon || colons == 7;
        }
    }
}
