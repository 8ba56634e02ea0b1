using FlaxGuard.Agent;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Agent.Tests;

/// <summary>The agent's status word: DRIFT only against an approved baseline.</summary>
[TestClass]
public sealed class AgentStatusViewTests
{
    private static string FirstLine(bool drift, bool unverified) =>
        new AgentStatusView(ApplianceStatus.Drift, "pi", 2, Severity.High, 0, 5, null, drift, unverified).Lines()[0];

    [TestMethod]
    public void DriftAgainstABaseline_SaysDrift()
    {
        Assert.AreEqual("FlaxGuard DRIFT", FirstLine(drift: true, unverified: true));
    }

    [TestMethod]
    public void WithoutDrift_ACouldNotVerifyOrAFinding_IsNotCalledDrift()
    {
        Assert.AreEqual("FlaxGuard UNVERIFIED", FirstLine(drift: false, unverified: true));
        Assert.AreEqual("FlaxGuard WARNING", FirstLine(drift: false, unverified: false), "a high finding on a device with no baseline yet");
    }

    [TestMethod]
    public void OtherStates_KeepTheirWords()
    {
        Assert.AreEqual("OK", AgentStatusView.StatusWord(ApplianceStatus.Ok));
        Assert.AreEqual("CRITICAL", AgentStatusView.StatusWord(ApplianceStatus.Critical, true, true));
        Assert.AreEqual("OFFLINE", AgentStatusView.StatusWord(ApplianceStatus.Offline));
    }
}
