namespace FlaxGuard.Engine.Discovery
{
    /// <summary>Bounds of one discovery round. The defaults fit a /24 into a few seconds on the Linux agent; the dongle uses fewer workers.</summary>
    public sealed class DiscoveryOptions
    {
        public DiscoveryOptions()
        {
            AdminPorts = new int[] { 80, 443, 22, 23, 2323, 8080, 8443, 8000, 554, 8291, 8728, 5000, 161 };
            SearchWaitMs = 1500;
            MaxDatagramBytes = 9000;
            MaxAnswersPerSearch = 2048;
            MaxDevices = 256;
            ConnectTimeoutMs = 400;
            SweepConcurrency = 48;
            SweepTimeMs = 8000;
            HttpTimeoutMs = 1500;
            IdentifyConcurrency = 8;
            IdentifyTimeMs = 5000;
            MaxPageBytes = 16 * 1024;
            MaxDescriptionBytes = 32 * 1024;
            SsdpPort = 1900;
            MdnsPort = 5353;
            WsDiscoveryPort = 3702;
        }

        /// <summary>Admin ports the sweep tries. The first is tried on every address; the rest only on addresses that answered.</summary>
        public int[] AdminPorts { get; set; }

        /// <summary>How long each multicast search listens for answers (they all run at once).</summary>
        public int SearchWaitMs { get; set; }

        /// <summary>mDNS allows 9000-byte messages (RFC 6762 section 17); anything longer is refused as oversized.</summary>
        public int MaxDatagramBytes { get; set; }

        /// <summary>Answers taken per search; a flood beyond this is not read.</summary>
        public int MaxAnswersPerSearch { get; set; }

        public int MaxDevices { get; set; }

        public int ConnectTimeoutMs { get; set; }

        /// <summary>Connections in flight at once during the sweep (keep it small on an ESP32).</summary>
        public int SweepConcurrency { get; set; }

        public int SweepTimeMs { get; set; }

        public int HttpTimeoutMs { get; set; }

        public int IdentifyConcurrency { get; set; }

        /// <summary>Bound on the identification step (web pages, UPnP descriptions) for all devices together.</summary>
        public int IdentifyTimeMs { get; set; }

        public int MaxPageBytes { get; set; }

        public int MaxDescriptionBytes { get; set; }

        /// <summary>Ports of the searches; only tests change them.</summary>
        public int SsdpPort { get; set; }

        public int MdnsPort { get; set; }

        public int WsDiscoveryPort { get; set; }

        /// <summary>False skips the TCP sweep (multicast answers only).</summary>
        public bool Sweep { get { return !_noSweep; } set { _noSweep = !value; } }

        private bool _noSweep;
    }
}
