namespace FlaxGuard.Engine.Discovery
{
    /// <summary>How a device made itself known in a discovery round (bit flags: a device often answers several ways).</summary>
    public static class DiscoverySource
    {
        public const int Ssdp = 1;
        public const int Mdns = 2;
        public const int WsDiscovery = 4;
        public const int TcpSweep = 8;

        /// <summary>"ssdp,mdns,..." in a fixed order.</summary>
        public static string Names(int sources)
        {
            string text = "";
            if ((sources & Ssdp) != 0) text = "ssdp";
            if ((sources & Mdns) != 0) text = text.Length == 0 ? "mdns" : text + ",mdns";
            if ((sources & WsDiscovery) != 0) text = text.Length == 0 ? "ws-discovery" : text + ",ws-discovery";
            if ((sources & TcpSweep) != 0) text = text.Length == 0 ? "tcp" : text + ",tcp";
            return text;
        }
    }
}
