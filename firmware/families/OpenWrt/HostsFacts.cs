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
            int start = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && text[i] != '\n') continue;
                string line = text.Substring(start, i - start);
                start = i + 1;
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line.Substring(0, hash);
                line = ScriptFacts.Collapse(line);
                if (line.Length == 0) continue;
                if (++lines > MaxLines)
                {
                    ReadLimits.Add(sheet, "hosts", "more than " + MaxLines.ToString() + " lines in /etc/hosts; the rest were not read");
                    return;
                }
                string[] words = line.Split(' ');
                string address = Ordinal.ToLowerAscii(FactText.Clean(words[0], 64));
                for (int k = 1; k < words.Length && k < 16; k++)
                {
                    sheet.Add(sheet.Text.Clear().Append("cfg.dns.hosts.").AppendKeySegment(Ordinal.ToLowerAscii(words[k]), 100).ToString(), address, FactKind.Config);
                }
            }
        }
    }
}
