using System;
using System.Collections;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Profiles
{
    /// <summary>
    /// The probes each device profile runs, read from the family table (<see cref="DeviceFamilies"/>). One place for the
    /// CLI, the Linux agent and the dongle, so a job means the same checks wherever it runs. Every profile also looks
    /// for risky open ports; vendor profiles fingerprint their own web interface; router profiles list UPnP port
    /// mappings and compare the router's DNS with a trusted resolver; any device with SNMP credentials is asked over SNMP.
    /// </summary>
    public static class ProbeProfiles
    {
        public const string Web = "web";
        public const string OpenWrt = "openwrt";
        public const string RouterOs = "routeros";
        public const string Hikvision = "hikvision";
        public const string Onvif = "onvif";
        public const string Router = "router";
        public const string Snmp = "snmp";
        public const string Upnp = "upnp";

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
            return Create(profile, address, user, password, exposurePorts, null, out error);
        }

        /// <summary>
        /// The probes for a device with its probe settings (trusted resolver, SNMP credentials; null for none), or
        /// null with a reason that never quotes a secret.
        /// </summary>
        public static IProbe[] Create(string profile, ProfileAddress address, string user, string password, int[] exposurePorts, ProbeSettings settings, out string error)
        {
            if (settings == null) settings = new ProbeSettings();
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
            FamilyTarget target = new FamilyTarget(address, user, password, settings);
            error = family.AddProbes(target, probes);
            if (error != null) return null;
            error = AddSharedProbes(family, target, probes);
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

        /// <summary>The probes a family's traits call for beyond its own: web fingerprint, router checks, SNMP.</summary>
        private static string AddSharedProbes(DeviceFamily family, FamilyTarget target, ArrayList probes)
        {
            if (family.WebInterfaceScheme != null && target.Settings.WebFingerprint)
            {
                probes.Add(WebFamily.Fingerprint(target, family.WebInterfaceScheme, family.WebLoginPath));
            }
            string problem;
            if (family.IsRouter)
            {
                probes.Add(UpnpFamily.CreateProbe());
                DnsIntegrityProbe dns = DnsFamily.CreateProbe(target.Settings, out problem);
                if (dns == null) return problem;
                probes.Add(dns);
            }
            if (target.Settings.HasSnmp && family.Profile != Snmp)
            {
                SnmpProbe snmp = SnmpFamily.CreateProbe(target.Settings, out problem);
                if (snmp == null) return problem;
                probes.Add(snmp);
            }
            return null;
        }
    }
}
