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

        /// <summary>One feed file: each source line's host becomes a fact naming the file. Lines are read in place: a line costs no string.</summary>
        public static void Read(string text, string fileName, bool opkg, OpenWrtFactSheet sheet)
        {
            if (text == null) return;
            int lines = 0;
            string value = null;
            TextLines reader = sheet.Lines(text);
            while (ReadLimits.NextSetting(reader, ref lines, MaxFeedLines, sheet, "feeds", "lines", "a package feed file"))
            {
                int urlEnd;
                int url = opkg ? OpkgSourceUrl(text, reader.Start, reader.End, out urlEnd) : ApkUrl(text, reader.Start, reader.End, out urlEnd);
                if (url < 0) continue;
                if (value == null) value = FactText.Clean(fileName, 64);
                AppendHost(sheet.Text.Clear().Append("openwrt.feed."), text, url, urlEnd);
                sheet.AddUnderText(value, FactKind.Config);
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
                int end = reader.End, first, second = 0, third;
                int option = Word(text, reader.Start, end, out first);
                int name = option < 0 ? -1 : Word(text, first, end, out second);
                if (name < 0 || !Is(text, option, first, "option") || !Is(text, name, second, "check_signature")) continue;
                int setting = Word(text, second, end, out third);
                check = setting < 0 || UciText.ParseBool(text.Substring(setting, third - setting), true);
            }
            sheet.Add("openwrt.feed.signature", check ? "checked" : "not checked", FactKind.Config);
        }

        // "src/gz NAME URL", "src NAME URL" (opkg's src and src/gz keywords): the URL's start and end in line [start, end);
        // -1 for other lines (dest, option, arch).
        private static int OpkgSourceUrl(string text, int start, int end, out int urlEnd)
        {
            urlEnd = -1;
            int keywordEnd, nameEnd;
            int keyword = Word(text, start, end, out keywordEnd);
            if (keyword < 0 || Word(text, keywordEnd, end, out nameEnd) < 0) return -1;
            int url = Word(text, nameEnd, end, out urlEnd);
            if (url < 0) return -1;
            return Is(text, keyword, keywordEnd, "src") || Is(text, keyword, keywordEnd, "src/gz") ? url : -1;
        }

        // apk: "URL" or "@tag URL"; -1 when there is none.
        private static int ApkUrl(string text, int start, int end, out int urlEnd)
        {
            int first = Word(text, start, end, out urlEnd);
            if (first < 0 || text[first] != '@') return first;
            return Word(text, urlEnd, end, out urlEnd);
        }

        // The first word of text[from, end) (words separated by characters up to ' ', as UciText.CountWords splits them):
        // its start, or -1, and its end.
        private static int Word(string text, int from, int end, out int wordEnd)
        {
            int start = from;
            while (start < end && text[start] <= ' ') start++;
            wordEnd = start;
            if (start >= end) return -1;
            while (wordEnd < end && text[wordEnd] > ' ') wordEnd++;
            return start;
        }

        private static bool Is(string text, int start, int end, string word)
        {
            if (end - start != word.Length) return false;
            for (int i = 0; i < word.Length; i++) if (text[start + i] != word[i]) return false;
            return true;
        }

        // Appends what AppendKeySegment(Host(url), 100) appends for url = text[start, end): read in place for a
        // "scheme://host..." URL with a plain host, through Host's string otherwise (paths, file:, no scheme, [IPv6]).
        private static void AppendHost(TextBuilder key, string text, int start, int end)
        {
            int scheme = -1;
            for (int i = start; i + 2 < end && scheme < 0; i++)
            {
                if (text[i] == ':' && text[i + 1] == '/' && text[i + 2] == '/') scheme = i;
            }
            bool file = scheme == start + 4 && Ordinal.LowerAscii(text[start]) == 'f' && Ordinal.LowerAscii(text[start + 1]) == 'i'
                && Ordinal.LowerAscii(text[start + 2]) == 'l' && Ordinal.LowerAscii(text[start + 3]) == 'e';
            int host = scheme + 3, hostEnd = end;
            if (scheme >= 0)
            {
                int at = IndexOf(text, '@', host, end);
                int slash = IndexOf(text, '/', host, end);
                if (at >= 0 && (slash < 0 || at < slash)) host = at + 1;
                if (slash >= 0) hostEnd = slash;
            }
            if (text[start] == '/' || scheme < 0 || file || (host < hostEnd && text[host] == '['))
            {
                key.AppendKeySegment(Host(text.Substring(start, end - start)), 100);
                return;
            }
            int colon = IndexOf(text, ':', host, end);
            if (colon >= 0 && colon < hostEnd) hostEnd = colon;
            key.AppendLowerKeySegment(text, host, hostEnd - host, 100);
        }

        private static int IndexOf(string text, char c, int from, int end)
        {
            for (int i = from; i < end; i++) if (text[i] == c) return i;
            return -1;
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
    }
}
