using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>How to reach a Hikvision camera or NVR over ISAPI, and how far to trust its answers.</summary>
    public sealed class IsapiOptions
    {
        public IsapiOptions(HttpCredentials credentials)
        {
            Credentials = credentials;
            Port = 80;
            RequestTimeoutMs = 5000;
            TotalTimeMs = 30000;
            MaxBodyBytes = 64 * 1024;
            MaxXmlDepth = 16;
            MaxUsers = 64;
            ReadCloudAccess = true;
        }

        /// <summary>An ISAPI account; a read-only Operator account is enough on most firmware, Administrator on some.</summary>
        public HttpCredentials Credentials { get; private set; }

        /// <summary>The web port (80, or 443 with <see cref="UseHttps"/>).</summary>
        public int Port { get; set; }

        public bool UseHttps { get; set; }

        /// <summary>Bound on each request (Digest challenge, request, stale-nonce retry each count separately).</summary>
        public int RequestTimeoutMs { get; set; }

        /// <summary>Bound on the whole probe run.</summary>
        public int TotalTimeMs { get; set; }

        /// <summary>Largest answer accepted from any one resource; ISAPI documents are a few KB.</summary>
        public long MaxBodyBytes { get; set; }

        public int MaxXmlDepth { get; set; }

        /// <summary>Accounts read at most (Hikvision devices allow 32).</summary>
        public int MaxUsers { get; set; }

        /// <summary>Also read /ISAPI/System/Network/EZVIZ (Hik-Connect cloud access) for <c>cfg.remote.hik-connect</c>.</summary>
        public bool ReadCloudAccess { get; set; }
    }
}
