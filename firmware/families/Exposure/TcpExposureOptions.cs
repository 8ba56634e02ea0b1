namespace FlaxGuard.Engine.Probes
{
    /// <summary>Which ports the exposure probe tries and how long it may take.</summary>
    public sealed class TcpExposureOptions
    {
        /// <summary>
        /// Sockets lwIP allows at once in nanoFramework's ESP32 firmware: CONFIG_LWIP_MAX_SOCKETS=16 in nf-interpreter
        /// targets/ESP32/_IDF/sdkconfig.default (commit 20c2132), also 16 in sdkconfig.default.esp32c3; lwipopts.h
        /// (targets/ESP32/_include) makes it MEMP_NUM_NETCONN, and CONFIG_LWIP_MAX_ACTIVE_TCP=16 (MEMP_NUM_TCP_PCB)
        /// bounds the TCP connections the same way.
        /// </summary>
        public const int LwipMaxSockets = 16;

        /// <summary>
        /// Sockets a sweep may hold on the dongle: half of lwIP's, since the uploader, the job fetch, DNS and SNTP
        /// need theirs while an inventory runs.
        /// </summary>
        public const int DongleSockets = LwipMaxSockets / 2;

        /// <summary>A full inventory runs this often unless the job says otherwise: daily.</summary>
        public const int DefaultInventoryIntervalSeconds = 24 * 3600;

        public TcpExposureOptions()
        {
            Ports = RiskyPorts.DefaultPortNumbers();
            AllPorts = false;
            ConnectTimeoutMs = 1500;
            MinRttTimeoutMs = 100;
            BannerTimeoutMs = 700;
            GreetingFloorMs = 250;
            MaxBannerBytes = 256;
            Concurrency = 4;
            TotalTimeoutMs = 30000;
            PerHostTimeoutMs = 0;
        }

        public int[] Ports { get; set; }

        /// <summary>Try every TCP port (1-65535) instead of <see cref="Ports"/>: the full inventory.</summary>
        public bool AllPorts { get; set; }

        /// <summary>Ceiling of a connect's wait; the host's measured round trip brings it down (see <see cref="RttEstimator"/>).</summary>
        public int ConnectTimeoutMs { get; set; }

        /// <summary>Floor of the round-trip-scaled connect timeout (nmap -T4 uses 100 ms).</summary>
        public int MinRttTimeoutMs { get; set; }

        /// <summary>Ceiling of the wait for a service to greet after connecting; 0 skips banners.</summary>
        public int BannerTimeoutMs { get; set; }

        /// <summary>Least wait for a service that speaks first, however short the round trip (servers take time to fork).</summary>
        public int GreetingFloorMs { get; set; }

        public int MaxBannerBytes { get; set; }

        /// <summary>Sockets open at once, connects and greetings together (one thread per connect; keep it small on an ESP32).</summary>
        public int Concurrency { get; set; }

        /// <summary>Bound on the whole sweep; ports not tried by then are reported as not checked.</summary>
        public int TotalTimeoutMs { get; set; }

        /// <summary>For sweeps over many hosts: bound on the time spent on one host (0: only the total bound).</summary>
        public int PerHostTimeoutMs { get; set; }

        /// <summary>The ports to try as a set (a range for the full inventory).</summary>
        public PortSet PortsToTry()
        {
            return AllPorts ? Probes.PortSet.All() : Probes.PortSet.Of(Ports);
        }
    }
}
