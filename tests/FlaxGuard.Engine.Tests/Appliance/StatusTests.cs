using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Tests.Appliance;

[TestClass]
public sealed class StatusTests
{
    private static StatusInputs Healthy() => new()
    {
        NetworkUp = true,
        HasJob = true,
        MsSinceHostContact = 1_000,
        OfflineAfterMs = 3_600_000,
        HasRound = true,
        Highest = Severity.Low,
    };

    [TestMethod]
    public void AllWell_IsOk()
    {
        Assert.AreEqual(ApplianceStatus.Ok, StatusSelector.Select(Healthy()));
    }

    [TestMethod]
    public void Critical_WinsEvenWhileOffline()
    {
        var inputs = Healthy();
        inputs.Highest = Severity.Critical;
        inputs.NetworkUp = false;
        Assert.AreEqual(ApplianceStatus.Critical, StatusSelector.Select(inputs));
    }

    [TestMethod]
    public void NoNetwork_NoJob_OrHostSilentTooLong_IsOffline()
    {
        var noNetwork = Healthy(); noNetwork.NetworkUp = false;
        var noJob = Healthy(); noJob.HasJob = false;
        var silent = Healthy(); silent.MsSinceHostContact = 3_600_001;
        var never = Healthy(); never.MsSinceHostContact = -1;
        var driftButSilent = Healthy(); driftButSilent.AnyDrift = true; driftButSilent.MsSinceHostContact = -1;
        foreach (var inputs in new[] { noNetwork, noJob, silent, never, driftButSilent })
        {
            Assert.AreEqual(ApplianceStatus.Offline, StatusSelector.Select(inputs));
        }
        Assert.AreEqual(ApplianceStatus.Offline, StatusSelector.Select(null!));
    }

    [TestMethod]
    public void DriftMediumHighOrUnverified_IsDrift_NeverOk()
    {
        var drift = Healthy(); drift.AnyDrift = true;
        var medium = Healthy(); medium.Highest = Severity.Medium;
        var high = Healthy(); high.Highest = Severity.High;
        var unverified = Healthy(); unverified.AnyUnverified = true;
        foreach (var inputs in new[] { drift, medium, high, unverified })
        {
            Assert.AreEqual(ApplianceStatus.Drift, StatusSelector.Select(inputs));
        }
    }

    [TestMethod]
    public void Patterns_AreDistinctByRhythm()
    {
        Assert.AreSame(BlinkPattern.Ok, BlinkPattern.For(ApplianceStatus.Ok));
        Assert.AreSame(BlinkPattern.Drift, BlinkPattern.For(ApplianceStatus.Drift));
        Assert.AreSame(BlinkPattern.Offline, BlinkPattern.For(ApplianceStatus.Offline));
        Assert.AreSame(BlinkPattern.Critical, BlinkPattern.For(ApplianceStatus.Critical));

        Assert.AreEqual(1, BlinkPattern.Ok.FlashesPerCycle);
        Assert.AreEqual(2, BlinkPattern.Drift.FlashesPerCycle);
        Assert.AreEqual(3000, BlinkPattern.Ok.CycleMs);
        Assert.AreEqual(200, BlinkPattern.Critical.CycleMs);

        // Sampled every 10 ms over 6 s, each pattern has its own duty cycle: a glance tells them apart.
        double Duty(BlinkPattern p) => Enumerable.Range(0, 600).Count(i => p.IsOnAt(i * 10L)) / 600.0;
        Assert.AreEqual(80 / 3000.0, Duty(BlinkPattern.Ok), 0.01);
        Assert.AreEqual(300 / 2000.0, Duty(BlinkPattern.Drift), 0.01);
        Assert.AreEqual(0.5, Duty(BlinkPattern.Offline), 0.01);
        Assert.AreEqual(0.5, Duty(BlinkPattern.Critical), 0.01);
    }

    [TestMethod]
    public void IsOnAt_FollowsTheSteps_AndRepeats()
    {
        var p = BlinkPattern.Drift; // 150 on, 150 off, 150 on, 1550 off
        Assert.IsTrue(p.IsOnAt(0));
        Assert.IsTrue(p.IsOnAt(149));
        Assert.IsFalse(p.IsOnAt(150));
        Assert.IsTrue(p.IsOnAt(300));
        Assert.IsFalse(p.IsOnAt(450));
        Assert.IsFalse(p.IsOnAt(1999));
        Assert.IsTrue(p.IsOnAt(2000));
        Assert.IsTrue(p.IsOnAt(-5), "negative elapsed time counts as the start");
    }

    [TestMethod]
    public void BadPatterns_Throw()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new BlinkPattern([100]));
        Assert.ThrowsExactly<ArgumentException>(() => new BlinkPattern([100, 0]));
        Assert.ThrowsExactly<ArgumentException>(() => new BlinkPattern([]));
    }
}
