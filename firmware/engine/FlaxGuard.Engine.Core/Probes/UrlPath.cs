using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Resolves links and redirect targets to a path on the same device, refusing anything else.</summary>
    public static class UrlPath
    {
        public const int MaxLength = 256;

        /// <summary>
        /// The absolute path (with query) that <paramref name="link"/> names on the device at
        /// <paramref name="origin"/> (scheme://host:port), relative to <paramref name="basePath"/>; null when it
        /// points to another origin, another scheme, or is not a plain path.
        /// </summary>
        public static string Resolve(string origin, string basePath, string link)
        {
            if (link == null) return null;
            link = link.Trim();
            if (link.Length == 0 || link.Length > MaxLength) return null;
            int hash = link.IndexOf('#');
            if (hash >= 0) link = link.Substring(0, hash);
            if (link.Length == 0) return null;
            for (int i = 0; i < link.Length; i++)
            {
                char c = link[i];
                if (c <= ' ' || c >= (char)0x7F || c == '\\') return null;
            }
            string lower = Ordinal.ToLowerAscii(link);
            if (Ordinal.StartsWith(lower, "http://") || Ordinal.StartsWith(lower, "https://"))
            {
                string originLower = Ordinal.ToLowerAscii(origin);
                if (!Ordinal.StartsWith(lower, originLower)) return null;
                string rest = link.Substring(origin.Length);
                if (rest.Length == 0) return "/";
                return rest[0] == '/' ? Normalize(rest) : null;
            }
            if (Ordinal.StartsWith(link, "//")) return null;
            if (link[0] == '/') return Normalize(link);
            if (link.IndexOf(':') >= 0 && link.IndexOf(':') < (link.IndexOf('/') < 0 ? link.Length : link.IndexOf('/'))) return null; // javascript:, data:, mailto:
            int q = basePath.IndexOf('?');
            string dir = q >= 0 ? basePath.Substring(0, q) : basePath;
            int slash = dir.LastIndexOf('/');
            dir = slash >= 0 ? dir.Substring(0, slash + 1) : "/";
            return Normalize(dir + link);
        }

        /// <summary>Removes "." and ".." segments so two spellings of one file give one fact key.</summary>
        private static string Normalize(string path)
        {
            int q = path.IndexOf('?');
            string query = q >= 0 ? path.Substring(q) : string.Empty;
            string p = q >= 0 ? path.Substring(0, q) : path;
            string[] parts = p.Split('/');
            string[] kept = new string[parts.Length];
            int n = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                string s = parts[i];
                if (s.Length == 0 || s == ".") continue;
                if (s == "..")
                {
                    if (n > 0) n--;
                    continue;
                }
                kept[n++] = s;
            }
            System.Text.StringBuilder sb = new System.Text.StringBuilder(path.Length + 1);
            for (int i = 0; i < n; i++) sb.Append('/').Append(kept[i]);
            if (n == 0 || Ordinal.EndsWith(p, "/")) sb.Append('/');
            string result = sb.ToString();
            if (result.Length > 1 && Ordinal.StartsWith(result, "//")) result = result.Substring(1);
            return result + query;
        }
    }
}
