using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// An http URL a UPnP device hands out (LOCATION, URLBase, controlURL), taken apart strictly so the probe
    /// can refuse every URL that leads off the checked device: a hostile device must not be able to send the
    /// checker to another host on the network.
    /// </summary>
    public sealed class UpnpUrl
    {
        public const int MaxLength = 256;

        private UpnpUrl(string host, int port, string pathAndQuery)
        {
            Host = host;
            Port = port;
            PathAndQuery = pathAndQuery;
        }

        /// <summary>Host name or IP literal, IPv6 without brackets.</summary>
        public string Host { get; private set; }

        public int Port { get; private set; }

        /// <summary>Absolute path with query, normalized (no "." or ".." segments).</summary>
        public string PathAndQuery { get; private set; }

        /// <summary>"http://host:port".</summary>
        public string Origin
        {
            get { return "http://" + (Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host) + ":" + Port.ToString(); }
        }

        public override string ToString()
        {
            return Origin + PathAndQuery;
        }

        /// <summary>An absolute http:// URL (no user info, port 1 to 65535), or null when it is anything else.</summary>
        public static UpnpUrl Parse(string url)
        {
            if (url == null) return null;
            url = url.Trim();
            if (url.Length == 0 || url.Length > MaxLength) return null;
            for (int i = 0; i < url.Length; i++)
            {
                char c = url[i];
                if (c <= ' ' || c >= (char)0x7F || c == '\\') return null;
            }
            if (!StartsWithIgnoreAsciiCase(url, "http://")) return null;
            int authorityStart = 7;
            int authorityEnd = authorityStart;
            while (authorityEnd < url.Length && url[authorityEnd] != '/' && url[authorityEnd] != '?' && url[authorityEnd] != '#') authorityEnd++;
            string authority = url.Substring(authorityStart, authorityEnd - authorityStart);
            if (authority.Length == 0 || authority.IndexOf('@') >= 0) return null;
            string host;
            string portText = null;
            if (authority[0] == '[')
            {
                int close = authority.IndexOf(']');
                if (close < 2) return null;
                host = authority.Substring(1, close - 1);
                string rest = authority.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':') return null;
                    portText = rest.Substring(1);
                }
            }
            else
            {
                int colon = authority.IndexOf(':');
                if (colon >= 0)
                {
                    if (authority.IndexOf(':', colon + 1) >= 0) return null;
                    host = authority.Substring(0, colon);
                    portText = authority.Substring(colon + 1);
                }
                else
                {
                    host = authority;
                }
            }
            if (host.Length == 0) return null;
            int port = 80;
            if (portText != null)
            {
                port = ParsePort(portText);
                if (port < 1) return null;
            }
            string path = authorityEnd < url.Length ? url.Substring(authorityEnd) : "/";
            int hash = path.IndexOf('#');
            if (hash >= 0) path = path.Substring(0, hash);
            if (path.Length == 0 || path[0] == '?') path = "/" + path;
            UpnpUrl parsed = new UpnpUrl(host, port, "/");
            string normalized = UrlPath.Resolve(parsed.Origin, "/", path);
            if (normalized == null) return null;
            parsed.PathAndQuery = normalized;
            return parsed;
        }

        /// <summary>
        /// Resolves a link from a document fetched at this URL: an absolute http URL, or a path relative to
        /// this one. Null when it is malformed or another scheme. The caller still checks the host.
        /// </summary>
        public UpnpUrl Resolve(string link)
        {
            if (link == null) return null;
            link = link.Trim();
            if (link.Length == 0 || link.Length > MaxLength) return null;
            if (StartsWithIgnoreAsciiCase(link, "http://")) return Parse(link);
            string path = UrlPath.Resolve(Origin, PathAndQuery, link);
            return path == null ? null : new UpnpUrl(Host, Port, path);
        }

        /// <summary>True when the two hosts are the same (ASCII case-insensitive, brackets and IPv4-mapped IPv6 prefix ignored).</summary>
        public static bool SameHost(string a, string b)
        {
            return Ordinal.EqualsIgnoreAsciiCase(Bare(a), Bare(b));
        }

        private static string Bare(string host)
        {
            if (host == null) return string.Empty;
            if (host.Length > 1 && host[0] == '[' && host[host.Length - 1] == ']') host = host.Substring(1, host.Length - 2);
            if (host.Length > 7 && StartsWithIgnoreAsciiCase(host, "::ffff:") && host.IndexOf('.') > 0) host = host.Substring(7);
            return host;
        }

        /// <summary>Case-insensitive (ASCII) prefix test; compares in place rather than lower-casing a copy of the text.</summary>
        private static bool StartsWithIgnoreAsciiCase(string text, string lowerPrefix)
        {
            if (text.Length < lowerPrefix.Length) return false;
            for (int i = 0; i < lowerPrefix.Length; i++)
            {
                if (Ordinal.LowerAscii(text[i]) != lowerPrefix[i]) return false;
            }
            return true;
        }

        private static int ParsePort(string text)
        {
            if (text.Length == 0 || text.Length > 5) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value >= 1 && value <= 65535 ? value : -1;
        }
    }
}
