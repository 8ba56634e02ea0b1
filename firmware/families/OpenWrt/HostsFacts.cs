using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// /etc/hosts, which dnsmasq answers from before asking any server: cfg.dns.hosts.&lt;name&gt; = the addresses it
    /// maps to (names lower-cased, several addresses merged and sorted). A line pointing a bank or an update server
    /// at another address redirects every client of the router.
    /// </summary>
    public static class HostsFacts
    {
        public const int MaxLines = 256;

        public static void Read(string text, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            int lines = 0;
            TextLines reader = sheet.Lines(text);
            while (reader.Next())
            {
                int hash = reader.IndexOf('#', reader.Start);
                if (hash >= 0) reader.Cut(hash);
                reader.Trim();
                if (reader.Length == 0) continue;
                if (++lines > MaxLines)
                {
                    ReadLimits.Add(sheet, "hosts", "more than " + MaxLines.ToString() + " lines in /etc/hosts; the rest were not read");
                    return;
                }
                // Words (runs without space, tab or CR) read in place: the address and each new key are the only strings.
                int end = reader.End, wordEnd;
                int word = Word(text, reader.Start, end, out wordEnd);
                if (word < 0) continue;
                string address = Ordinal.ToLowerAscii(FactText.Clean(text.Substring(word, wordEnd - word), 64));
                for (int k = 1; k < 16; k++)
                {
                    word = Word(text, wordEnd, end, out wordEnd);
                    if (word < 0) break;
                    sheet.Text.Clear().Append("cfg.dns.hosts.").AppendLowerKeySegment(text, word, wordEnd - word, 100);
                    sheet.AddUnderText(address, FactKind.Config);
                }
            }
        }

        // The first word of text[from, end) as ScriptFacts.Collapse and a split at ' ' give it (blanks: space, tab, CR):
        // its start, or -1, and its end.
        private static int Word(string text, int from, int end, out int wordEnd)
        {
            int start = from;
            while (start < end && IsBlank(text[start])) start++;
            wordEnd = start;
            if (start >= end) return -1;
            while (wordEnd < end && !IsBlank(text[wordEnd])) wordEnd++;
            return start;
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t' || c == '\r';
        }
    }
}
