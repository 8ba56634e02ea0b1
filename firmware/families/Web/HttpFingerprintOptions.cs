namespace FlaxGuard.Engine.Probes
{
    /// <summary>Where the admin web interface is and what to fingerprint.</summary>
    public sealed class HttpFingerprintOptions
    {
        public HttpFingerprintOptions()
        {
            Scheme = "http";
            Port = 80;
            Paths = new string[0];
            DiscoverAssets = true;
            MaxDiscoveredAssets = 8;
            TimeoutMs = 10000;
            MaxAssetBytes = 32L * 1024 * 1024;
            HeadBytes = 8 * 1024;
            MaxRedirects = 3;
        }

        /// <summary>"http" or "https".</summary>
        public string Scheme { get; set; }

        public int Port { get; set; }

        /// <summary>Static files (absolute paths) whose SHA-256 become facts.</summary>
        public string[] Paths { get; set; }

        /// <summary>Also hash the scripts and stylesheets the landing page links to on the same device.</summary>
        public bool DiscoverAssets { get; set; }

        public int MaxDiscoveredAssets { get; set; }

        /// <summary>Bound on each request.</summary>
        public int TimeoutMs { get; set; }

        /// <summary>Largest file that is hashed; a larger one is "could not verify".</summary>
        public long MaxAssetBytes { get; set; }

        /// <summary>How much of the landing page is kept to find its title and links.</summary>
        public int HeadBytes { get; set; }

        /// <summary>Redirects followed from "/" (same device only).</summary>
        public int MaxRedirects { get; set; }

        /// <summary>
        /// A page (absolute path) whose linked scripts and stylesheets are hashed besides the landing page's, up to
        /// <see cref="MaxDiscoveredAssets"/> more: the login page a camera's root page redirects to by script. Null for none.
        /// </summary>
        public string LoginPath { get; set; }
    }
}
