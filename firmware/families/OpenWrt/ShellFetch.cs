using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Finds downloads in shell text (cron lines, rc.local, firewall.user), the way Mirai-family droppers, VPNFilter
    /// stage 1 and the 2024 KV/Flax Typhoon botnets reinstall themselves: wget, curl, uclient-fetch, tftp, ftpget,
    /// nc/ncat/netcat/socat, also as "busybox wget", and a file run from a writable place (". /tmp/x.sh",
    /// "sh /tmp/x"). Sees through quoting and concatenation ("wg""et", 'cu'rl, w\get) and through variables
    /// assigned earlier in the same text (u=http://x; wget $u; c=wg; ${c}et ...). Bounded: at most
    /// <see cref="MaxVariables"/> variables, <see cref="MaxLineChars"/> characters per line and per command after
    /// expansion, <see cref="MaxWords"/> words per command.
    /// The text is read where it lies, by index ranges: a line, its unquoted form and each expanded command live in
    /// two reused character buffers and a table of word bounds, so a script costs strings only for the variables it
    /// assigns and the download it names.
    /// </summary>
    public sealed class ShellFetch
    {
        public const int MaxVariables = 32;
        public const int MaxLineChars = 4096;
        public const int MaxWords = 64;

        private const int InitialChars = 128;
        private const int InitialVariables = 4;
        private const int InitialWords = 16;
        private const int MaxFindingChars = 100;

        private static readonly string[] UrlTools = new string[] { "wget", "curl", "uclient-fetch", "wget-ssl", "tftp", "ftpget", "nc", "ncat", "netcat", "socat", "scp", "rsync" };
        private static readonly string[] Shells = new string[] { ".", "source", "sh", "ash", "bash" };
        private static readonly string[] Wrappers = new string[] { "busybox", "exec", "nohup", "env", "command", "timeout", "nice", "setsid", "eval", "then", "do", "else", "if", "while", "!", "{", "}" };
        private static readonly string[] WritablePlaces = new string[] { "/tmp/", "/var/", "/dev/shm/", "/mnt/", "/overlay/upper/tmp" };

        // What the script assigned so far: names and values are strings, made only when a script assigns (a handful);
        // the tables start small and double up to MaxVariables.
        private string[] _names = new string[InitialVariables];
        private string[] _values = new string[InitialVariables];
        private int _variables;

        // The current line without quotes, and the current command with its variables expanded; grown up to MaxLineChars.
        private char[] _flat = new char[InitialChars];
        private int _flatLength;
        private char[] _command = new char[InitialChars];
        private int _commandLength;
        // Where each word of the current command starts and ends in _command.
        // Stock commands have a handful of words: the tables start small and double up to MaxWords.
        private int[] _wordStart = new int[InitialWords];
        private int[] _wordEnd = new int[InitialWords];
        private int _words;

        /// <summary>What the first download found so far fetches from (a host, or "file:/tmp/x" for a file run from a writable place).</summary>
        public string Found { get; private set; }

        /// <summary>Forgets variables and findings (one script after another; cron lines share the crontab's variables).</summary>
        public void Reset()
        {
            for (int i = 0; i < _variables; i++)
            {
                _names[i] = null;
                _values[i] = null;
            }
            _variables = 0;
            Found = null;
        }

        /// <summary>Reads one line of shell (or several separated by ';', '&amp;&amp;', '|'); returns what this line fetches, or null.</summary>
        public string ReadLine(string line)
        {
            if (line == null) return null;
            return ReadLine(line, 0, line.Length, false);
        }

        /// <summary>
        /// Reads text[start, end) as one line of shell, without copying it out of the text. With
        /// <paramref name="carriageReturnIsBlank"/> a CR inside the range separates words, as in a line whose blanks were
        /// collapsed; else it ends a command, as the shell sees it.
        /// </summary>
        public string ReadLine(string text, int start, int end, bool carriageReturnIsBlank)
        {
            if (text == null || start < 0 || end > text.Length || end < start) return null;
            Unquote(text, start, end, carriageReturnIsBlank);
            string found = null;
            int from = 0;
            for (int i = 0; i <= _flatLength; i++)
            {
                if (i < _flatLength && !IsSeparator(_flat[i])) continue;
                // Each command is expanded when it runs, after the assignments before it ("u=...; wget $u").
                Expand(from, i);
                string host = ReadCommand();
                if (host != null && found == null) found = host;
                from = i + 1;
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
                string host = ReadLine(text, lines.Start, lines.End, false);
                if (host != null && first == null) first = host;
            }
            return first;
        }

        // Quotes and backslashes only group words in the shell: "wg""et" runs wget. Backticks and $( ) become separators.
        private void Unquote(string line, int start, int end, bool carriageReturnIsBlank)
        {
            int n = end - start < MaxLineChars ? end - start : MaxLineChars;
            int stop = start + n;
            if (_flat.Length < n) _flat = new char[Grown(_flat.Length, n)];
            int length = 0;
            for (int i = start; i < stop; i++)
            {
                char c = line[i];
                if (c == '"' || c == '\'' || c == '\\') continue;
                if (c == '`') c = ';';
                else if (c == '$' && i + 1 < stop && line[i + 1] == '(')
                {
                    c = ';';
                    i++;
                }
                else if (c == '\t' || (c == '\r' && carriageReturnIsBlank)) c = ' ';
                _flat[length++] = c;
            }
            _flatLength = length;
        }

        // _flat[from, to) into _command with $NAME and ${NAME} replaced by what the script assigned earlier (unknown names
        // by nothing, as the shell does), at most MaxLineChars characters.
        private void Expand(int from, int to)
        {
            _commandLength = 0;
            int i = from;
            while (i < to && _commandLength < MaxLineChars)
            {
                char c = _flat[i];
                if (c != '$' || i + 1 >= to)
                {
                    Put(c);
                    i++;
                    continue;
                }
                bool braced = _flat[i + 1] == '{';
                int nameFrom = braced ? i + 2 : i + 1;
                int end = nameFrom;
                while (end < to && IsNameChar(_flat[end])) end++;
                if (end == nameFrom)
                {
                    Put(c);
                    i++;
                    continue;
                }
                int variable = FindVariable(_flat, nameFrom, end - nameFrom);
                if (braced)
                {
                    // ${NAME:-default} and the like: skip to the closing brace.
                    while (end < to && _flat[end] != '}') end++;
                    if (end < to) end++;
                }
                if (variable >= 0) Put(_values[variable]);
                i = end;
            }
        }

        private void Put(char c)
        {
            if (_commandLength == _command.Length) GrowCommand(_commandLength + 1);
            _command[_commandLength++] = c;
        }

        // A variable's value, cut where the command reaches MaxLineChars.
        private void Put(string value)
        {
            int n = value.Length;
            if (n > MaxLineChars - _commandLength) n = MaxLineChars - _commandLength;
            if (_commandLength + n > _command.Length) GrowCommand(_commandLength + n);
            for (int k = 0; k < n; k++) _command[_commandLength++] = value[k];
        }

        private void GrowCommand(int needed)
        {
            char[] grown = new char[Grown(_command.Length, needed)];
            for (int k = 0; k < _commandLength; k++) grown[k] = _command[k];
            _command = grown;
        }

        private static int Grown(int size, int needed)
        {
            while (size < needed) size *= 2;
            return size < MaxLineChars ? size : MaxLineChars;
        }

        // The command in _command: records assignments, returns what a download in it fetches from.
        private string ReadCommand()
        {
            SplitWords();
            int at = 0;
            while (at < _words)
            {
                if (WordIs(at, "export") || WordIs(at, "local") || WordIs(at, "readonly"))
                {
                    at++;
                    continue;
                }
                int eq = IndexIn(at, '=', _wordStart[at]);
                if (eq > _wordStart[at] && IsName(_wordStart[at], eq))
                {
                    Assign(_wordStart[at], eq, _wordEnd[at]);
                    at++;
                    continue;
                }
                if (WordIn(at, Wrappers) || (_command[_wordStart[at]] == '-' && at > 0))
                {
                    at++;
                    continue;
                }
                break;
            }
            if (at >= _words) return null;
            int toolStart = BaseNameStart(at);
            int toolEnd = _wordEnd[at];
            if (RangeIn(toolStart, toolEnd, UrlTools)) return HostOf(toolStart, toolEnd, at + 1);
            if (RangeIn(toolStart, toolEnd, Shells))
            {
                for (int k = at + 1; k < _words; k++)
                {
                    if (_command[_wordStart[k]] == '-') continue;
                    return IsWritable(k) ? FileFinding(k) : null;
                }
                return null;
            }
            if (IsWritable(at)) return FileFinding(at);
            return null;
        }

        // Words are separated by spaces; every word is at least one character long.
        private void SplitWords()
        {
            _words = 0;
            int i = 0;
            int end = _commandLength;
            while (i < end && _words < MaxWords)
            {
                while (i < end && _command[i] == ' ') i++;
                if (i >= end) break;
                if (_words == _wordStart.Length)
                {
                    _wordStart = Doubled(_wordStart, MaxWords);
                    _wordEnd = Doubled(_wordEnd, MaxWords);
                }
                _wordStart[_words] = i;
                while (i < end && _command[i] != ' ') i++;
                _wordEnd[_words] = i;
                _words++;
            }
        }

        // NAME=value: a new name is kept while the table has room; a known one takes the new value.
        private void Assign(int nameStart, int eq, int end)
        {
            int variable = FindVariable(_command, nameStart, eq - nameStart);
            if (variable < 0)
            {
                if (_variables >= MaxVariables) return;
                if (_variables == _names.Length)
                {
                    string[] names = new string[_names.Length * 2];
                    string[] values = new string[_names.Length * 2];
                    Array.Copy(_names, names, _variables);
                    Array.Copy(_values, values, _variables);
                    _names = names;
                    _values = values;
                }
                variable = _variables++;
                _names[variable] = new string(_command, nameStart, eq - nameStart);
                _values[variable] = null;
            }
            int from = eq + 1;
            string old = _values[variable];
            if (old != null && SameText(old, _command, from, end - from)) return;
            _values[variable] = end > from ? new string(_command, from, end - from) : string.Empty;
        }

        private static int[] Doubled(int[] table, int most)
        {
            int[] grown = new int[table.Length * 2 > most ? most : table.Length * 2];
            Array.Copy(table, grown, table.Length);
            return grown;
        }

        private int FindVariable(char[] chars, int start, int length)
        {
            for (int v = 0; v < _variables; v++)
            {
                if (SameText(_names[v], chars, start, length)) return v;
            }
            return -1;
        }

        private string HostOf(int toolStart, int toolEnd, int from)
        {
            for (int k = from; k < _words; k++)
            {
                int scheme = SchemeAt(k);
                if (scheme > _wordStart[k]) return Host(k, scheme + 3);
            }
            // tftp [-g] [-r remote] [-l local] HOST [PORT]; ftpget [-u U] [-p P] [-P PORT] HOST LOCAL REMOTE; nc HOST PORT.
            for (int k = from; k < _words; k++)
            {
                int w = _wordStart[k];
                if (_command[w] == '-')
                {
                    if (_wordEnd[k] - w == 2 && TakesValue(toolStart, toolEnd, _command[w + 1])) k++;
                    continue;
                }
                return Host(k, w);
            }
            return "unknown";
        }

        private bool TakesValue(int toolStart, int toolEnd, char o)
        {
            if (SameText("tftp", _command, toolStart, toolEnd - toolStart)) return o == 'r' || o == 'l' || o == 'b';
            if (SameText("ftpget", _command, toolStart, toolEnd - toolStart)) return o == 'u' || o == 'p' || o == 'P';
            if (SameText("nc", _command, toolStart, toolEnd - toolStart) || SameText("ncat", _command, toolStart, toolEnd - toolStart)
                || SameText("netcat", _command, toolStart, toolEnd - toolStart))
            {
                return o == 'e' || o == 'p' || o == 'w' || o == 's';
            }
            return o == 'O' || o == 'o' || o == 'U' || o == 'H' || o == 'T' || o == 'Y' || o == 'A' || o == 'P';
        }

        // The host of word k from index "from" on (user@host:port/path -> host, lower-cased; [v6] kept without brackets);
        // "unknown" when there is none.
        private string Host(int k, int from)
        {
            int wordEnd = _wordEnd[k];
            int end = wordEnd;
            for (int i = from; i < wordEnd; i++)
            {
                char c = _command[i];
                if (c == '/' || c == '?' || c == '#')
                {
                    end = i;
                    break;
                }
            }
            // The last '@' before the end of the authority, when it is after "from".
            for (int i = end - 1; i >= from; i--)
            {
                if (_command[i] == '@')
                {
                    from = i + 1;
                    break;
                }
            }
            if (from < end && _command[from] == '[')
            {
                int close = IndexIn(k, ']', from);
                if (close > from && close < end) return Finding(null, from + 1, close);
            }
            int colon = IndexIn(k, ':', from);
            if (colon >= from && colon < end && IndexIn(k, ':', colon + 1) < 0) end = colon;
            if (end <= from) return "unknown";
            return Finding(null, from, end);
        }

        // "file:" and the path of word k.
        private string FileFinding(int k)
        {
            return Finding("file:", _wordStart[k], _wordEnd[k]);
        }

        // What a finding says: _command[start, end) as FactText.Clean gives it cut to MaxFindingChars, lower-cased for a
        // host; read in place, so a hostile 4 KB word costs the finding's 100 characters, not a copy of the word.
        private string Finding(string prefix, int start, int end)
        {
            int length = end - start < MaxFindingChars ? end - start : MaxFindingChars;
            TextBuilder b = new TextBuilder((prefix == null ? 0 : prefix.Length) + length);
            b.Append(prefix);
            int from = b.Length;
            bool pendingSpace = false;
            for (int i = start; i < end && b.Length - from < MaxFindingChars; i++)
            {
                char c = _command[i];
                if (FactText.IsBlank(c))
                {
                    pendingSpace = b.Length > from;
                    continue;
                }
                if (pendingSpace)
                {
                    b.Append(' ');
                    pendingSpace = false;
                    if (b.Length - from >= MaxFindingChars) break;
                }
                b.Append(prefix == null ? Ordinal.LowerAscii(c) : c);
            }
            return b.ToString();
        }

        // Index of "://" in word k, or -1.
        private int SchemeAt(int k)
        {
            int end = _wordEnd[k] - 2;
            for (int i = _wordStart[k]; i < end; i++)
            {
                if (_command[i] == ':' && _command[i + 1] == '/' && _command[i + 2] == '/') return i;
            }
            return -1;
        }

        // Index of c in word k at or after "from", or -1.
        private int IndexIn(int k, char c, int from)
        {
            int end = _wordEnd[k];
            for (int i = from; i < end; i++)
            {
                if (_command[i] == c) return i;
            }
            return -1;
        }

        private bool IsName(int start, int end)
        {
            if (_command[start] >= '0' && _command[start] <= '9') return false;
            for (int i = start; i < end; i++)
            {
                if (!IsNameChar(_command[i])) return false;
            }
            return true;
        }

        // Where the last path segment of word k starts ("/usr/bin/wget" -> "wget"); a word ending in '/' is kept whole.
        private int BaseNameStart(int k)
        {
            int start = _wordStart[k];
            int last = _wordEnd[k] - 1;
            for (int i = last; i >= start; i--)
            {
                if (_command[i] == '/') return i < last ? i + 1 : start;
            }
            return start;
        }

        private bool IsWritable(int k)
        {
            int start = _wordStart[k];
            int length = _wordEnd[k] - start;
            if (length > 1 && _command[start] == '.' && _command[start + 1] == '/') return true;
            for (int i = 0; i < WritablePlaces.Length; i++)
            {
                string place = WritablePlaces[i];
                if (place.Length <= length && SameText(place, _command, start, place.Length)) return true;
            }
            return false;
        }

        private bool WordIs(int k, string word)
        {
            return SameText(word, _command, _wordStart[k], _wordEnd[k] - _wordStart[k]);
        }

        private bool WordIn(int k, string[] list)
        {
            return RangeIn(_wordStart[k], _wordEnd[k], list);
        }

        private bool RangeIn(int start, int end, string[] list)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (SameText(list[i], _command, start, end - start)) return true;
            }
            return false;
        }

        private static bool SameText(string text, char[] chars, int start, int length)
        {
            if (text.Length != length) return false;
            for (int i = 0; i < length; i++)
            {
                if (text[i] != chars[start + i]) return false;
            }
            return true;
        }

        private static bool IsSeparator(char c)
        {
            return c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '\r' || c == '\n';
        }

        private static bool IsNameChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }
}
