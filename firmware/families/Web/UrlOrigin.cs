using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Where a URL in a page points, read the way browsers read it: tabs and line breaks inside are dropped, the
    /// ends trimmed, '\' taken as '/', entities decoded; "//host/x" takes the page's scheme. A URL on the device
    /// itself (relative, or naming the device's host) is not foreign; any other host, or a scheme that carries code
    /// or data in itself (data:, javascript:, blob: ...), is.
    /// </summary>
    public static class UrlOrigin
    {
        /// <summary>
        /// The foreign origin as a fact-key segment ("cdn.example", "evil.example:8080", "data:"), or null when the URL stays
        /// on the device. <paramref name="scheme"/> is "http", "https" or "inline" (a URL that is itself the content).
        /// </summary>
        public static string Foreign(string raw, string pageHost, string pageScheme, out string scheme)
        {
            scheme = null;
            string s = Clean(raw);
            if (s.Length == 0) return null;
            int authority;
            if (s.Length > 1 && s[0] == '/' && s[1] == '/')
            {
                scheme = pageScheme;
                authority = 2;
            }
            else
            {
                int colon = SchemeEnd(s);
                if (colon < 0) return null;
                string name = Ordinal.ToLowerAscii(s.Substring(0, colon));
                if (name != "http" && name != "https")
                {
                    scheme = "inline";
                    return FactText.KeySegment(name, 16) + ":";
                }
                // "http:/x" and "http:x" stay on the page's own host.
                if (colon + 2 >= s.Length || s[colon + 1] != '/' || s[colon + 2] != '/') return null;
                scheme = name;
                authority = colon + 3;
            }
            int end = authority;
            while (end < s.Length && s[end] != '/' && s[end] != '?' && s[end] != '#') end++;
            string host = Ordinal.ToLowerAscii(s.Substring(authority, end - authority));
            int at = host.LastIndexOf('@');
            if (at >= 0) host = host.Substring(at + 1);
            string name2 = host;
            if (host.Length > 0 && host[0] == '[')
            {
                int close = host.IndexOf(']');
                if (close > 0) name2 = host.Substring(0, close + 1);
            }
            else
            {
                int port = host.IndexOf(':');
                if (port >= 0) name2 = host.Substring(0, port);
            }
            while (name2.Length > 0 && name2[name2.Length - 1] == '.') name2 = name2.Substring(0, name2.Length - 1);
            if (name2.Length == 0) return null;
            if (pageHost != null && name2 == Ordinal.ToLowerAscii(pageHost)) return null;
            return FactText.KeySegment(host, 100);
        }

        // Index of the ':' ending a URL scheme, or -1 when the text has none (a relative URL).
        private static int SchemeEnd(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c == ':') return i > 0 ? i : -1;
                bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                bool ok = letter || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
                if (!ok) return -1;
            }
            return -1;
        }

        private static string Clean(string raw)
        {
            if (raw == null) return string.Empty;
            string text = HtmlScan.DecodeEntities(raw);
            System.Text.StringBuilder sb = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\t' || c == '\n' || c == '\r') continue;
                if (c <= ' ' && sb.Length == 0) continue;
                sb.Append(c == '\\' ? '/' : c);
            }
            int n = sb.Length;
            while (n > 0 && sb[n - 1] <= ' ') n--;
            return sb.ToString(0, n);
        }
    }
}
