using System.Collections;
using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Reads the little that FlaxGuard needs from the start of an HTML page: the title and the script and
    /// stylesheet links. It is a scanner, not a parser: it never recurses, never allocates more than the
    /// input, and treats malformed markup as absent data.
    /// </summary>
    public static class HtmlScan
    {
        public const int MaxTitleLength = 120;

        /// <summary>The page title, entity-decoded and cleaned, or null.</summary>
        public static string Title(byte[] data, int count)
        {
            int open = IndexOfIgnoreCase(data, 0, count, "<title");
            if (open < 0) return null;
            int gt = IndexOf(data, open + 6, count, (byte)'>');
            if (gt < 0) return null;
            int close = IndexOfIgnoreCase(data, gt + 1, count, "</title");
            if (close < 0) close = count;
            string raw = Decode(data, gt + 1, close - gt - 1);
            string text = FactText.Clean(DecodeEntities(raw), MaxTitleLength);
            return text.Length == 0 ? null : text;
        }

        /// <summary>
        /// Values of src= and href= attributes that name .js or .css files, in page order, without duplicates,
        /// at most <paramref name="max"/>.
        /// </summary>
        public static string[] ScriptAndStyleLinks(byte[] data, int count, int max)
        {
            ArrayList found = new ArrayList();
            int i = 0;
            while (i < count && found.Count < max)
            {
                int at = NextAttribute(data, i, count);
                if (at < 0) break;
                int eq = at;
                while (eq < count && data[eq] != '=') eq++;
                int start = eq + 1;
                while (start < count && (data[start] == ' ' || data[start] == '\t')) start++;
                if (start >= count) break;
                byte quote = data[start];
                int end;
                if (quote == '"' || quote == '\'')
                {
                    start++;
                    end = IndexOf(data, start, count, quote);
                }
                else
                {
                    end = start;
                    while (end < count && data[end] > ' ' && data[end] != '>') end++;
                }
                if (end < 0) break;
                if (end - start > 0 && end - start <= 256)
                {
                    string value = Decode(data, start, end - start);
                    if (IsScriptOrStyle(value) && !found.Contains(value)) found.Add(value);
                }
                i = end + 1;
            }
            string[] result = new string[found.Count];
            found.CopyTo(result);
            return result;
        }

        private static bool IsScriptOrStyle(string value)
        {
            int q = value.IndexOf('?');
            string path = q >= 0 ? value.Substring(0, q) : value;
            path = Ordinal.ToLowerAscii(path);
            return Ordinal.EndsWith(path, ".js") || Ordinal.EndsWith(path, ".css");
        }

        /// <summary>Index just after "src" or "href" (preceded by white space and followed by '='), or -1.</summary>
        private static int NextAttribute(byte[] data, int from, int count)
        {
            for (int i = from; i < count; i++)
            {
                byte b = data[i];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') continue;
                int name = i + 1;
                int len = Matches(data, name, count, "src") ? 3 : Matches(data, name, count, "href") ? 4 : 0;
                if (len == 0) continue;
                int k = name + len;
                while (k < count && (data[k] == ' ' || data[k] == '\t')) k++;
                if (k < count && data[k] == '=') return k;
            }
            return -1;
        }

        private static bool Matches(byte[] data, int at, int count, string word)
        {
            if (at + word.Length > count) return false;
            for (int k = 0; k < word.Length; k++)
            {
                int b = data[at + k];
                if (b >= 'A' && b <= 'Z') b += 32;
                if (b != word[k]) return false;
            }
            return true;
        }

        private static int IndexOf(byte[] data, int from, int count, byte value)
        {
            for (int i = from; i < count; i++)
            {
                if (data[i] == value) return i;
            }
            return -1;
        }

        private static int IndexOfIgnoreCase(byte[] data, int from, int count, string word)
        {
            for (int i = from; i + word.Length <= count; i++)
            {
                if (Matches(data, i, count, word)) return i;
            }
            return -1;
        }

        /// <summary>UTF-8 when valid, else each byte as Latin-1: old device pages are often not UTF-8.</summary>
        private static string Decode(byte[] data, int offset, int count)
        {
            string text = Utf8.TryDecode(data, offset, count);
            if (text != null) return text;
            char[] chars = new char[count];
            for (int i = 0; i < count; i++) chars[i] = (char)data[offset + i];
            return new string(chars);
        }

        internal static string DecodeEntities(string text)
        {
            if (text.IndexOf('&') < 0) return text;
            StringBuilder sb = new StringBuilder(text.Length);
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                int semi = c == '&' ? text.IndexOf(';', i) : -1;
                if (semi > i && semi - i <= 10)
                {
                    string name = text.Substring(i + 1, semi - i - 1);
                    int code = EntityCode(name);
                    if (code > 0)
                    {
                        sb.Append((char)code);
                        i = semi + 1;
                        continue;
                    }
                }
                sb.Append(c);
                i++;
            }
            return sb.ToString();
        }

        private static int EntityCode(string name)
        {
            if (name == "amp") return '&';
            if (name == "lt") return '<';
            if (name == "gt") return '>';
            if (name == "quot") return '"';
            if (name == "apos") return '\'';
            if (name == "nbsp") return ' ';
            if (name.Length >= 2 && name[0] == '#')
            {
                int value = 0;
                bool hex = name[1] == 'x' || name[1] == 'X';
                for (int k = hex ? 2 : 1; k < name.Length; k++)
                {
                    char d = name[k];
                    int digit = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
                    if (digit < 0) return -1;
                    value = value * (hex ? 16 : 10) + digit;
                    if (value > 0xFFFF) return -1;
                }
                // Surrogates and controls would break the one-line, valid-text promise of facts.
                if (value < 0x20 || (value >= 0xD800 && value <= 0xDFFF)) return -1;
                return value;
            }
            return -1;
        }
    }
}
