using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>SNMP v2c/v3: identity, firmware revisions and processes.</summary>
    public sealed class SnmpFamily : DeviceFamily
    {
        public override string Profile { get { return null; } }

        public override void AddDriftRules(DriftRules rules)
        {
            rules.Append(new DriftRule("snmp.process.*", DriftRule.Added, Severity.High, "snmp.process.added"));
            rules.Append(new DriftRule("snmp.process.*", DriftRule.Removed, Severity.Low, "snmp.process.removed"));
            rules.Append(new DriftRule("snmp.entity.*", DriftRule.AnyChange, Severity.High, "snmp.entity.any"));
            rules.Append(new DriftRule("snmp.sys.descr", DriftRule.AnyChange, Severity.High, "snmp.sys.descr.any"));
            rules.Append(new DriftRule("snmp.sys.objectid", DriftRule.AnyChange, Severity.High, "snmp.sys.objectid.any"));
            rules.Append(new DriftRule("snmp.*", DriftRule.AnyChange, Severity.Medium, "snmp.any"));
        }
    }
}
