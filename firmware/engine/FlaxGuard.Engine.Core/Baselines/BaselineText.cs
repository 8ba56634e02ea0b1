using System;
using System.Text;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Baselines
{
    /// <summary>
    /// A reviewable text form of a baseline, one fact per line, so an owner can read, diff and keep it in
    /// version control. The digest line catches damage: a file whose facts no longer match it is refused.
    /// <code>
    /// # FlaxGuard baseline v1
    /// device 127.0.0.1
    /// created 1764201600
    /// digest 3a7f...
    /// fact exposure net.tcp.22 open
    /// </code>
    /// Values escape backslash, tab, CR and LF; everything after the key's following space is the value.
    /// </summary>
    public static class BaselineText
    {
        public const string Header = "# FlaxGuard baseline v1";
        public const int MaxFacts = 20000;

        public static string Format(Baseline baseline)
        {
            if (baseline == null) throw new ArgumentNullException("baseline");
            FactSet facts = baseline.Facts;
            StringBuilder sb = new StringBuilder(128 + facts.Count * 64);
            sb.Append(Header).Append('\n');
            sb.Append("device ").Append(Escape(baseline.DeviceId)).Append('\n');
            sb.Append("created ").Append(baseline.CreatedUnixSeconds.ToString()).Append('\n');
            sb.Append("digest ").Append(facts.DigestHex()).Append('\n');
            for (int i = 0; i < facts.Count; i++)
            {
                Fact f = facts[i];
                sb.Append("fact ").Append(KindName(f.Kind)).Append(' ').Append(f.Key).Append(' ').Append(Escape(f.Value)).Append('\n');
            }
            return sb.ToString();
        }

        /// <summary>Parses a baseline, throwing <see cref="FormatException"/> with the line number on any problem.</summary>
        public static Baseline Parse(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            string[] lines = text.Split('\n');
            if (lines.Length == 0 || Trim(lines[0]) != Header) throw new FormatException("line 1: not a FlaxGuard baseline (expected \"" + Header + "\")");
            string device = null;
            long created = -1;
            string digest = null;
            FactSet facts = new FactSet();
            for (int n = 1; n < lines.Length; n++)
            {
                string line = Trim(lines[n]);
                if (line.Length == 0 || line[0] == '#') continue;
                string where = "line " + (n + 1).ToString() + ": ";
                int space = line.IndexOf(' ');
                if (space < 0) throw new FormatException(where + "expected \"<field> <value>\"");
                string field = line.Substring(0, space);
                string rest = line.Substring(space + 1);
                if (field == "device")
                {
                    device = Unescape(rest, where);
                }
                else if (field == "created")
                {
                    if (!TryParseLong(rest, out created)) throw new FormatException(where + "created is not a whole number of seconds");
                }
                else if (field == "digest")
                {
                    digest = rest;
                }
                else if (field == "fact")
                {
                    ParseFact(rest, facts, where);
                    if (facts.Count > MaxFacts) throw new FormatException(where + "more than " + MaxFacts.ToString() + " facts");
                }
                else
                {
                    throw new FormatException(where + "unknown field \"" + FactText.Clean(field, 40) + "\"");
                }
            }
            if (device == null) throw new FormatException("the baseline has no device line");
            if (created < 0) throw new FormatException("the baseline has no created line");
            if (digest == null) throw new FormatException("the baseline has no digest line");
            string actual = facts.DigestHex();
            if (actual != digest) throw new FormatException("the facts do not match the digest line: the file was altered or damaged");
            return new Baseline(device, created, facts);
        }

        public static string KindName(FactKind kind)
        {
            switch (kind)
            {
                case FactKind.Identity: return "identity";
                case FactKind.Firmware: return "firmware";
                case FactKind.Config: return "config";
                case FactKind.Exposure: return "exposure";
                default: return "asset";
            }
        }

        public static bool TryParseKind(string name, out FactKind kind)
        {
            for (int k = (int)FactKind.Identity; k <= (int)FactKind.Asset; k++)
            {
                if (name == KindName((FactKind)k))
                {
                    kind = (FactKind)k;
                    return true;
                }
            }
            kind = FactKind.Identity;
            return false;
        }

        private static void ParseFact(string rest, FactSet facts, string where)
        {
            int s1 = rest.IndexOf(' ');
            if (s1 < 0) throw new FormatException(where + "expected \"fact <kind> <key> <value>\"");
            int s2 = rest.IndexOf(' ', s1 + 1);
            if (s2 < 0) throw new FormatException(where + "expected \"fact <kind> <key> <value>\"");
            FactKind kind;
            if (!TryParseKind(rest.Substring(0, s1), out kind)) throw new FormatException(where + "unknown fact kind \"" + FactText.Clean(rest.Substring(0, s1), 40) + "\"");
            string key = rest.Substring(s1 + 1, s2 - s1 - 1);
            string value = Unescape(rest.Substring(s2 + 1), where);
            string problem = Fact.ProblemWithKey(key);
            if (problem == null) problem = Fact.ProblemWithValue(value);
            if (problem != null) throw new FormatException(where + problem);
            if (!facts.Add(new Fact(key, value, kind))) throw new FormatException(where + "fact " + key + " appears twice");
        }

        private static string Escape(string value)
        {
            StringBuilder sb = null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                string rep = c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : null;
                if (rep == null)
                {
                    if (sb != null) sb.Append(c);
                    continue;
                }
                if (sb == null)
                {
                    sb = new StringBuilder(value.Length + 8);
                    sb.Append(value, 0, i);
                }
                sb.Append(rep);
            }
            return sb == null ? value : sb.ToString();
        }

        private static string Unescape(string value, string where)
        {
            if (value.IndexOf('\\') < 0) return value;
            StringBuilder sb = new StringBuilder(value.Length);
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c != '\\')
                {
                    sb.Append(c);
                    continue;
                }
                if (++i >= value.Length) throw new FormatException(where + "value ends with a lone backslash");
                char e = value[i];
                if (e == '\\') sb.Append('\\');
                else if (e == 'n') sb.Append('\n');
                else if (e == 'r') sb.Append('\r');
                else if (e == 't') sb.Append('\t');
                else throw new FormatException(where + "unknown escape \\" + e.ToString());
            }
            return sb.ToString();
        }

        private static string Trim(string line)
        {
            // Tolerate CRLF files written by Windows editors.
            return line.Length > 0 && line[line.Length - 1] == '\r' ? line.Substring(0, line.Length - 1) : line;
        }

        private static bool TryParseLong(string text, out long value)
        {
            value = 0;
            if (text.Length == 0 || text.Length > 18) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }
}
