using System;

namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// Culture-free string comparison. .NET's string.Compare and StartsWith(string) follow the current
    /// culture and nanoFramework has no StringComparison, so canonical ordering is done here by UTF-16 code unit.
    /// </summary>
    public static class Ordinal
    {
        public static int Compare(string a, string b)
        {
            if (ReferenceEquals(a, b)) return 0;
            if (a == null) return -1;
            if (b == null) return 1;
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                int d = a[i] - b[i];
                if (d != 0) return d;
            }
            return a.Length - b.Length;
        }

        public static bool StartsWith(string text, string prefix)
        {
            if (text == null || prefix == null || prefix.Length > text.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (text[i] != prefix[i]) return false;
            }
            return true;
        }

        public static bool EndsWith(string text, string suffix)
        {
            if (text == null || suffix == null || suffix.Length > text.Length) return false;
            int start = text.Length - suffix.Length;
            for (int i = 0; i < suffix.Length; i++)
            {
                if (text[start + i] != suffix[i]) return false;
            }
            return true;
        }

        /// <summary>ASCII-only case folding: protocol tokens are ASCII, and culture rules must not apply.</summary>
        public static char LowerAscii(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        public static bool EqualsIgnoreAsciiCase(string a, string b)
        {
            if (a == null || b == null) return a == b;
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
            }
            return true;
        }

        public static string ToLowerAscii(string text)
        {
            if (text == null) return null;
            char[] chars = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z')
                {
                    if (chars == null) chars = text.ToCharArray();
                    chars[i] = (char)(c + 32);
                }
            }
            return chars == null ? text : new string(chars);
        }

        /// <summary>Glob match where '*' stands for any run of characters (including none) and every other character is literal.</summary>
        public static bool GlobMatch(string pattern, string text)
        {
            if (pattern == null || text == null) return false;
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (p < pattern.Length && pattern[p] == text[t])
                {
                    p++;
                    t++;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    t = ++starT;
                }
                else
                {
                    return false;
                }
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }
    }
}
