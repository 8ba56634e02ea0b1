namespace FlaxGuard.Engine.Probes
{
    /// <summary>Which ports the exposure probe tries and how long it may take.</summary>
    public sealed class TcpExposureOptions
    {
        public TcpExposureOptions()
        {
            Ports = RiskyPorts.DefaultPortNumbers();
            ConnectTimeoutMs = 1500;
            BannerTimeoutMs = 700;
            MaxBannerBytes = 256;
            Concurrency = 4;
            TotalTimeoutMs = 30000;
            PerHostTimeoutMs = 0;
        }

        public int[] Ports { get; set; }

        public int ConnectTimeoutMs { get; set; }

        /// <summary>How long to wait for a service to greet after connecting; 0 skips banners.</summary>
        public int BannerTimeoutMs { get; set; }

        public int MaxBannerBytes { get; set; }

        /// <summary>Connections in flight at once (one thread each; keep it small on an ESP32).</summary>
        public int Concurrency { get; set; }

        /// <summary>Bound on the whole sweep; ports not tried by then are reported as not checked.</summary>
        public int TotalTimeoutMs { get; set; }

        /// <summary>For sweeps over many hosts: bound on the time spent on one host (0: only the total bound).</summary>
        public int PerHostTimeoutMs { get; set; }
    }
}
