using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>ONVIF cameras over the device service.</summary>
    public sealed class OnvifFamily : DeviceFamily
    {
        public override string Profile { get { return "onvif"; } }

        public override bool NeedsCredentials { get { return true; } }

        public override string WebInterfaceScheme { get { return "http"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            string scheme = target.SchemeOr("http");
            OnvifOptions onvif = new OnvifOptions();
            onvif.User = target.User;
            onvif.Password = target.Password;
            onvif.UseHttps = scheme == "https";
            onvif.Port = target.PortFor(scheme);
            probes.Add(new OnvifProbe(onvif));
            return null;
        }

        public override void AddDriftRules(DriftRules rules)
        {
            rules.Append(new DriftRule("cfg.discovery", DriftRule.AnyChange, Severity.Medium, "cfg.discovery.changed"));
            rules.Append(new DriftRule("cfg.remote-user", DriftRule.Added | DriftRule.Changed, Severity.High, "cfg.remote-user.set"));
            rules.Append(new DriftRule("cfg.remote-user", DriftRule.Removed, Severity.Info, "cfg.remote-user.removed"));
            rules.Append(new DriftRule("cfg.gateway.*", DriftRule.Added, Severity.High, "cfg.gateway.added"));
            rules.Append(new DriftRule("cfg.gateway.*", DriftRule.Removed, Severity.Low, "cfg.gateway.removed"));
            rules.Append(new DriftRule("onvif.hardware-id", DriftRule.Changed, Severity.High, "onvif.hardware-id.changed"));
            rules.Append(new DriftRule("onvif.dns.from-dhcp", DriftRule.Changed, Severity.Medium, "onvif.dns.from-dhcp.changed"));
            rules.Append(new DriftRule("onvif.ntp.from-dhcp", DriftRule.Changed, Severity.Medium, "onvif.ntp.from-dhcp.changed"));
            rules.Append(new DriftRule("onvif.datetime-type", DriftRule.Changed, Severity.Medium, "onvif.datetime-type.changed"));
            // Issue 13: a renamed camera, or a scope it now announces, hides it or passes it off as another device.
            rules.Append(new DriftRule("onvif.hostname", DriftRule.Changed, Severity.Medium, "onvif.hostname.changed"));
            rules.Append(new DriftRule("onvif.scope.*", DriftRule.Added, Severity.Medium, "onvif.scope.added"));
            rules.Append(new DriftRule("onvif.scope.*", DriftRule.Removed, Severity.Low, "onvif.scope.removed"));
        }
    }
}
