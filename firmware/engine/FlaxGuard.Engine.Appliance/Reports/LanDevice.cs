using System;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// One device of a LAN inventory report, as the appliance saw it: its address, the MAC where the platform
    /// knows it, what it says it is (vendor, model, name, kind), the profile FlaxGuard suggests and how sure it is,
    /// how it was found (DiscoverySource flags) and its open admin ports. Every text is cleaned and capped at
    /// <see cref="LanInventoryLimits.MaxText"/> characters by the codec.
    /// </summary>
    public sealed class LanDevice
    {
        public LanDevice(string address)
        {
            if (address == null || address.Length == 0) throw new ArgumentException("address is empty", "address");
            Address = address;
            Mac = "";
            Vendor = "";
            Model = "";
            Name = "";
            Kind = "";
            Profile = "";
            Confidence = "";
            Reason = "";
            Ports = new int[0];
        }

        public string Address { get; private set; }

        /// <summary>"aa:bb:cc:dd:ee:ff" or empty when unknown (the dongle has no neighbour table to read).</summary>
        public string Mac { get; set; }

        public string Vendor { get; set; }
        public string Model { get; set; }

        /// <summary>The name it announces (mDNS instance, ONVIF name).</summary>
        public string Name { get; set; }

        /// <summary>router, camera, nas, printer or device.</summary>
        public string Kind { get; set; }

        /// <summary>The suggested profile, or empty.</summary>
        public string Profile { get; set; }

        /// <summary>high, medium, low, or empty with no suggestion.</summary>
        public string Confidence { get; set; }

        /// <summary>The evidence for the suggestion, in words.</summary>
        public string Reason { get; set; }

        /// <summary>DiscoverySource flags (1 SSDP, 2 mDNS, 4 WS-Discovery, 8 TCP sweep).</summary>
        public int Sources { get; set; }

        /// <summary>Open admin ports, ascending.</summary>
        public int[] Ports { get; set; }
    }
}
