#nullable disable
using System;
using FlaxGuard.Engine.Text;

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
            int port;
            if (!HostPort.TrySplit(authority, defaultPort, false, out host, out port)) return null;
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

        /// <summary>
        /// The request target of a base URL whose target is <paramref name="baseTarget"/> followed by <paramref name="suffix"/>
        /// ('/' or '?' first), or null when the suffix has a character a request line cannot carry. Fragments are cut, as Parse cuts them.
        /// </summary>
        public static string JoinTarget(string baseTarget, string suffix)
        {
            if (suffix == null || suffix.Length == 0 || (suffix[0] != '/' && suffix[0] != '?')) return null;
            int hash = suffix.IndexOf('#');
            if (hash >= 0) suffix = suffix.Substring(0, hash);
            for (int i = 0; i < suffix.Length; i++)
            {
                if (suffix[i] <= ' ' || suffix[i] >= (char)0x7F) return null;
            }
            // A base without a path has target "/": "/" + "/x" would be "//x".
            if (baseTarget == "/" && suffix.Length > 0 && suffix[0] == '/') return suffix;
            if (baseTarget.IndexOf('?') >= 0) return null;
            return baseTarget + suffix;
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
    }
}
