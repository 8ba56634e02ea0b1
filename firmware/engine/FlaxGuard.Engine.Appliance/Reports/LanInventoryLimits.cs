namespace FlaxGuard.Engine.Reports
{
    /// <summary>Bounds of a LAN inventory report, enforced when sealing and again by the host's decoder.</summary>
    public static class LanInventoryLimits
    {
        /// <summary>Devices in one report (discovery caps a round at 256 on the agent, fewer on the dongle).</summary>
        public const int MaxDevices = 256;

        /// <summary>Characters of each text field.</summary>
        public const int MaxText = 96;

        /// <summary>Characters of the suggestion's reason.</summary>
        public const int MaxReason = 160;

        public const int MaxPorts = 16;
    }
}
