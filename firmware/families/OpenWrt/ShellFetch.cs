using System.Collections;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Finds downloads in shell text (cron lines, rc.local, firewall.user), the way Mirai-family droppers, VPNFilter
    /// stage 1 and the 2024 KV/Flax Typhoon botnets reinstall themselves: wget, curl, uclient-fetch, tftp, ftpget,
    /// nc/ncat/netcat/socat, also as "busybox wget", and a file run from a writable place (". /tmp/x.sh",
    /// "sh /tmp/x"). Sees through quoting and concatenation ("wg""et", 'cu'rl, w\get) and through variables
    /// assigned earlier in the same text (u=http://x; wget $u; c=wg; ${c}et ...). Bounded: at most
    /// <see cref="MaxVariables"/> variables and <see cref="MaxLineChars"/> characters per line after expansion.
    /// </summary>
    public sealed class ShellFetch
    {
        public const int MaxVariables = 32;
        public const int MaxLineChars = 4096;

        private static readonly string[] UrlTools = new string[] { "wget", "curl", "uclient-fetch", "wget-ssl", "tftp", "ftpget", "nc", "ncat", "netcat", "socat", "scp", "rsync" };
        private static readonly string[] Shells = new string[] { ".", "source", "sh", "ash", "bash" };
        private static readonly string[] Wrappers = new string[] { "busybox", "exec", "nohup", "env", "command", "timeout", "nice", "setsid", "eval", "then", "do", "else", "if", "while", "!", "{", "}" };
        private static readonly string[] WritablePlaces = new string[] { "/tmp/", "/var/", "/dev/shm/", "/mnt/", "/overlay/upper/tmp" };

        private readonly Hashtable _variables = new Hashtable();
        // One scratch buffer for every line's unquoted text: a script's lines cost their final strings only.
        private readonly TextBuilder _flat = new TextBuilder(64);

        /// <summary>What the first download found so far fetches from (a host, or "file:/tmp/x" for a file run from a writable place).</summary>
        public string Found { get; private set; }

        /// <summary>Forgets variables and findings (one instance per script; cron lines share the crontab's variables).</summary>
        public void Reset()
        {
            _variables.Clear();
            Found = null;
        }

        /// <summary>Reads one line of shell (or several separated by ';', '&amp;&amp;', '|'); returns what this line fetches, or null.</summary>
        public string ReadLine(string line)
        {
            if (line == null) return null;
            string flat = Unquote(line);
            string found = null;
            int start = 0;
            for (int i = 0; i <= flat.Length; i++)
            {
                if (i < flat.Length && !IsSeparator(flat[i])) continue;
                // Each command is expanded when it runs, after the assignments before it ("u=...; wget $u").
                string command = Expand(flat.Substring(start, i - start));
                string host = ReadCommand(command, 0, command.Length);
                if (host != null && found == null) found = host;
                start = i + 1;
            }
            if (found != null && Found == null) Found = found;
            return found;
        }

        /// <summary>Reads a whole script line by line (comments skipped) and returns the first download it finds, or null.</summary>
        public string ReadScript(string text)
        {
            if (text == null) return null;
            string first = null;
            TextLines lines = new TextLines(text);
            while (lines.Next())
            {
                lines.Trim();
                if (lines.IsEmptyOrComment('#')) continue;
                string host = ReadLine(lines.Line());
                if (host != null && first == null) first = host;
            }
            return first;
        }

        // Quotes and backslashes only group words in the shell: "wg""et" runs wget. Backticks and $( ) become separators.
        private string Unquote(string line)
        {
            int n = line.Length < MaxLineChars ? line.Length : MaxLineChars;
            TextBuilder text = _flat.Clear();
            for (int i = 0; i < n; i++)
            {
                char c = line[i];
                if (c == '"' || c == '\'' || c == '\\') continue;
                if (c == '`') c = ';';
                if (c == '$' && i + 1 < n && line[i + 1] == '(')
                {
                    text.Append(';');
                    i++;
                    continue;
                }
                text.Append(c == '\t' ? ' ' : c);
            }
            return text.ToString();
        }

        // $NAME and ${NAME} replaced by what the script assigned earlier (unknown names by nothing, as the shell does).
        private string Expand(string text)
        {
            if (text.IndexOf('$') < 0) return text;
            TextBuilder result = new TextBuilder(text.Length + 16);
            int i = 0;
            while (i < text.Length && result.Length < MaxLineChars)
            {
                char c = text[i];
                if (c != '$' || i + 1 >= text.Length)
                {
                    result.Append(c);
                    i++;
                    continue;
                }
                bool braced = text[i + 1] == '{';
                int from = braced ? i + 2 : i + 1;
                int end = from;
                while (end < text.Length && IsNameChar(text[end])) end++;
                if (end == from)
                {
                    result.Append(c);
                    i++;
                    continue;
                }
                string name = text.Substring(from, end - from);
                if (braced)
                {
                    // ${NAME:-default} and the like: skip to the closing brace.
                    while (end < text.Length && text[end] != '}') end++;
                    if (end < text.Length) end++;
                }
                string value = (string)_variables[name];
                if (value != null) result.Append(value);
                i = end;
            }
            return result.ToString();
        }

        // One simple command text[start, end): records assignments, returns what a download in it fetches from.
        private string ReadCommand(string text, int start, int end)
        {
            string[] words = Words(text, start, end);
            int at = 0;
            while (at < words.Length)
            {
                string word = words[at];
                int eq = word.IndexOf('=');
                if (word == "export" || word == "local" || word == "readonly")
                {
                    at++;
                    continue;
                }
                if (eq > 0 && IsName(word, eq))
                {
                    if (_variables.Count < MaxVariables || _variables.Contains(word.Substring(0, eq)))
                    {
                        _variables[word.Substring(0, eq)] = word.Substring(eq + 1);
                    }
                    at++;
                    continue;
                }
                if (Contains(Wrappers, word) || (word.Length > 0 && word[0] == '-' && at > 0))
                {
                    at++;
                    continue;
                }
                break;
            }
            if (at >= words.Length) return null;
            string tool = BaseName(words[at]);
            if (Contains(UrlTools, tool)) return HostOf(tool, words, at + 1);
            if (Contains(Shells, tool))
            {
                for (int k = at + 1; k < words.Length; k++)
                {
                    if (words[k].Length > 0 && words[k][0] == '-') continue;
                    return IsWritable(words[k]) ? "file:" + FactText.Clean(words[k], 100) : null;
                }
                return null;
            }
            if (IsWritable(words[at])) return "file:" + FactText.Clean(words[at], 100);
            return null;
        }

        private static string HostOf(string tool, string[] words, int from)
        {
            for (int k = from; k < words.Length; k++)
            {
                int scheme = words[k].IndexOf("://");
                if (scheme > 0) return Host(words[k], scheme + 3);
            }
            // tftp [-g] [-r remote] [-l local] HOST [PORT]; ftpget [-u U] [-p P] [-P PORT] HOST LOCAL REMOTE; nc HOST PORT.
            for (int k = from; k < words.Length; k++)
            {
                string w = words[k];
                if (w.Length == 0) continue;
                if (w[0] == '-')
                {
                    if (TakesValue(tool, w)) k++;
                    continue;
                }
                return Host(w, 0);
            }
            return "unknown";
        }

        private static bool TakesValue(string tool, string option)
        {
            if (option.Length != 2) return false;
            char o = option[1];
            if (tool == "tftp") return o == 'r' || o == 'l' || o == 'b';
            if (tool == "ftpget") return o == 'u' || o == 'p' || o == 'P';
            if (tool == "nc" || tool == "ncat" || tool == "netcat") return o == 'e' || o == 'p' || o == 'w' || o == 's';
            return o == 'O' || o == 'o' || o == 'U' || o == 'H' || o == 'T' || o == 'Y' || o == 'A' || o == 'P';
        }

        // user@host:port/path -> host, lower-cased; [v6] kept without brackets.
        private static string Host(string word, int from)
        {
            int end = word.Length;
            for (int i = from; i < word.Length; i++)
            {
                if (word[i] == '/' || word[i] == '?' || word[i] == '#')
                {
                    end = i;
                    break;
                }
            }
            int at = word.LastIndexOf('@', end - 1 < from ? from : end - 1);
            if (at >= from) from = at + 1;
            if (from < end && word[from] == '[')
            {
                int close = word.IndexOf(']', from);
                if (close > from && close < end) return Ordinal.ToLowerAscii(FactText.Clean(word.Substring(from + 1, close - from - 1), 100));
            }
            int colon = word.IndexOf(':', from);
            if (colon >= from && colon < end && word.IndexOf(':', colon + 1) < 0) end = colon;
            if (end <= from) return "unknown";
            return Ordinal.ToLowerAscii(FactText.Clean(word.Substring(from, end - from), 100));
        }

        private static string[] Words(string text, int start, int end)
        {
            ArrayList list = new ArrayList();
            int i = start;
            while (i < end && list.Count < 64)
            {
                while (i < end && text[i] == ' ') i++;
                if (i >= end) break;
                int from = i;
                while (i < end && text[i] != ' ') i++;
                list.Add(text.Substring(from, i - from));
            }
            string[] words = new string[list.Count];
            for (int k = 0; k < words.Length; k++) words[k] = (string)list[k];
            return words;
        }

        private static bool IsSeparator(char c)
        {
            return c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '\r' || c == '\n';
        }

        private static bool IsNameChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }

        private static bool IsName(string word, int length)
        {
            if (word[0] >= '0' && word[0] <= '9') return false;
            for (int i = 0; i < length; i++)
            {
                if (!IsNameChar(word[i])) return false;
            }
            return true;
        }

        private static string BaseName(string word)
        {
            int slash = word.LastIndexOf('/');
            return slash >= 0 && slash < word.Length - 1 ? word.Substring(slash + 1) : word;
        }

        private static bool IsWritable(string path)
        {
            if (path.Length > 1 && path[0] == '.' && path[1] == '/') return true;
            for (int i = 0; i < WritablePlaces.Length; i++)
            {
                if (Ordinal.StartsWith(path, WritablePlaces[i])) return true;
            }
            return false;
        }

        private static bool Contains(string[] list, string word)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == word) return true;
            }
            return false;
        }
    }
}
