using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>UPnP IGD: the router's port mappings. Its own profile is for gateways that speak nothing else; every router profile runs it too.</summary>
    public sealed class UpnpFamily : DeviceFamily
    {
        public override string Profile { get { return "upnp"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            probes.Add(CreateProbe());
            return null;
        }

        /// <summary>The IGD probe with the stock SSDP port and bounds (discovery on the checked host only).</summary>
        public static UpnpIgdProbe CreateProbe()
        {
            return new UpnpIgdProbe(new UpnpOptions());
        }

        public override void AddDriftRules(DriftRules rules)
        {
            // A new or changed forward that reaches a service botnets attack (telnet, TR-069, ADB, ...) on a LAN host.
            rules.Append(new DriftRule("upnp.risky.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "upnp.risky.set"));
            rules.Append(new DriftRule("upnp.risky.*", DriftRule.Removed, Severity.Info, "upnp.risky.removed"));
            rules.Append(new DriftRule("upnp.map.*", DriftRule.Added, Severity.High, "upnp.map.added"));
            rules.Append(new DriftRule("upnp.map.*", DriftRule.Changed, Severity.High, "upnp.map.changed"));
            rules.Append(new DriftRule("upnp.map.*", DriftRule.Removed, Severity.Info, "upnp.map.removed"));
            rules.Append(new DriftRule("upnp.mapping.*.enabled", DriftRule.Changed, Severity.Medium, "upnp.mapping.enabled.changed"));
            rules.Append(new DriftRule("upnp.igd", DriftRule.Changed, Severity.Medium, "upnp.igd.changed"));
            rules.Append(new DriftRule("upnp.external_ip", DriftRule.AnyChange, Severity.Info, "upnp.external_ip.any"));
            rules.Append(new DriftRule("upnp.device.*", DriftRule.AnyChange, Severity.Medium, "upnp.device.any"));
        }
    }
}
