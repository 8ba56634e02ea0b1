#nullable disable
using System;

namespace FlaxGuard.Esp32.Http
{
    /// <summary>An absolute http(s) URL split for a request: scheme, host (IPv6 without brackets), port, target, Host header.</summary>
    public sealed class HttpUrl
    {
        private HttpUrl()
        {
        }

        public bool Https { get; private set; }
        public string Host { get; private set; }
        public int Port { get; private set; }

        /// <summary>Path and query, starting with '/'.</summary>
        public string Target { get; private set; }

        /// <summary>Host header: the host (IPv6 in brackets), plus ":port" unless it is the scheme's default.</summary>
        public string HostHeader { get; private set; }

        /// <summary>The parts of <paramref name="url"/>, or null when it is not an absolute http or https URL.</summary>
        public static HttpUrl Parse(string url)
        {
            if (url == null) return null;
            HttpUrl parsed = new HttpUrl();
            string rest;
            if (url.Length > 7 && EqualsPrefix(url, "http://")) rest = url.Substring(7);
            else if (url.Length > 8 && EqualsPrefix(url, "https://")) { rest = url.Substring(8); parsed.Https = true; }
            else return null;

            int slash = rest.IndexOf('/');
            int query = rest.IndexOf('?');
            int end = slash < 0 ? query : (query < 0 ? slash : (slash < query ? slash : query));
            string authority = end < 0 ? rest : rest.Substring(0, end);
            string target = end < 0 ? "/" : rest.Substring(end);
            if (target.Length > 0 && target[0] == '?') target = "/" + target;
            int hash = target.IndexOf('#');
            if (hash >= 0) target = target.Substring(0, hash);
            if (authority.IndexOf('@') >= 0) return null;

            int defaultPort = parsed.Https ? 443 : 80;
            string host;
            int port = defaultPort;
            if (authority.Length > 0 && authority[0] == '[')
            {
                int close = authority.IndexOf(']');
                if (close < 0) return null;
                host = authority.Substring(1, close - 1);
                if (close + 1 < authority.Length)
                {
                    if (authority[close + 1] != ':') return null;
                    port = ParsePort(authority.Substring(close + 2));
                }
            }
            else
            {
                int colon = authority.IndexOf(':');
                host = colon < 0 ? authority : authority.Substring(0, colon);
                if (colon >= 0) port = ParsePort(authority.Substring(colon + 1));
            }
            if (host.Length == 0 || port < 1) return null;
            for (int i = 0; i < target.Length; i++)
            {
                if (target[i] <= ' ' || target[i] >= (char)0x7F) return null;
            }
            parsed.Host = host;
            parsed.Port = port;
            parsed.Target = target;
            string hostForHeader = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
            parsed.HostHeader = port == defaultPort ? hostForHeader : hostForHeader + ":" + port.ToString();
            return parsed;
        }

        private static bool EqualsPrefix(string url, string prefix)
        {
            for (int i = 0; i < prefix.Length; i++)
            {
                char c = url[i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                if (c != prefix[i]) return false;
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
            return value <= 65535 ? value : -1;
        }
    }
}
