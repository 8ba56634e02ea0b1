using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Status;

/// <summary>"Could not verify" is UNKNOWN (3) in 'flaxguard check', 'flaxguard status' and the dashboard alike (one rule).</summary>
[TestClass]
public sealed class CouldNotVerifyRuleTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static IEnumerable<object[]> Cases() =>
    [
        [new Verdict[] { Verdict.Unverified("http", "no answer within 10 s") }, PluginState.Unknown],
        [new Verdict[] { Verdict.Unverified("http", "no answer"), new(VerdictKind.Exposure, Severity.High, "exposure.upnp", "net.udp.1900", "UPnP open") }, PluginState.Unknown],
        [new Verdict[] { Verdict.Unverified("http", "no answer"), new(VerdictKind.Exposure, Severity.Critical, "exposure.telnet", "net.tcp.23", "telnet open") }, PluginState.Critical],
        [new Verdict[] { new(VerdictKind.Exposure, Severity.High, "exposure.upnp", "net.udp.1900", "UPnP open") }, PluginState.Warning],
        [Array.Empty<Verdict>(), PluginState.Ok],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task StatusAndDashboard_RateAResultAsCheckExitsForIt(Verdict[] verdicts, PluginState expected)
    {
        using var dir = new TempDir("rule");
        await using var store = new SqliteFlaxStore(dir.File("flaxguard.db"));
        await store.MigrateAsync(null, Ct);
        var master = MasterKey.Ephemeral();
        var (appliance, _) = await Enrollment.AddApplianceAsync(store, master, "dongle", 300, TestReports.Now, Ct);
        var device = await Enrollment.AddDeviceAsync(store, master, "router", appliance.Id, "192.0.2.1", "web", "", null, null, TestReports.Now, Ct);
        var facts = TestReports.RouterFacts();
        var report = TestReports.Make(appliance.Id, 1, device.Id, facts, null, verdicts);
        Assert.AreEqual(IngestStatus.Stored, (await store.StoreReportsAsync([TestReports.Item(report, 1024, TestReports.Now, 0)], Ct)).Single().Status);

        var status = (await StatusEvaluator.EvaluateAsync(store, TestReports.Now, Ct)).Devices.Single();
        var check = ExitCodes.For(new CheckResult("192.0.2.1", facts, verdicts, null!, 0));
        Assert.AreEqual((int)expected, check, "flaxguard check's exit code");
        Assert.AreEqual(expected, status.State, "flaxguard status and the dashboard: " + status.Reason);
        if (expected == PluginState.Unknown) StringAssert.StartsWith(status.Reason, "could not verify: http");
    }
}
