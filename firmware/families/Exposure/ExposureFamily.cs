using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Risky TCP ports and their greetings: run by every profile, so it enrols no device itself.</summary>
    public sealed class ExposureFamily : DeviceFamily
    {
        public override string Profile { get { return null; } }

        public override void AddDriftRules(DriftRules rules)
        {
            rules.Append(new DriftRule("net.tcp.23", DriftRule.Added, Severity.Critical, "net.tcp.23.added"));
            rules.Append(new DriftRule("net.tcp.2323", DriftRule.Added, Severity.Critical, "net.tcp.2323.added"));
            rules.Append(new DriftRule("net.tcp.*.banner", DriftRule.AnyChange, Severity.Low, "net.tcp.banner.any"));
            rules.Append(new DriftRule("net.tcp.1080", DriftRule.Added, Severity.High, "net.tcp.1080.added"));
            rules.Append(new DriftRule("net.tcp.*", DriftRule.Added, Severity.High, "net.tcp.added"));
            rules.Append(new DriftRule("net.tcp.*", DriftRule.Removed, Severity.Info, "net.tcp.removed"));
        }
    }
}
