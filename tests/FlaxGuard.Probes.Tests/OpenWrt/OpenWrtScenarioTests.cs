using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Probes.Tests.Scenarios;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// OpenWrt's share of the scenario suite, through the suite's own runner (TargetCheck with the default drift
/// rules and volatile-key filter): every compromise the twin expresses detected with the suite's expected key
/// and severity, every churn without any drift. Also registered for the cross-vendor suite via <see cref="OpenWrtScenarioSubject"/>.
/// </summary>
[TestClass]
public sealed class OpenWrtScenarioTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly OpenWrtScenarioSubject Subject = new();

    public static IEnumerable<object[]> Changes() => OpenWrtTwin.AllSupported.Select(c => new object[] { c });

    [TestMethod]
    [DynamicData(nameof(Changes))]
    public async Task Change_IsDetectedOrIgnored(string change)
    {
        await using var twin = await Subject.StartTwinAsync(TestContext.CancellationToken);
        var outcome = await ScenarioRunner.RunAsync(Subject, twin, change);
        TestContext.WriteLine(outcome.Describe());
        Assert.IsNull(outcome.Unverified, outcome.Describe());
        if (outcome.IsCompromise) Assert.IsTrue(outcome.Detected, outcome.Describe());
        else Assert.AreEqual(0, outcome.FalsePositives, outcome.Describe());
    }

    [TestMethod]
    public async Task WholeSuite_DetectsEveryCompromise_WithNoFalsePositive()
    {
        await using var twin = await Subject.StartTwinAsync(TestContext.CancellationToken);
        var outcomes = new List<ScenarioOutcome>();
        foreach (var change in twin.SupportedChanges) outcomes.Add(await ScenarioRunner.RunAsync(Subject, twin, change));
        foreach (var o in outcomes) TestContext.WriteLine(o.Describe());
        var compromises = outcomes.Where(o => o.IsCompromise).ToArray();
        var detected = compromises.Count(o => o.Detected);
        var falsePositives = outcomes.Sum(o => o.FalsePositives);
        TestContext.WriteLine($"openwrt: detected {detected}/{compromises.Length} compromises, {falsePositives} false positives over {outcomes.Count - compromises.Length} churn changes");
        Assert.HasCount(34, compromises);
        Assert.AreEqual(compromises.Length, detected);
        Assert.AreEqual(0, falsePositives);
    }
}
