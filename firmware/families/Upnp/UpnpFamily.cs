using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>UPnP IGD: the router's port mappings.</summary>
    public sealed class UpnpFamily : DeviceFamily
    {
        public override string Profile { get { return null; } }

        public override void AddDriftRules(DriftRules rules)
        {
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
