using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Platform;
using FlaxGuard.Wording;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// Issue 13 part 5: the login the baseline was read with is refused now. The openwrt profile (as appliances build it)
/// against the OpenWrt twin: a refused login after a baseline is high drift with its own sentence, and the facts only
/// the login could read stay "could not verify" instead of showing as removed.
/// </summary>
[TestClass]
public sealed class RefusedCredentialsTests
{
    private static OpenWrtTwin _twin = null!;
    private static HttpClientTransport _http = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        _twin = await OpenWrtLab.StartTwinAsync();
        _http = new HttpClientTransport();
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        _http?.Dispose();
        if (_twin is not null) await _twin.DisposeAsync();
    }

    private static CheckResult Check(string password, Baseline? baseline)
    {
        var address = ProfileAddress.Of("http", _twin.BaseUri.Host, _twin.Port);
        var probes = ProbeProfiles.Create(ProbeProfiles.OpenWrt, address, OpenWrtLab.User, password, [], new ProbeSettings(), out string error)
            ?? throw new AssertFailedException(error);
        var context = new ProbeContext(address.Host, _http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        return TargetCheck.Run(context, probes, baseline, DeviceFamilies.CreateDriftRules(), DeviceFamilies.CreateVolatileFilter());
    }

    private static string Describe(CheckResult r) =>
        string.Join("\n", r.Verdicts.Select(v => v.ToString())) + "\n" + string.Join("\n", r.Facts.ToArray().Select(f => f.ToString()));

    [TestMethod]
    public void LoginAcceptedAtTheBaseline_RefusedNow_IsHighDrift_TheRestCouldNotBeVerified()
    {
        var first = Check(OpenWrtLab.Password, null);
        Assert.IsTrue(first.FullyVerified, Describe(first));
        Assert.IsNotNull(first.Facts.Get("fw.version"), Describe(first));
        var baseline = new Baseline(_twin.BaseUri.Host, 1, first.Facts);

        var now = Check("someone-else-set-this", baseline);
        Assert.IsFalse(now.FullyVerified);
        Assert.IsTrue(now.Verdicts.Any(v => v.IsUnverified && v.Subject == "openwrt-ubus"), Describe(now));
        var changes = Enumerable.Range(0, now.Drift.Count).Select(i => now.Drift[i]).ToArray();
        string all = string.Join("\n", changes.Select(c => $"{c.Kind} {c.Key} {c.Severity} {c.Code}"));
        var refused = changes.Single(c => c.Code == "auth.refused-now");
        Assert.AreEqual((DriftKind.Changed, Severity.High, "auth.openwrt-ubus", "accepted", "refused"), (refused.Kind, refused.Severity, refused.Key, refused.OldValue, refused.NewValue), all);
        StringAssert.Contains(DriftSentences.For(refused), "refuses the credentials it accepted before: if you did not change them, someone else did");
        Assert.HasCount(1, changes, "the facts the refused login could not read are not reported as removed:\n" + all);
    }

    [TestMethod]
    public void LoginRefusedWithoutABaseline_IsOnlyCouldNotVerify()
    {
        var result = Check("wrong-password", null);
        Assert.IsNull(result.Drift);
        Assert.IsTrue(result.Verdicts.Any(v => v.IsUnverified && v.Subject == "openwrt-ubus" && v.Message.Contains("refused the credentials")), Describe(result));
    }
}
