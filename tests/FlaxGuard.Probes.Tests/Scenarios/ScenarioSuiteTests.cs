using FlaxGuard.Lab.Twins;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>
/// The compromise scenario suite of issue 4: every compromise each vendor twin can express must be detected with the
/// expected severity and an owner-readable sentence; every kind of benign churn must produce no drift at all.
/// </summary>
[TestClass]
public sealed class ScenarioSuiteTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Cases()
    {
        foreach (IScenarioSubject subject in ScenarioSubjects.All)
            foreach (string change in SupportedChangesOf(subject))
                yield return [subject.Name, change];
    }

    // A twin's supported list is a property of the twin type; start one briefly to ask it.
    private static IReadOnlyList<string> SupportedChangesOf(IScenarioSubject subject)
    {
        ILabTwin twin = subject.StartTwinAsync(CancellationToken.None).GetAwaiter().GetResult();
        try { return [.. twin.SupportedChanges]; }
        finally { twin.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task ChangeIsDetectedOrIgnoredAsItShouldBe(string subjectName, string change)
    {
        IScenarioSubject subject = ScenarioSubjects.Get(subjectName);
        await using ILabTwin twin = await subject.StartTwinAsync(TestContext.CancellationToken);
        ScenarioOutcome outcome = await ScenarioRunner.RunAsync(subject, twin, change);
        TestContext.WriteLine(outcome.Describe());
        Assert.IsNull(outcome.Unverified, outcome.Describe());
        if (outcome.IsCompromise) Assert.IsTrue(outcome.Detected, outcome.Describe());
        else Assert.AreEqual(0, outcome.FalsePositives, outcome.Describe());
    }

    [TestMethod]
    public void EveryProfileCoversTheAdvisoryCompromisesAndAllChurn()
    {
        Assert.IsGreaterThanOrEqualTo(4, ScenarioSubjects.Vendors.Count, "the four vendor profiles of issue 4 are in the suite");
        foreach (IScenarioSubject subject in ScenarioSubjects.Vendors)
        {
            IReadOnlyList<string> supported = SupportedChangesOf(subject);
            foreach (string must in new[] { TwinChanges.NewAdmin, TwinChanges.DnsChanged, TwinChanges.FirmwareDowngrade, TwinChanges.FirmwareUnknown })
                CollectionAssert.Contains(supported.ToList(), must, $"{subject.Profile} twin cannot express {must}");
            foreach (string churn in new[] { TwinChanges.Reboot, TwinChanges.Time, TwinChanges.Reorder, TwinChanges.WhitespaceCase })
                CollectionAssert.Contains(supported.ToList(), churn, $"{subject.Profile} twin cannot express {churn}");
            foreach (string change in supported)
                Assert.IsTrue(TwinChanges.All.Contains(change), $"{subject.Profile} twin lists an unknown change '{change}'");
        }
        foreach (IScenarioSubject subject in ScenarioSubjects.All)
            foreach (string change in SupportedChangesOf(subject))
                Assert.IsTrue(TwinChanges.All.Contains(change), $"{subject.Profile} twin lists an unknown change '{change}'");
        foreach (string compromise in TwinChanges.Compromises)
            Assert.IsTrue(ScenarioSubjects.All.Any(s => SupportedChangesOf(s).Contains(compromise)), $"no twin expresses {compromise}");
    }
}
