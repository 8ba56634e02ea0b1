using System;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>What one discovery round of an appliance found on its LAN: the network, the devices, and how much was turned away.</summary>
    public sealed class LanInventory
    {
        public LanInventory(string network, LanDevice[] devices, int elapsedMs, int turnedAway)
        {
            if (network == null || network.Length == 0) throw new ArgumentException("network is empty", "network");
            if (devices == null) throw new ArgumentNullException("devices");
            if (devices.Length > LanInventoryLimits.MaxDevices) throw new ArgumentException("an inventory holds at most " + LanInventoryLimits.MaxDevices.ToString() + " devices", "devices");
            Network = network;
            Devices = devices;
            ElapsedMs = elapsedMs < 0 ? 0 : elapsedMs;
            TurnedAway = turnedAway < 0 ? 0 : turnedAway;
        }

        /// <summary>The IPv4 block searched, "192.0.2.0/24".</summary>
        public string Network { get; private set; }

        public LanDevice[] Devices { get; private set; }

        /// <summary>How long the discovery round took.</summary>
        public int ElapsedMs { get; private set; }

        /// <summary>Answers from outside the network, malformed or stray answers, and devices over the cap.</summary>
        public int TurnedAway { get; private set; }
    }
}
