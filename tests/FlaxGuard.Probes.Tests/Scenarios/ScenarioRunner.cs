using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>
/// Runs one change the way an owner lives it: the clean device is checked and its state approved as the baseline,
/// the change happens, the next scheduled check compares against the baseline.
/// </summary>
public static class ScenarioRunner
{
    public static async Task<ScenarioOutcome> RunAsync(IScenarioSubject subject, ILabTwin twin, string change)
    {
        twin.Reset();
        using var http = new HttpClientTransport();
        var tcp = new SocketTcpConnector();
        var udp = new SocketUdpExchange();
        ProbeContext context = new(subject.Host(twin), http, tcp, udp, SystemClock.Instance, SecureRandomSource.Instance);

        CheckResult clean = await Task.Run(() => TargetCheck.Run(context, subject.CreateProbes(twin), null, DeviceFamilies.CreateDriftRules(), VolatileKeyFilter.CreateDefault()));
        if (!clean.FullyVerified)
            return new ScenarioOutcome(subject.Name, change, TwinChanges.IsCompromise(change), [], "clean check: " + FirstUnverified(clean));

        var baseline = new Baseline("scenario-" + subject.Profile, 0, clean.Facts);
        twin.Apply(change);
        CheckResult after = await Task.Run(() => TargetCheck.Run(context, subject.CreateProbes(twin), baseline, DeviceFamilies.CreateDriftRules(), VolatileKeyFilter.CreateDefault()));
        var drift = new List<DriftChange>();
        for (int i = 0; i < after.Drift.Count; i++) drift.Add(after.Drift[i]);
        return new ScenarioOutcome(subject.Name, change, TwinChanges.IsCompromise(change), drift, after.FullyVerified ? null : FirstUnverified(after));
    }

    private static string FirstUnverified(CheckResult result)
    {
        foreach (Verdict v in result.Verdicts)
            if (v.Code == Verdict.UnverifiedCode) return v.Message;
        return "not fully verified";
    }
}
