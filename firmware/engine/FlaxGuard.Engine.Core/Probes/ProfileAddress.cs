using System;

namespace FlaxGuard.Engine.Probes.Profiles
{
    /// <summary>
    /// Where a device's admin interface is: "host", "host:port", "http://host[:port][/path]" or "https://..."
    /// (IPv6 literals bare, or in brackets to add a port). A URL's path is ignored; user info is refused,
    /// because credentials travel separately and must never sit in an address that gets logged.
    /// </summary>
    public sealed class ProfileAddress
    {
        private ProfileAddress(string scheme, string host, int port)
        {
            Scheme = scheme;
            Host = host;
            Port = port;
        }

        /// <summary>"http", "https", or null when the address named none (the profile then picks its default).</summary>
        public string Scheme { get; private set; }

        public string Host { get; private set; }

        /// <summary>0 when the address named none.</summary>
        public int Port { get; private set; }

        /// <summary>An address already taken apart (scheme may be null, port 0 for the profile's default).</summary>
        public static ProfileAddress Of(string scheme, string host, int port)
        {
            return new ProfileAddress(scheme, host, port);
        }

        /// <summary>The parsed address, or null with a plain-words reason.</summary>
        public static ProfileAddress TryParse(string text, out string error)
        {
            error = null;
            if (text == null || text.Length == 0 || text.Length > 300)
            {
                error = "the address is empty or too long";
                return null;
            }
            string scheme = null;
            string rest = text;
            int sep = text.IndexOf("://");
            if (sep >= 0)
            {
                scheme = Text.Ordinal.ToLowerAscii(text.Substring(0, sep));
                if (scheme != "http" && scheme != "https")
                {
                    error = "only http:// and https:// addresses are supported";
                    return null;
                }
                rest = text.Substring(sep + 3);
                // A pasted admin-page URL keeps only its authority; the profile knows its own paths.
                int pathStart = rest.IndexOf('/');
                if (pathStart >= 0) rest = rest.Substring(0, pathStart);
            }
            if (rest.IndexOf('@') >= 0)
            {
                error = "the address must not carry a user name or password; give credentials separately";
                return null;
            }
            if (rest.IndexOf('/') >= 0 || rest.IndexOf('?') >= 0 || rest.IndexOf('#') >= 0)
            {
                error = "the address must be a host with an optional port, without a path";
                return null;
            }
            string host = rest;
            int port = 0;
            if (rest.Length > 0 && rest[0] == '[')
            {
                int close = rest.IndexOf(']');
                if (close < 0)
                {
                    error = "the IPv6 address is missing its closing ']'";
                    return null;
                }
                host = rest.Substring(1, close - 1);
                string tail = rest.Substring(close + 1);
                if (tail.Length > 0)
                {
                    if (tail[0] != ':' || !TryPort(tail.Substring(1), out port))
                    {
                        error = "the port after the IPv6 address is not a number from 1 to 65535";
                        return null;
                    }
                }
            }
            else
            {
                int colon = rest.LastIndexOf(':');
                if (colon >= 0)
                {
                    if (rest.IndexOf(':') != colon)
                    {
                        // Several colons without brackets: a bare IPv6 address, which cannot carry a port.
                        host = rest;
                    }
                    else
                    {
                        host = rest.Substring(0, colon);
                        if (!TryPort(rest.Substring(colon + 1), out port))
                        {
                            error = "the port is not a number from 1 to 65535";
                            return null;
                        }
                    }
                }
            }
            if (host.Length == 0 || !IsHostText(host))
            {
                error = "the host name has characters a host name cannot have";
                return null;
            }
            return new ProfileAddress(scheme, host, port);
        }

        private static bool TryPort(string text, out int port)
        {
            port = 0;
            if (text.Length == 0 || text.Length > 5) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return false;
                port = port * 10 + (c - '0');
            }
            return port >= 1 && port <= 65535;
        }

        private static bool IsHostText(string host)
        {
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '_' || c == '%';
                if (!ok) return false;
            }
            return true;
        }
    }
}
