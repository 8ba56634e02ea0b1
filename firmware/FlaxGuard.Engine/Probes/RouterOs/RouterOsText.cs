using System;
using System.Text;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Normalises RouterOS REST values so that only real changes become drift: booleans in either spelling RouterOS
    /// uses (true/false, yes/no), comma lists in any order, spacing and case, versions without the channel suffix,
    /// and script text whose digest ignores re-flowed white space.
    /// </summary>
    public static class RouterOsText
    {
        /// <summary>A boolean that is neither spelling (the caller refuses the answer).</summary>
        public const int NotABoolean = -1;

        /// <summary>1 for "true"/"yes", 0 for "false"/"no" (any case, trimmed), <see cref="NotABoolean"/> otherwise.</summary>
        public static int Flag(string raw)
        {
            if (raw == null) return NotABoolean;
            string v = Ordinal.ToLowerAscii(raw.Trim());
            if (v == "true" || v == "yes") return 1;
            if (v == "false" || v == "no") return 0;
            return NotABoolean;
        }

        /// <summary>
        /// "7.14.3 (stable)" gives "7.14.3" and channel "stable"; a version without a channel gives a null channel.
        /// Returns null when nothing version-like is there.
        /// </summary>
        public static string SplitVersion(string raw, out string channel)
        {
            channel = null;
            if (raw == null) return null;
            string text = FactText.Clean(raw, 80);
            int open = text.IndexOf('(');
            string version = open >= 0 ? text.Substring(0, open).Trim() : text;
            if (open >= 0)
            {
                int close = text.IndexOf(')', open);
                if (close > open + 1) channel = Ordinal.ToLowerAscii(text.Substring(open + 1, close - open - 1).Trim());
                if (channel != null && channel.Length == 0) channel = null;
            }
            if (version.Length == 0 || version[0] < '0' || version[0] > '9') return null;
            for (int i = 0; i < version.Length; i++)
            {
                if (version[i] == ' ') return null;
            }
            return version;
        }

        /// <summary>A comma list (address lists, DNS servers) trimmed, lower-cased, without empties or repeats, in ordinal order.</summary>
        public static string[] NormalizeList(string raw)
        {
            if (raw == null) return new string[0];
            string[] parts = raw.Split(',');
            string[] kept = new string[parts.Length];
            int n = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                string item = Ordinal.ToLowerAscii(FactText.Clean(parts[i], 128));
                if (item.Length == 0) continue;
                int at = 0;
                while (at < n && Ordinal.Compare(kept[at], item) < 0) at++;
                if (at < n && kept[at] == item) continue;
                for (int k = n; k > at; k--) kept[k] = kept[k - 1];
                kept[at] = item;
                n++;
            }
            string[] result = new string[n];
            Array.Copy(kept, 0, result, 0, n);
            return result;
        }

        public static string JoinList(string[] items)
        {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < items.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(items[i]);
            }
            return sb.ToString();
        }

        /// <summary>
        /// First 16 hex digits of the SHA-256 of script text with white space runs collapsed and the ends trimmed: the
        /// console and Winbox store the same script with \r\n or \n and trailing blanks, which is not a change.
        /// </summary>
        public static string ScriptDigest(string text)
        {
            byte[] hash = Sha256.Hash(Utf8.GetBytes(CollapseBlanks(text)));
            return Hex.Encode(hash, 0, 8);
        }

        /// <summary>White space runs (including line breaks) as one space, ends trimmed; no length cap.</summary>
        public static string CollapseBlanks(string text)
        {
            if (text == null) return string.Empty;
            StringBuilder sb = new StringBuilder(text.Length);
            bool pending = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
                {
                    pending = sb.Length > 0;
                    continue;
                }
                if (pending)
                {
                    sb.Append(' ');
                    pending = false;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>
        /// The host a script downloads from when it fetches something: the host of the first http:// or https:// URL,
        /// "unknown" when it calls /tool fetch with a URL put together at run time, null when it fetches nothing.
        /// </summary>
        public static string FetchHost(string script)
        {
            if (script == null) return null;
            string lower = Ordinal.ToLowerAscii(CollapseBlanks(script));
            int url = Find(lower, "http://", 0);
            int secure = Find(lower, "https://", 0);
            if (url < 0 || (secure >= 0 && secure < url)) url = secure;
            if (url >= 0)
            {
                string host = UrlHost(lower, lower.IndexOf(':', url) + 3);
                return host.Length == 0 ? "unknown" : host;
            }
            if (Find(lower, "tool fetch", 0) >= 0 || Find(lower, "tool/fetch", 0) >= 0) return "unknown";
            return null;
        }

        /// <summary>True when scheduler text runs the named script: it is the name alone, or a "script run NAME" command.</summary>
        public static bool RunsScript(string onEvent, string scriptName)
        {
            if (onEvent == null || scriptName == null || scriptName.Length == 0) return false;
            string text = CollapseBlanks(onEvent);
            if (text == scriptName || text == "\"" + scriptName + "\"") return true;
            string[] forms = new string[] { "script run " + scriptName, "script/run " + scriptName, "script run \"" + scriptName + "\"", "script/run \"" + scriptName + "\"", "script run number=" + scriptName, "script/run number=" + scriptName };
            for (int f = 0; f < forms.Length; f++)
            {
                int at = 0;
                while ((at = Find(text, forms[f], at)) >= 0)
                {
                    int end = at + forms[f].Length;
                    if (end == text.Length || IsCommandEnd(text[end])) return true;
                    at = end;
                }
            }
            return false;
        }

        /// <summary>Ordinal substring search (string.IndexOf(string) follows the current culture on .NET).</summary>
        public static int Find(string text, string part, int from)
        {
            if (text == null || part == null || part.Length == 0) return -1;
            for (int i = from; i <= text.Length - part.Length; i++)
            {
                int k = 0;
                while (k < part.Length && text[i + k] == part[k]) k++;
                if (k == part.Length) return i;
            }
            return -1;
        }

        private static bool IsCommandEnd(char c)
        {
            return c == ' ' || c == ';' || c == ']' || c == '}' || c == ')' || c == '"';
        }

        private static string UrlHost(string text, int start)
        {
            bool bracketed = start < text.Length && text[start] == '[';
            int end = start;
            while (end < text.Length && !EndsAuthority(text[end], bracketed))
            {
                if (bracketed && text[end] == ']')
                {
                    end++;
                    break;
                }
                end++;
            }
            string authority = text.Substring(start, end - start);
            int at = authority.LastIndexOf('@');
            if (at >= 0) authority = authority.Substring(at + 1);
            if (!bracketed)
            {
                int colon = authority.IndexOf(':');
                if (colon >= 0) authority = authority.Substring(0, colon);
            }
            return FactText.KeySegment(authority, 100);
        }

        private static bool EndsAuthority(char c, bool bracketed)
        {
            if (c == ']') return !bracketed;
            return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == ' ' || c == ';' || c == '\\' || c == '$' || c == '}' || c == ')' || c < ' ';
        }
    }
}
