using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Where the package manager installs from. opkg (OpenWrt up to 24.10) reads every /etc/opkg/*.conf
    /// ("src/gz NAME URL" or "src NAME URL" lines) and /etc/opkg.conf ("option check_signature" makes it verify the
    /// feeds' usign signatures); apk (OpenWrt 25.x) reads /etc/apk/repositories and /etc/apk/repositories.d/*.list (one
    /// URL a line, optionally after an "@tag"). Facts: openwrt.feed.&lt;host&gt; = the files naming that host (a local
    /// feed is "file"), openwrt.feed.signature = checked | not checked (opkg only). A feed on another server lets
    /// whoever runs it install and update anything on the router.
    /// </summary>
    public static class FeedFacts
    {
        public const int MaxFeedLines = 64;

        /// <summary>One feed file: each source line's host becomes a fact naming the file.</summary>
        public static void Read(string text, string fileName, bool opkg, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            int lines = 0;
            TextLines reader = sheet.Lines(text);
            while (reader.Next())
            {
                reader.Trim();
                if (reader.IsEmptyOrComment('#')) continue;
                if (++lines > MaxFeedLines)
                {
                    ReadLimits.Add(sheet, "feeds", "more than " + MaxFeedLines.ToString() + " lines in a package feed file; the rest were not read");
                    return;
                }
                string line = reader.Line();
                string url = opkg ? OpkgSourceUrl(line) : ApkUrl(line);
                if (url == null) continue;
                sheet.Add(sheet.Text.Clear().Append("openwrt.feed.").AppendKeySegment(Host(url), 100).ToString(), FactText.Clean(fileName, 64), FactKind.Config);
            }
        }

        /// <summary>/etc/opkg.conf: whether "option check_signature" is set (a later "option check_signature 0" turns it off).</summary>
        public static void ReadOpkgConf(string text, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            bool check = false;
            int lines = 0;
            TextLines reader = sheet.Lines(text);
            while (reader.Next() && ++lines <= MaxFeedLines)
            {
                reader.Trim();
                if (reader.IsEmptyOrComment('#')) continue;
                string[] words = Words(reader.Line());
                if (words.Length < 2 || words[0] != "option" || words[1] != "check_signature") continue;
                check = words.Length < 3 || UciText.ParseBool(words[2], true);
            }
            sheet.Add("openwrt.feed.signature", check ? "checked" : "not checked", FactKind.Config);
        }

        // "src/gz NAME URL", "src NAME URL" (opkg's src and src/gz keywords); null for other lines (dest, option, arch).
        private static string OpkgSourceUrl(string line)
        {
            string[] words = Words(line);
            if (words.Length < 3) return null;
            if (words[0] != "src" && words[0] != "src/gz") return null;
            return words[2];
        }

        // apk: "URL" or "@tag URL".
        private static string ApkUrl(string line)
        {
            string[] words = Words(line);
            if (words.Length == 0) return null;
            if (words[0].Length > 0 && words[0][0] == '@') return words.Length > 1 ? words[1] : null;
            return words[0];
        }

        /// <summary>The lower-case host of a URL ("file" for a local path or file: URL, the text itself when it has no scheme).</summary>
        public static string Host(string url)
        {
            if (url.Length > 0 && url[0] == '/') return "file";
            int scheme = url.IndexOf("://");
            if (scheme < 0) return Ordinal.ToLowerAscii(FactText.Clean(url, 100));
            if (Ordinal.ToLowerAscii(url.Substring(0, scheme)) == "file") return "file";
            int start = scheme + 3;
            int at = url.IndexOf('@', start);
            int slash = url.IndexOf('/', start);
            if (at >= 0 && (slash < 0 || at < slash)) start = at + 1;
            int end = slash < 0 ? url.Length : slash;
            // A bracketed IPv6 host ends at its ']'; otherwise a ':' starts the port.
            int close = start < end && url[start] == '[' ? url.IndexOf(']', start) : -1;
            int colon = url.IndexOf(':', close < 0 ? start : close);
            if (close >= 0 && close < end) end = close + 1;
            else if (colon >= 0 && colon < end) end = colon;
            return Ordinal.ToLowerAscii(url.Substring(start, end - start));
        }

        private static string[] Words(string line)
        {
            int n = UciText.CountWords(line);
            string[] words = new string[n];
            int at = 0;
            UciText.CopyWords(line, words, ref at);
            return words;
        }
    }
}
