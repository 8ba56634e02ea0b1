using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Reads the media type of a Content-Type header in place, without cutting or lower-casing a copy of it: the
    /// part before any ';', with the white space string.Trim removes, compared ignoring ASCII case.
    /// </summary>
    public static class MediaType
    {
        /// <summary>
        /// True when the media type of <paramref name="contentType"/> is <paramref name="expected"/> (given in
        /// lower case, e.g. "text/xml"); parameters such as charset are ignored. False for null.
        /// </summary>
        public static bool Is(string contentType, string expected)
        {
            if (expected == null) throw new ArgumentNullException("expected");
            if (contentType == null) return false;
            int end = contentType.IndexOf(';');
            if (end < 0) end = contentType.Length;
            int start = 0;
            while (start < end && IsWhiteSpace(contentType[start])) start++;
            while (end > start && IsWhiteSpace(contentType[end - 1])) end--;
            if (end - start != expected.Length) return false;
            for (int i = 0; i < expected.Length; i++)
            {
                if (Ordinal.LowerAscii(contentType[start + i]) != expected[i]) return false;
            }
            return true;
        }

        /// <summary>
        /// True when the whole header, white space trimmed and lower-cased (ASCII), starts with <paramref name="expected"/>
        /// (given in lower case): what ubus's uhttpd check did with Trim and ToLowerAscii copies. False for null.
        /// </summary>
        public static bool StartsWith(string contentType, string expected)
        {
            if (expected == null) throw new ArgumentNullException("expected");
            if (contentType == null) return false;
            int start = 0;
            while (start < contentType.Length && IsWhiteSpace(contentType[start])) start++;
            // Trailing white space cannot be part of a match of a prefix without white space.
            if (contentType.Length - start < expected.Length) return false;
            for (int i = 0; i < expected.Length; i++)
            {
                if (Ordinal.LowerAscii(contentType[start + i]) != expected[i]) return false;
            }
            return true;
        }

        /// <summary>The characters .NET's char.IsWhiteSpace (and so string.Trim) treats as white space.</summary>
        public static bool IsWhiteSpace(char c)
        {
            if (c <= ' ') return c == ' ' || (c >= '\t' && c <= '\r');
            if (c < 0x85) return false;
            return c == (char)0x85 || c == (char)0xA0 || c == (char)0x1680 || (c >= (char)0x2000 && c <= (char)0x200A)
                || c == (char)0x2028 || c == (char)0x2029 || c == (char)0x202F || c == (char)0x205F || c == (char)0x3000;
        }
    }
}
