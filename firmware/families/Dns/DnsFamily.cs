using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>The router's resolver against a trusted one.</summary>
    public sealed class DnsFamily : DeviceFamily
    {
        public override string Profile { get { return null; } }

        public override void AddDriftRules(DriftRules rules)
        {
            rules.Append(new DriftRule("dns.answer.*", DriftRule.Changed, Severity.High, "dns.answer.changed"));
            rules.Append(new DriftRule("dns.answer.*", DriftRule.Added | DriftRule.Removed, Severity.Low, "dns.answer.added-or-removed"));
        }
    }
}
