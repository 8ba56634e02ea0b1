using System;
using System.Collections;
using FlaxGuard.Engine.Families;

namespace FlaxGuard.Engine.Probes.Profiles
{
    /// <summary>
    /// The probes each device profile runs, read from the family table (<see cref="DeviceFamilies"/>). One place for the
    /// CLI, the Linux agent and the dongle, so a job means the same checks wherever it runs. Every profile also looks
    /// for risky open ports.
    /// </summary>
    public static class ProbeProfiles
    {
        public const string Web = "web";
        public const string OpenWrt = "openwrt";
        public const string RouterOs = "routeros";
        public const string Hikvision = "hikvision";
        public const string Onvif = "onvif";

        /// <summary>Every profile name, in the order --help lists them.</summary>
        public static string[] Names { get { return DeviceFamilies.ProfileNames(); } }

        public static bool IsKnown(string profile)
        {
            return DeviceFamilies.Find(profile) != null;
        }

        public static bool NeedsCredentials(string profile)
        {
            DeviceFamily family = DeviceFamilies.Find(profile);
            return family != null && family.NeedsCredentials;
        }

        /// <summary>
        /// The probes for a device, or null with a reason. exposurePorts null means the default risky-port list,
        /// an empty array means no port probing.
        /// </summary>
        public static IProbe[] Create(string profile, ProfileAddress address, string user, string password, int[] exposurePorts, out string error)
        {
            error = null;
            DeviceFamily family = DeviceFamilies.Find(profile);
            if (family == null)
            {
                error = "unknown profile '" + Text.FactText.Clean(profile, 32) + "'";
                return null;
            }
            if (address == null)
            {
                error = "no address";
                return null;
            }
            if (family.NeedsCredentials && (user == null || user.Length == 0 || password == null))
            {
                error = "the " + profile + " profile needs a user name and password";
                return null;
            }

            ArrayList probes = new ArrayList();
            error = family.AddProbes(new FamilyTarget(address, user, password), probes);
            if (error != null) return null;

            int[] ports = exposurePorts == null ? RiskyPorts.DefaultPortNumbers() : exposurePorts;
            if (ports.Length > 0)
            {
                TcpExposureOptions exposure = new TcpExposureOptions();
                exposure.Ports = ports;
                probes.Add(new TcpExposureProbe(exposure));
            }
            IProbe[] result = new IProbe[probes.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (IProbe)probes[i];
            return result;
        }
    }
}
