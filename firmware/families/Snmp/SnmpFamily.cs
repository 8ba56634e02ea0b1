using System.Collections;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>SNMP v2c/v3: identity, firmware revisions and processes.</summary>
    public sealed class SnmpFamily : DeviceFamily
    {
        public override string Profile { get { return "snmp"; } }

        public override string AddProbes(FamilyTarget target, ArrayList probes)
        {
            if (!target.Settings.HasSnmp) return "the snmp profile needs SNMP credentials: a v2c community, or a v3 user with its passwords";
            string problem;
            SnmpProbe probe = CreateProbe(target.Settings, out problem);
            if (probe == null) return problem;
            probes.Add(probe);
            return null;
        }

        /// <summary>The SNMP probe for the device's credentials (v3 when a user is given, else v2c), or null with a reason.</summary>
        public static SnmpProbe CreateProbe(ProbeSettings settings, out string problem)
        {
            problem = settings.SnmpProblem();
            if (problem != null) return null;
            SnmpOptions options = new SnmpOptions();
            if (settings.IsSnmpV3)
            {
                options.Version = SnmpVersion.V3;
                options.User = settings.SnmpUser;
                options.AuthPassword = settings.SnmpAuthPassword;
                options.PrivPassword = settings.SnmpPrivPassword;
            }
            else
            {
                options.Version = SnmpVersion.V2c;
                options.Community = settings.SnmpCommunity;
            }
            return new SnmpProbe(options);
        }

        public override void AddDriftRules(DriftRules rules)
        {
            // A program run from /tmp or a deleted file is how Mirai-family implants run (issue 13).
            rules.Append(new DriftRule("snmp.suspect.*", DriftRule.Added | DriftRule.Changed, Severity.Critical, "snmp.suspect.set"));
            rules.Append(new DriftRule("snmp.suspect.*", DriftRule.Removed, Severity.Info, "snmp.suspect.removed"));
            rules.Append(new DriftRule("snmp.process.*", DriftRule.Added, Severity.High, "snmp.process.added"));
            rules.Append(new DriftRule("snmp.process.*", DriftRule.Removed, Severity.Low, "snmp.process.removed"));
            rules.Append(new DriftRule("snmp.entity.*", DriftRule.AnyChange, Severity.High, "snmp.entity.any"));
            rules.Append(new DriftRule("snmp.sys.descr", DriftRule.AnyChange, Severity.High, "snmp.sys.descr.any"));
            rules.Append(new DriftRule("snmp.sys.objectid", DriftRule.AnyChange, Severity.High, "snmp.sys.objectid.any"));
            rules.Append(new DriftRule("snmp.*", DriftRule.AnyChange, Severity.Medium, "snmp.any"));
        }
    }
}
