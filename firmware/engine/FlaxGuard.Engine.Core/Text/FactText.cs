using System.Text;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Turns text taken from a device into something safe to store, print and compare: control characters
    /// become spaces, runs of white space collapse to one, ends are trimmed, and the length is capped.
    /// Hostile devices control these bytes, so nothing they send reaches a terminal or log raw.
    /// </summary>
    public static class FactText
    {
        public const int MaxValueLength = 512;

        public static string Clean(string raw, int maxLength)
        {
            if (raw == null) return string.Empty;
            // Most device text is already clean: hand it back instead of copying it through a builder.
            if (IsAlreadyClean(raw, maxLength)) return raw;
            StringBuilder sb = new StringBuilder(raw.Length < maxLength ? raw.Length : maxLength);
            bool pendingSpace = false;
            for (int i = 0; i < raw.Length && sb.Length < maxLength; i++)
            {
                char c = raw[i];
                bool blank = c <= ' ' || (c >= (char)0x7F && c <= (char)0x9F) || c == (char)0x2028 || c == (char)0x2029 || c == (char)0xFEFF;
                if (blank)
                {
                    pendingSpace = sb.Length > 0;
                    continue;
                }
                if (pendingSpace)
                {
                    sb.Append(' ');
                    pendingSpace = false;
                    if (sb.Length >= maxLength) break;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>A character <see cref="Clean"/> turns into (at most) one space between words.</summary>
        public static bool IsBlank(char c)
        {
            return c <= ' ' || (c >= (char)0x7F && c <= (char)0x9F) || c == (char)0x2028 || c == (char)0x2029 || c == (char)0xFEFF;
        }

        /// <summary>True when <see cref="Clean"/> would return the same characters: within the cap, no blank but single inner spaces.</summary>
        private static bool IsAlreadyClean(string raw, int maxLength)
        {
            int n = raw.Length;
            if (n > maxLength) return false;
            for (int i = 0; i < n; i++)
            {
                char c = raw[i];
                if (!IsBlank(c)) continue;
                if (c != ' ' || i == 0 || i == n - 1 || IsBlank(raw[i - 1])) return false;
            }
            return true;
        }

        /// <summary>
        /// Makes a fact-key segment from device text (a path, a user name): printable ASCII except '=' and
        /// white space is kept, everything else becomes '%XX' of its UTF-8 bytes, so distinct inputs stay distinct.
        /// </summary>
        public static string KeySegment(string raw, int maxLength)
        {
            if (raw == null) return string.Empty;
            // Most segments (addresses, host and user names) need no escaping and fit: hand them back as they are.
            if (IsPlainSegment(raw, maxLength)) return raw;
            StringBuilder sb = new StringBuilder();
            byte[] one = new byte[4];
            for (int i = 0; i < raw.Length && sb.Length < maxLength; i++)
            {
                char c = raw[i];
                if (c > ' ' && c < (char)0x7F && c != '=' && c != '%')
                {
                    sb.Append(c);
                    continue;
                }
                string piece = raw.Substring(i, (c >= 0xD800 && c <= 0xDBFF && i + 1 < raw.Length) ? 2 : 1);
                int index = 0;
                int n = Utf8.Encode(piece, ref index, one, 0, one.Length);
                for (int k = 0; k < n; k++)
                {
                    sb.Append('%');
                    sb.Append(Hex.Encode(one, k, 1).ToUpper());
                }
                i += piece.Length - 1;
            }
            return sb.ToString();
        }

        /// <summary>True when <see cref="KeySegment"/> would keep every character: within the cap, printable ASCII without '=' and '%'.</summary>
        private static bool IsPlainSegment(string raw, int maxLength)
        {
            if (raw.Length > maxLength) return false;
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c <= ' ' || c >= (char)0x7F || c == '=' || c == '%') return false;
            }
            return true;
        }
    }
}
