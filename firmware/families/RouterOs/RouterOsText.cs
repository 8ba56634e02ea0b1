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
            int parts = 1;
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] == ',') parts++;
            }
            string[] kept = new string[parts];
            int n = 0;
            int start = 0;
            for (int end = 0; end <= raw.Length; end++)
            {
                if (end < raw.Length && raw[end] != ',') continue;
                int from = start;
                start = end + 1;
                // A part of nothing but blanks cleans to nothing: skip it before copying it out.
                int last = end;
                while (from < last && raw[from] == ' ') from++;
                if (from == last) continue;
                string item = Ordinal.ToLowerAscii(FactText.Clean(from == 0 && end == raw.Length ? raw : raw.Substring(from, end - from), 128));
                if (item.Length == 0) continue;
                int at = 0;
                while (at < n && Ordinal.Compare(kept[at], item) < 0) at++;
                if (at < n && kept[at] == item) continue;
                for (int k = n; k > at; k--) kept[k] = kept[k - 1];
                kept[at] = item;
                n++;
            }
            if (n == kept.Length) return kept;
            string[] result = new string[n];
            Array.Copy(kept, 0, result, 0, n);
            return result;
        }

        /// <summary>
        /// What <c>JoinList(NormalizeList(raw))</c> returns, without the list and the joined copy for the usual value
        /// of one item (no comma): then it is that item, trimmed of leading blanks, cleaned and lower-cased.
        /// </summary>
        public static string NormalizedListText(string raw)
        {
            if (raw == null) return string.Empty;
            if (raw.IndexOf(',') >= 0) return JoinList(NormalizeList(raw));
            int from = 0;
            while (from < raw.Length && raw[from] == ' ') from++;
            if (from == raw.Length) return string.Empty;
            return Ordinal.ToLowerAscii(FactText.Clean(from == 0 ? raw : raw.Substring(from), 128));
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

        /// <summary>Appends what <see cref="JoinList"/> returns.</summary>
        public static void AppendList(TextBuilder text, string[] items)
        {
            for (int i = 0; i < items.Length; i++)
            {
                if (i > 0) text.Append(',');
                text.Append(items[i]);
            }
        }

        /// <summary>
        /// First 16 hex digits of the SHA-256 of script text with white space runs collapsed and the ends trimmed: the
        /// console and Winbox store the same script with \r\n or \n and trailing blanks, which is not a change.
        /// </summary>
        public static string ScriptDigest(string text)
        {
            return new TextDigest().Hex16(CollapseBlanks(text));
        }

        /// <summary>White space runs (including line breaks) as one space, ends trimmed; no length cap.</summary>
        public static string CollapseBlanks(string text)
        {
            if (text == null) return string.Empty;
            if (IsCollapsed(text)) return text;
            StringBuilder sb = new StringBuilder(text.Length);
            bool pending = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (IsBlank(c))
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
        /// "unknown" when it calls /tool fetch with a URL put together at run time, "import:FILE" when it runs a file
        /// with /import (the caller reads that file), null when it does neither. String pieces joined with '.'
        /// ("ht"."tp://") are joined first, so splitting a URL or a command into pieces, or keeping it in a variable
        /// (:local u "ht"."tp://..."; /tool fetch url=$u), does not hide it.
        /// </summary>
        public static string FetchHost(string script)
        {
            if (script == null) return null;
            return FetchHostOfCollapsed(CollapseBlanks(script));
        }

        /// <summary><see cref="FetchHost"/> of text that is already <see cref="CollapseBlanks"/>'d.</summary>
        public static string FetchHostOfCollapsed(string collapsed)
        {
            string text = JoinLiterals(collapsed);
            // Searched ignoring ASCII case instead of on a lower-cased copy; the host is lower-cased when taken out.
            int url = FindIgnoreCase(text, "http://");
            int secure = FindIgnoreCase(text, "https://");
            if (url < 0 || (secure >= 0 && secure < url)) url = secure;
            if (url >= 0)
            {
                string host = UrlHost(text, text.IndexOf(':', url) + 3);
                return host.Length == 0 ? "unknown" : host;
            }
            int fetch = FindFetchWord(text);
            if (fetch >= 0 && FindIgnoreCase(text, "tool") >= 0)
            {
                // FTP and SFTP fetches name the server with address= instead of a URL.
                int address = FindIgnoreCase(text, "address=");
                if (address > fetch)
                {
                    string server = UrlHost(text, address + 8 + (address + 8 < text.Length && text[address + 8] == '"' ? 1 : 0));
                    if (server.Length > 0) return server;
                }
                return "unknown";
            }
            string file = ImportedFile(text);
            return file == null ? null : "import:" + file;
        }

        /// <summary>
        /// The file of the first /import command ("/import x.rsc", "/import file-name=x.rsc", "import file=x.rsc"), or
        /// null. Imported files run like scripts but live in /file, where a script's text does not show them.
        /// </summary>
        public static string ImportedFile(string text)
        {
            int at = 0;
            while ((at = FindIgnoreCaseFrom(text, "import ", at)) >= 0)
            {
                bool command = at == 0 || text[at - 1] == '/' || text[at - 1] == ' ' || text[at - 1] == '[' || text[at - 1] == ';' || text[at - 1] == '{';
                int p = at + 7;
                at = p;
                if (!command) continue;
                while (p < text.Length)
                {
                    int end = p;
                    bool quoted = text[p] == '"';
                    if (quoted) end = text.IndexOf('"', p + 1);
                    else
                    {
                        while (end < text.Length && text[end] != ' ' && text[end] != ';' && text[end] != ']' && text[end] != '}') end++;
                    }
                    if (end < 0) end = text.Length;
                    string word = quoted ? text.Substring(p + 1, end - p - 1) : text.Substring(p, end - p);
                    int equals = word.IndexOf('=');
                    string name = word;
                    if (equals >= 0)
                    {
                        string argument = Ordinal.ToLowerAscii(word.Substring(0, equals));
                        name = argument == "file-name" || argument == "file" ? word.Substring(equals + 1) : null;
                    }
                    if (name != null)
                    {
                        if (name.Length > 1 && name[0] == '"') name = name.Substring(1, name[name.Length - 1] == '"' ? name.Length - 2 : name.Length - 1);
                        string clean = FactText.Clean(name, 100);
                        if (clean.Length > 0) return clean;
                    }
                    p = end + (quoted ? 1 : 0);
                    if (p >= text.Length || text[p] != ' ') break;
                    p++;
                }
            }
            return null;
        }

        /// <summary>Text with every '"' '.' '"' join of two string pieces (blanks allowed around the dot) taken out.</summary>
        public static string JoinLiterals(string text)
        {
            if (text == null) return string.Empty;
            if (text.IndexOf('"') < 0) return text;
            StringBuilder sb = null;
            int copied = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '"') continue;
                int k = i + 1;
                while (k < text.Length && text[k] == ' ') k++;
                if (k >= text.Length || text[k] != '.') continue;
                k++;
                while (k < text.Length && text[k] == ' ') k++;
                if (k >= text.Length || text[k] != '"') continue;
                if (sb == null) sb = new StringBuilder(text.Length);
                sb.Append(text, copied, i - copied);
                copied = k + 1;
                i = k;
            }
            if (sb == null) return text;
            sb.Append(text, copied, text.Length - copied);
            return sb.ToString();
        }

        /// <summary>A REST query value: unreserved characters as they are, every other UTF-8 byte as %XX.</summary>
        public static string QueryValue(string value)
        {
            byte[] bytes = Utf8.GetBytes(value);
            StringBuilder sb = new StringBuilder(bytes.Length * 3);
            for (int i = 0; i < bytes.Length; i++)
            {
                int b = bytes[i];
                bool plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
                if (plain) sb.Append((char)b);
                else sb.Append('%').Append(Hex.Encode(bytes, i, 1).ToUpper());
            }
            return sb.ToString();
        }

        /// <summary>True when scheduler text runs the named script: it is the name alone, or a "script run NAME" command.</summary>
        public static bool RunsScript(string onEvent, string scriptName)
        {
            if (onEvent == null) return false;
            return RunsScriptCollapsed(CollapseBlanks(onEvent), scriptName);
        }

        /// <summary><see cref="RunsScript"/> of scheduler text that is already <see cref="CollapseBlanks"/>'d; allocates nothing.</summary>
        public static bool RunsScriptCollapsed(string text, string scriptName)
        {
            if (text == null || scriptName == null || scriptName.Length == 0) return false;
            if (text == scriptName) return true;
            if (text.Length == scriptName.Length + 2 && text[0] == '"' && text[text.Length - 1] == '"' && MatchesAt(text, 1, scriptName)) return true;
            // The forms "script run NAME", "script run \"NAME\"" and "script run number=NAME", with a space or a slash.
            for (int f = 0; f < 6; f++)
            {
                string command = f % 2 == 0 ? "script run " : "script/run ";
                string before = f < 2 ? null : f < 4 ? "\"" : "number=";
                string after = f >= 2 && f < 4 ? "\"" : null;
                int length = command.Length + (before == null ? 0 : before.Length) + scriptName.Length + (after == null ? 0 : after.Length);
                int at = 0;
                while ((at = FindForm(text, command, before, scriptName, after, at)) >= 0)
                {
                    int end = at + length;
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

        /// <summary><see cref="Find"/> for a lower-case <paramref name="part"/>, ignoring ASCII case in the text.</summary>
        private static int FindIgnoreCase(string text, string part)
        {
            return FindIgnoreCaseFrom(text, part, 0);
        }

        // The first "fetch" not followed by a letter, digit or '-' (the command, also as "/tool/fe"."tch" joined), or -1.
        private static int FindFetchWord(string text)
        {
            int at = 0;
            while ((at = FindIgnoreCaseFrom(text, "fetch", at)) >= 0)
            {
                int end = at + 5;
                if (end == text.Length) return at;
                char c = Ordinal.LowerAscii(text[end]);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return at;
                at = end;
            }
            return -1;
        }

        private static int FindIgnoreCaseFrom(string text, string part, int from)
        {
            for (int i = from; i <= text.Length - part.Length; i++)
            {
                int k = 0;
                while (k < part.Length && Ordinal.LowerAscii(text[i + k]) == part[k]) k++;
                if (k == part.Length) return i;
            }
            return -1;
        }

        // Where the concatenation command + before + name + after first occurs at or after from, without building it.
        private static int FindForm(string text, string command, string before, string name, string after, int from)
        {
            for (int i = from; i < text.Length; i++)
            {
                int at = i;
                if (!MatchesAt(text, at, command)) continue;
                at += command.Length;
                if (before != null)
                {
                    if (!MatchesAt(text, at, before)) continue;
                    at += before.Length;
                }
                if (!MatchesAt(text, at, name)) continue;
                at += name.Length;
                if (after != null && !MatchesAt(text, at, after)) continue;
                return i;
            }
            return -1;
        }

        private static bool MatchesAt(string text, int at, string part)
        {
            if (at + part.Length > text.Length) return false;
            for (int k = 0; k < part.Length; k++)
            {
                if (text[at + k] != part[k]) return false;
            }
            return true;
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
        }

        // Already what CollapseBlanks makes of it: no blank at either end, only single spaces inside.
        private static bool IsCollapsed(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (!IsBlank(c)) continue;
                if (c != ' ' || i == 0 || i == text.Length - 1 || text[i - 1] == ' ') return false;
            }
            return true;
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
            return FactText.KeySegment(Ordinal.ToLowerAscii(authority), 100);
        }

        private static bool EndsAuthority(char c, bool bracketed)
        {
            if (c == ']') return !bracketed;
            return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == ' ' || c == ';' || c == '\\' || c == '$' || c == '}' || c == ')' || c < ' ';
        }
    }
}
