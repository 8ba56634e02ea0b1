using System.Collections;
using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>Normalising helpers for uci values, so the same setting written differently gives the same fact.</summary>
    public static class UciText
    {
        /// <summary>How many white-space separated words the text holds.</summary>
        public static int CountWords(string text)
        {
            if (text == null) return 0;
            int count = 0;
            bool inWord = false;
            for (int i = 0; i < text.Length; i++)
            {
                bool blank = text[i] <= ' ';
                if (!blank && !inWord) count++;
                inWord = !blank;
            }
            return count;
        }

        /// <summary>Stores the white-space separated words of the text into words[at...], moving at past them; a text that is one whole word is stored as it is.</summary>
        public static void CopyWords(string text, string[] words, ref int at)
        {
            if (text == null) return;
            int start = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                bool blank = i == text.Length || text[i] <= ' ';
                if (!blank && start < 0) start = i;
                else if (blank && start >= 0)
                {
                    words[at++] = start == 0 && i == text.Length ? text : text.Substring(start, i - start);
                    start = -1;
                }
            }
        }

        /// <summary>
        /// A uci boolean as OpenWrt's config_get_bool reads it (1/on/true/yes/enabled, 0/off/false/no/disabled,
        /// any case, surrounding blanks ignored); <paramref name="fallback"/> for anything else.
        /// </summary>
        public static bool ParseBool(string value, bool fallback)
        {
            if (value == null) return fallback;
            string v = Ordinal.ToLowerAscii(value.Trim());
            if (v == "1" || v == "on" || v == "true" || v == "yes" || v == "enabled") return true;
            if (v == "0" || v == "off" || v == "false" || v == "no" || v == "disabled") return false;
            return fallback;
        }

        /// <summary>Trimmed and lower-cased (ASCII): addresses, protocol names, policies.</summary>
        public static string Lower(string value)
        {
            return value == null ? null : Ordinal.ToLowerAscii(value.Trim());
        }

        /// <summary>A TCP/UDP port 1..65535, or -1.</summary>
        public static int ParsePort(string text)
        {
            if (text == null) return -1;
            return ParsePort(text, 0, text.Length);
        }

        /// <summary><see cref="ParsePort(string)"/> of text[start, end), read in place.</summary>
        /// <summary>A plain decimal number of up to 9 digits (a uid, a pid), or -1.</summary>
        public static int ParseNumber(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 9) return -1;
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n;
        }

        public static int ParsePort(string text, int start, int end)
        {
            while (start < end && MediaType.IsWhiteSpace(text[start])) start++;
            while (end > start && MediaType.IsWhiteSpace(text[end - 1])) end--;
            if (end == start || end - start > 5) return -1;
            int n = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n >= 1 && n <= 65535 ? n : -1;
        }

        /// <summary>
        /// Whether a port spec of fw4 ("22", "1000-2000", "1000:2000", or several of those separated by blanks)
        /// covers <paramref name="port"/>. A malformed spec covers nothing.
        /// </summary>
        public static bool PortSpecCovers(string[] specs, int port)
        {
            for (int i = 0; i < specs.Length; i++)
            {
                string spec = specs[i];
                if (spec.Length > 0 && spec[0] == '!') continue;
                int dash = spec.IndexOf('-');
                if (dash < 0) dash = spec.IndexOf(':');
                if (dash < 0)
                {
                    if (ParsePort(spec) == port) return true;
                    continue;
                }
                int low = ParsePort(spec.Substring(0, dash));
                int high = ParsePort(spec.Substring(dash + 1));
                if (low > 0 && high >= low && port >= low && port <= high) return true;
            }
            return false;
        }

        /// <summary>A port spec as a key segment: ranges written with '-', blanks removed.</summary>
        public static string PortKey(string spec)
        {
            string s = spec.Trim();
            bool plain = true;
            for (int i = 0; i < s.Length && plain; i++) plain = s[i] > ' ' && s[i] != ':';
            if (plain) return s;
            StringBuilder sb = new StringBuilder(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c <= ' ') continue;
                sb.Append(c == ':' ? '-' : c);
            }
            return sb.ToString();
        }

        /// <summary>The strings sorted ordinally, duplicates dropped, joined with <paramref name="separator"/>.</summary>
        public static string SortedJoin(ArrayList items, string separator)
        {
            string[] sorted = SortedDistinct(items);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i > 0) sb.Append(separator);
                sb.Append(sorted[i]);
            }
            return sb.ToString();
        }

        /// <summary>Insertion sort (the lists are short) with duplicates removed; nanoFramework has no Array.Sort.</summary>
        public static string[] SortedDistinct(ArrayList items)
        {
            ArrayList sorted = new ArrayList();
            for (int i = 0; i < items.Count; i++)
            {
                string item = (string)items[i];
                int at = 0;
                bool duplicate = false;
                while (at < sorted.Count)
                {
                    int order = Ordinal.Compare((string)sorted[at], item);
                    if (order == 0)
                    {
                        duplicate = true;
                        break;
                    }
                    if (order > 0) break;
                    at++;
                }
                if (!duplicate) sorted.Insert(at, item);
            }
            string[] result = new string[sorted.Count];
            sorted.CopyTo(result);
            return result;
        }
    }
}
