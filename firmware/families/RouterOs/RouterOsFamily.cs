using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>MikroTik RouterOS 7 over its REST API.</summary>
    public sealed class RouterOsFamily : DeviceFamily
    {
        public override string Profile { get { return "routeros"; } }

        public override bool NeedsCredentials { get { return true; } }

        public override bool IsRouter { get { return true; } }

        // WebFig shares the www-ssl service with REST.
        public override string WebInterfaceScheme { get { return "https"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            // RouterOS serves REST on www-ssl; an address without a scheme means the stock HTTPS service.
            RouterOsOptions ros = new RouterOsOptions(new HttpCredentials(target.User, target.Password));
            ros.Scheme = target.SchemeOr("https");
            ros.Port = target.PortFor(ros.Scheme);
            probes.Add(new RouterOsRestProbe(ros));
            return null;
        }

        public override void AddDriftRules(DriftRules rules)
        {
            rules.Append(new DriftRule("routeros.routerboot", DriftRule.AnyChange, Severity.High, "routeros.routerboot.any"));
            rules.Append(new DriftRule("routeros.package.*", DriftRule.Added, Severity.Medium, "routeros.package.added"));
            rules.Append(new DriftRule("routeros.channel", DriftRule.Changed, Severity.Medium, "routeros.channel.changed"));
        }
    }
}
