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
                string line = ScriptFacts.Collapse(reader.Line());
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
