using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>How the RouterOS probe reaches the REST API (www or www-ssl service), who it logs in as, and its bounds.</summary>
    public sealed class RouterOsOptions
    {
        public RouterOsOptions(HttpCredentials credentials)
        {
            Credentials = credentials;
            Scheme = "https";
            Port = 443;
            RequestTimeoutMs = 10000;
            TotalTimeoutMs = 60000;
            MaxBodyBytes = 64 * 1024;
            MaxStringBytes = 32 * 1024;
            MaxValues = 8192;
            MaxListItems = 1024;
        }

        /// <summary>A RouterOS user; a "read" group account is enough (the probe only sends GET).</summary>
        public HttpCredentials Credentials { get; set; }

        /// <summary>"https" (www-ssl, what MikroTik recommends) or "http" (www, RouterOS 7.9 and later).</summary>
        public string Scheme { get; set; }

        public int Port { get; set; }

        /// <summary>Bound on each request, connect to last byte.</summary>
        public int RequestTimeoutMs { get; set; }

        /// <summary>Bound on the whole probe (about 55 requests plus the first authentication challenge).</summary>
        public int TotalTimeoutMs { get; set; }

        /// <summary>Largest answer read for one menu; a larger one is "could not verify", never cut short and parsed.</summary>
        public int MaxBodyBytes { get; set; }

        /// <summary>Longest single JSON string (a script source or scheduler on-event text is the longest RouterOS sends).</summary>
        public int MaxStringBytes { get; set; }

        /// <summary>Most items one menu may list (rules, files, users ...); a longer list is "could not verify".</summary>
        public int MaxListItems { get; set; }

        /// <summary>Most JSON values in one answer.</summary>
        public int MaxValues { get; set; }
    }
}
