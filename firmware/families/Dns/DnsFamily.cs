using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>The router's resolver against a trusted one: run by every router profile, so it enrols no device itself.</summary>
    public sealed class DnsFamily : DeviceFamily
    {
        public override string Profile { get { return null; } }

        /// <summary>The DNS integrity probe against the device's trusted resolver (or the default), or null with a reason.</summary>
        public static DnsIntegrityProbe CreateProbe(ProbeSettings settings, out string problem)
        {
            TrustedResolverAddress trusted = TrustedResolverAddress.TryParse(settings.EffectiveTrustedResolver, out problem);
            if (trusted == null) return null;
            DnsIntegrityOptions options = new DnsIntegrityOptions();
            options.TrustedResolver = trusted.Host;
            options.TrustedPort = trusted.Port;
            return new DnsIntegrityProbe(options);
        }

        public override void AddDriftRules(DriftRules rules)
        {
            rules.Append(new DriftRule("dns.answer.*", DriftRule.Changed, Severity.High, "dns.answer.changed"));
            rules.Append(new DriftRule("dns.answer.*", DriftRule.Added | DriftRule.Removed, Severity.Low, "dns.answer.added-or-removed"));
        }
    }
}
