using System.Collections;
using FlaxGuard.Engine.Families;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// A router without a supported admin API: its web interface is fingerprinted, and (as for every router profile)
    /// its UPnP port mappings are listed and its DNS is compared with a trusted resolver.
    /// </summary>
    public sealed class RouterFamily : DeviceFamily
    {
        public override string Profile { get { return "router"; } }

        public override bool IsRouter { get { return true; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            if (target.Settings.WebFingerprint) probes.Add(WebFamily.Fingerprint(target, "http"));
            return null;
        }
    }
}
