namespace FlaxGuard.Engine.Http
{
    /// <summary>The request-target of an absolute URL (path and query, no fragment), which Digest signs as "uri".</summary>
    public static class RequestTarget
    {
        /// <summary>
        /// Whether <see cref="FromUrl"/> gives a target for <paramref name="url"/> (it has "://"), answered without
        /// making the target: a client that signs nothing (Basic) needs only this on every request.
        /// </summary>
        public static bool HasTarget(string url)
        {
            return url != null && url.IndexOf("://") >= 0;
        }

        /// <summary>Whether <paramref name="url"/> is scheme://authority with nothing after it (no path, query or fragment).</summary>
        public static bool IsOrigin(string url)
        {
            if (url == null) return false;
            int scheme = url.IndexOf("://");
            if (scheme <= 0 || scheme + 3 >= url.Length) return false;
            for (int p = scheme + 3; p < url.Length; p++)
            {
                char c = url[p];
                if (c == '/' || c == '?' || c == '#') return false;
            }
            return true;
        }

        public static string FromUrl(string url)
        {
            if (url == null) return null;
            int scheme = url.IndexOf("://");
            if (scheme < 0) return null;
            int p = scheme + 3;
            while (p < url.Length && url[p] != '/' && url[p] != '?' && url[p] != '#') p++;
            int end = url.IndexOf('#', p);
            if (end < 0) end = url.Length;
            string target = url.Substring(p, end - p);
            if (target.Length == 0 || target[0] != '/') target = "/" + target;
            return target;
        }
    }
}
