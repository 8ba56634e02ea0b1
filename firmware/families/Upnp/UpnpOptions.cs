namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>How to find the device's UPnP Internet Gateway Device and how far to trust its answers.</summary>
    public sealed class UpnpOptions
    {
        public const string MulticastGroup = "239.255.255.250";

        public UpnpOptions()
        {
            SsdpPort = 1900;
            UseUnicast = true;
            UseMulticast = true;
            SearchAttempts = 2;
            UnicastWaitMs = 1000;
            MulticastWaitMs = 2000;
            MulticastMx = 1;
            MaxDatagramBytes = 2048;
            MaxDatagramsPerSearch = 32;
            HttpTimeoutMs = 5000;
            MaxDescriptionBytes = 64 * 1024;
            MaxSoapBytes = 16 * 1024;
            MaxXmlDepth = 24;
            MaxMappings = 128;
            TotalTimeMs = 60000;
            ReportExternalIp = true;
        }

        /// <summary>
        /// The device description URL (the LOCATION an SSDP answer would give), to skip discovery for routers
        /// that answer HTTP but not SSDP. Must be on the checked device. Null: discover with SSDP.
        /// </summary>
        public string DescriptionUrl { get; set; }

        /// <summary>The UDP port SSDP searches go to (1900 on real devices; lab twins use others).</summary>
        public int SsdpPort { get; set; }

        /// <summary>Search the device directly first (UDA 1.1 unicast M-SEARCH).</summary>
        public bool UseUnicast { get; set; }

        /// <summary>Then search the SSDP multicast group, keeping only the checked device's answer (needs an <c>IUdpCollector</c>).</summary>
        public bool UseMulticast { get; set; }

        /// <summary>How often each search is sent when nothing answers (UDP may drop a datagram).</summary>
        public int SearchAttempts { get; set; }

        /// <summary>Wait for a unicast answer.</summary>
        public int UnicastWaitMs { get; set; }

        /// <summary>Wait for multicast answers; must exceed <see cref="MulticastMx"/> seconds, the spread devices delay their answers by.</summary>
        public int MulticastWaitMs { get; set; }

        /// <summary>The MX value of the search, in seconds (1 to 5).</summary>
        public int MulticastMx { get; set; }

        /// <summary>An SSDP answer longer than this is refused as oversized.</summary>
        public int MaxDatagramBytes { get; set; }

        /// <summary>Datagrams read per search at most (a flood of answers ends the search, it does not extend it).</summary>
        public int MaxDatagramsPerSearch { get; set; }

        /// <summary>Bound on each HTTP exchange (description and every SOAP call).</summary>
        public int HttpTimeoutMs { get; set; }

        public long MaxDescriptionBytes { get; set; }

        public long MaxSoapBytes { get; set; }

        public int MaxXmlDepth { get; set; }

        /// <summary>Port mappings read at most; a device that lists more, or never ends its list, is "could not verify".</summary>
        public int MaxMappings { get; set; }

        /// <summary>Bound on the whole probe run, discovery to the last mapping.</summary>
        public int TotalTimeMs { get; set; }

        /// <summary>
        /// Report the router's public address as the fact <c>upnp.external_ip</c> (Config). It is not volatile in
        /// the sense of a counter, but a provider may reassign it: its drift rule rates a change Info, and owners
        /// with a dynamic address who do not want to see that can switch it off here.
        /// </summary>
        public bool ReportExternalIp { get; set; }
    }
}
