namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>How to reach a camera's ONVIF device service, with which account, and how far to trust its answers.</summary>
    public sealed class OnvifOptions
    {
        public const string DefaultServicePath = "/onvif/device_service";

        public OnvifOptions()
        {
            Port = 80;
            ServicePath = DefaultServicePath;
            HttpTimeoutMs = 5000;
            TotalTimeMs = 30000;
            MaxSoapBytes = 64 * 1024;
            MaxXmlDepth = 16;
            MaxTextBytes = 512;
            MaxValues = 512;
            ClockWarningMs = 5 * 60 * 1000;
        }

        /// <summary>ONVIF account name. The account needs the Administrator level to list users (GetUsers).</summary>
        public string User { get; set; }

        /// <summary>Its password; it only ever leaves the probe as a WS-Security digest, never in facts or verdicts.</summary>
        public string Password { get; set; }

        /// <summary>Use https for the device service (self-signed certificates are accepted and fingerprinted by the transport).</summary>
        public bool UseHttps { get; set; }

        /// <summary>TCP port of the device service (80 on most cameras).</summary>
        public int Port { get; set; }

        /// <summary>Path of the device service; ONVIF fixes it to /onvif/device_service.</summary>
        public string ServicePath { get; set; }

        /// <summary>Bound on each SOAP exchange.</summary>
        public int HttpTimeoutMs { get; set; }

        /// <summary>Bound on the whole probe run, first call to last.</summary>
        public int TotalTimeMs { get; set; }

        /// <summary>Largest SOAP answer accepted.</summary>
        public long MaxSoapBytes { get; set; }

        /// <summary>Deepest element nesting accepted in an answer (the envelope is depth 1).</summary>
        public int MaxXmlDepth { get; set; }

        /// <summary>Longest value (element text) accepted.</summary>
        public int MaxTextBytes { get; set; }

        /// <summary>Most values (leaf elements) read from one answer: a device that lists more is refused.</summary>
        public int MaxValues { get; set; }

        /// <summary>A camera clock further off than this gets a Low verdict (wrong time breaks logs and certificate checks).</summary>
        public long ClockWarningMs { get; set; }
    }
}
