using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.Families
{
    /// <summary>
    /// One device family as the CLI, the Linux agent, the dongle and the server see it: the profile a device is enrolled
    /// with, whether it needs credentials, the probes it runs for a target, and the drift rules and volatile keys of its
    /// own facts. Each family folder has one subclass; the family table registers it with one line.
    /// </summary>
    public abstract class DeviceFamily
    {
        /// <summary>The profile name devices are enrolled with ("openwrt"), or null for a family whose probes only run
        /// as part of other profiles (risky ports, DNS).</summary>
        public abstract string Profile { get; }

        /// <summary>True when the profile cannot be checked without a user name and password.</summary>
        public virtual bool NeedsCredentials { get { return false; } }

        /// <summary>
        /// True for routers: the profile also lists the UPnP IGD port mappings and compares the router's DNS answers
        /// with a trusted resolver (the family table adds those probes).
        /// </summary>
        public virtual bool IsRouter { get { return false; } }

        /// <summary>
        /// The scheme of the device's own web interface when the profile also fingerprints it ("http", "https"), or
        /// null. The family table adds the fingerprint probe, so the vendor folders need not reference the web family.
        /// </summary>
        public virtual string WebInterfaceScheme { get { return null; } }

        /// <summary>
        /// The web interface's login page when the root page only redirects to it by script (Hikvision), or null. The
        /// fingerprint also hashes the scripts and stylesheets that page loads: the firmware's own static files.
        /// </summary>
        public virtual string WebLoginPath { get { return null; } }

        /// <summary>
        /// Adds the probes of this family's profile for a target to <paramref name="probes"/>. Returns null, or why the
        /// target cannot be checked as given (a plain-words reason, no secrets).
        /// </summary>
        public virtual string AddProbes(FamilyTarget target, ArrayList probes)
        {
            return null;
        }

        /// <summary>Appends the rules that rate changes of this family's own fact keys (after the shared vocabulary's).</summary>
        public virtual void AddDriftRules(DriftRules rules)
        {
        }

        /// <summary>Adds patterns of this family's fact keys whose values change by themselves.</summary>
        public virtual void AddVolatilePatterns(VolatileKeyFilter filter)
        {
        }
    }
}
