using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Drift;

/// <summary>The check's rule for a login refused now: drift only when the baseline holds facts that login had read.</summary>
[TestClass]
public sealed class RefusedLoginDriftTests
{
    private sealed class LoginProbe(bool refuse) : IProbe
    {
        public string Name => "vendor-api";
        public string[] KeyPrefixes => ["vendor."];

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (refuse)
            {
                output.MarkCredentialsRefused();
                output.AddVerdict(Verdict.Unverified(Name, "the device refused the credentials."));
                return;
            }
            output.AddFact("vendor.users", "admin", FactKind.Config);
        }
    }

    private sealed class OtherProbe : IProbe
    {
        public string Name => "other";
        public string[] KeyPrefixes => ["other."];
        public void Run(ProbeContext context, ProbeOutput output) => output.AddFact("other.port", "open", FactKind.Exposure);
    }

    private sealed class FixedClock : Platform.IClock
    {
        public long MonotonicMilliseconds => 0;
        public long UtcUnixMilliseconds => 1_764_201_600_000;
    }

    private static CheckResult Check(bool refuse, Baseline? baseline) =>
        TargetCheck.Run(new ProbeContext("192.0.2.1", null, null, null, new FixedClock()), [new LoginProbe(refuse), new OtherProbe()],
            baseline, DeviceFamilies.CreateDriftRules(), DeviceFamilies.CreateVolatileFilter());

    [TestMethod]
    public void RefusedAfterABaselineItsFactsCameFrom_IsOneHighChange()
    {
        var baseline = new Baseline("d", 1, Check(false, null).Facts);
        var now = Check(true, baseline);
        Assert.AreEqual(1, now.Drift.Count);
        Assert.AreEqual(("auth.vendor-api", Severity.High, "auth.refused-now", "accepted", "refused"),
            (now.Drift[0].Key, now.Drift[0].Severity, now.Drift[0].Code, now.Drift[0].OldValue, now.Drift[0].NewValue));
        Assert.AreEqual(Severity.High, now.Drift.Highest);
        Assert.IsFalse(now.FullyVerified);
    }

    [TestMethod]
    public void RefusedWhenTheBaselineHasNothingFromThatLogin_IsOnlyCouldNotVerify()
    {
        var facts = new FactSet(2);
        facts.Add(new Fact("other.port", "open", FactKind.Exposure));
        var now = Check(true, new Baseline("d", 1, facts));
        Assert.AreEqual(0, now.Drift.Count);
        Assert.IsTrue(now.Verdicts.Any(v => v.IsUnverified));
    }

    [TestMethod]
    public void TheMark_BelongsToTheProbeThatSetIt()
    {
        var output = new ProbeOutput();
        Assert.IsFalse(output.TakeCredentialsRefused());
        output.MarkCredentialsRefused();
        Assert.IsTrue(output.CredentialsRefused);
        Assert.IsTrue(output.TakeCredentialsRefused());
        Assert.IsFalse(output.TakeCredentialsRefused());
    }
}
