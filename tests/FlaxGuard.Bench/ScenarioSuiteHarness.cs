using System.Diagnostics;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Probes.Tests.Scenarios;

namespace FlaxGuard.Bench;

/// <summary>
/// Runs the whole compromise scenario suite (every vendor twin, every change it can express) and prints the
/// detection rate over compromises and the false-positive count over benign churn.
/// Usage: --scenario-suite
/// </summary>
public static class ScenarioSuiteHarness
{
    public static int Run(string[] args)
    {
        var outcomes = new List<ScenarioOutcome>();
        var watch = Stopwatch.StartNew();
        foreach (IScenarioSubject subject in ScenarioSubjects.All)
        {
            IReadOnlyList<string> changes;
            {
                ILabTwin probe = subject.StartTwinAsync(CancellationToken.None).GetAwaiter().GetResult();
                changes = [.. probe.SupportedChanges];
                probe.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            foreach (string change in changes)
            {
                ILabTwin twin = subject.StartTwinAsync(CancellationToken.None).GetAwaiter().GetResult();
                try
                {
                    ScenarioOutcome outcome = ScenarioRunner.RunAsync(subject, twin, change).GetAwaiter().GetResult();
                    outcomes.Add(outcome);
                    Console.WriteLine(outcome.Describe());
                }
                finally
                {
                    twin.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        }
        int compromises = outcomes.Count(o => o.IsCompromise);
        int detected = outcomes.Count(o => o.IsCompromise && o.Detected);
        int churn = outcomes.Count(o => !o.IsCompromise);
        int falsePositives = outcomes.Sum(o => o.FalsePositives);
        int unverified = outcomes.Count(o => o.Unverified is not null);
        Console.WriteLine();
        Console.WriteLine($"profiles: {ScenarioSubjects.All.Count}, scenarios: {outcomes.Count} ({compromises} compromises, {churn} churn), {watch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"detection rate: {detected}/{compromises} = {(compromises == 0 ? 0 : 100.0 * detected / compromises):F1}%");
        Console.WriteLine($"false positives over churn: {falsePositives} (in {churn} churn scenarios); could-not-verify runs: {unverified}");
        return detected == compromises && falsePositives == 0 && unverified == 0 ? 0 : 1;
    }
}
