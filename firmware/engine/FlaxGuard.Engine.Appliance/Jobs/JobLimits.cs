namespace FlaxGuard.Engine.Jobs
{
    /// <summary>Bounds the job decoder enforces, so a damaged or hostile job cannot make an appliance allocate without limit.</summary>
    public static class JobLimits
    {
        public const int MaxEnvelopeBytes = 512 * 1024;
        public const int MaxTargets = 64;
        public const int MaxStringBytes = 1024;
        public const int MaxCredentialBytes = 256;
        public const int MaxBaselineTextBytes = 256 * 1024;
        public const int MinIntervalSeconds = 10;
        public const int MaxIntervalSeconds = 7 * 24 * 3600;
        public const int DefaultInventoryIntervalSeconds = 24 * 3600;
        public const int MinInventoryIntervalSeconds = 600;
        public const int MaxInventoryIntervalSeconds = 30 * 24 * 3600;

        /// <summary>0 (no full inventory) or within <see cref="MinInventoryIntervalSeconds"/> to <see cref="MaxInventoryIntervalSeconds"/>.</summary>
        public static bool IsValidInventoryInterval(long seconds)
        {
            return seconds == 0 || (seconds >= MinInventoryIntervalSeconds && seconds <= MaxInventoryIntervalSeconds);
        }
        /// <summary>LAN discovery once an hour: often enough to see a new device the same day, rare enough to cost nothing.</summary>
        public const int DefaultDiscoveryIntervalSeconds = 3600;
        public const int MinDiscoveryIntervalSeconds = 300;
        public const int MaxDiscoveryIntervalSeconds = 7 * 24 * 3600;
    }
}
