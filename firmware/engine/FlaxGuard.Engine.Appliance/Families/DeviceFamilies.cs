using System;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Engine.Probes.Hikvision;
using FlaxGuard.Engine.Probes.Onvif;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Families
{
    /// <summary>
    /// The table of device families that the CLI, the Linux agent, the dongle and the server all read. Adding a family
    /// is one folder under firmware/families and one line here.
    /// </summary>
    public static class DeviceFamilies
    {
        private static DeviceFamily[] _all;

        /// <summary>Every family: the profiles in the order help texts list them, then the families other profiles run.</summary>
        public static DeviceFamily[] All
        {
            get
            {
                if (_all == null)
                {
                    _all = new DeviceFamily[]
                    {
                        new WebFamily(),
                        new OpenWrtFamily(),
                        new RouterOsFamily(),
                        new RouterFamily(),
                        new HikvisionFamily(),
                        new OnvifFamily(),
                        new SnmpFamily(),
                        new UpnpFamily(),
                        new ExposureFamily(),
                        new DnsFamily(),
                    };
                }
                return _all;
            }
        }

        /// <summary>The family a device is enrolled with under this profile name, or null.</summary>
        public static DeviceFamily Find(string profile)
        {
            if (profile == null) return null;
            DeviceFamily[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Profile == profile) return all[i];
            }
            return null;
        }

        /// <summary>Every profile name, in table order.</summary>
        public static string[] ProfileNames()
        {
            DeviceFamily[] all = All;
            int count = 0;
            for (int i = 0; i < all.Length; i++) if (all[i].Profile != null) count++;
            string[] names = new string[count];
            int n = 0;
            for (int i = 0; i < all.Length; i++) if (all[i].Profile != null) names[n++] = all[i].Profile;
            return names;
        }

        /// <summary>The whole rule table: the shared settings vocabulary first, then each family's own keys.</summary>
        public static DriftRules CreateDriftRules()
        {
            DriftRules rules = new DriftRules();
            DriftRules.AppendShared(rules);
            DeviceFamily[] all = All;
            for (int i = 0; i < all.Length; i++) all[i].AddDriftRules(rules);
            return rules;
        }

        /// <summary>The built-in volatile patterns plus each family's.</summary>
        public static VolatileKeyFilter CreateVolatileFilter()
        {
            VolatileKeyFilter filter = VolatileKeyFilter.CreateDefault();
            DeviceFamily[] all = All;
            for (int i = 0; i < all.Length; i++) all[i].AddVolatilePatterns(filter);
            return filter;
        }
    }
}
