using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Lab.Twins.RouterOs;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.FactoryPasswords;

/// <summary>
/// The appliance's round (the code the dongle and the Linux agent share) on opted-in targets: the vendor-API logins
/// against the device twins (RouterOS REST Basic, OpenWrt ubus session login, Hikvision ISAPI userCheck with its
/// illegal-login lock), the verdict inside the signed report, the daily schedule that repeats the day's verdict instead
/// of trying again, and a target not opted in that is never tried.
/// </summary>
[TestClass]
public sealed class FactoryCheckRoundTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static IPAddress Loopback(int last) => IPAddress.Parse($"127.74.{Environment.ProcessId % 250}.{last}");

    private sealed record RoundRun(Verdict Verdict, string Stop, int Attempts, long Ms);

    private static RoundRun RunOnce(JobRound round, ReportQueue queue, JobTarget target)
    {
        var watch = Stopwatch.StartNew();
        round.RunTarget(target);
        var keys = queue.KeysOldestFirst();
        var verified = ReportVerifier.Verify(queue.Read(keys[^1])!, Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300);
        Assert.IsTrue(verified.Accepted, verified.Reason);
        var all = verified.Report.Targets[0].Verdicts;
        var verdict = all.SingleOrDefault(v => v.Code.StartsWith("auth.factory_password", StringComparison.Ordinal) || v.Subject == "factory-password");
        Assert.IsNotNull(verdict, string.Join("\n", all.Select(v => v.ToString())));
        return new RoundRun(verdict, round.LastFactoryCheckStop!, round.LastFactoryCheckAttempts, watch.ElapsedMilliseconds);
    }

    private static (JobRound Round, ReportQueue Queue, DirectoryKeyValueStore Store, HttpClientTransport Http) NewRound(string name)
    {
        var store = new DirectoryKeyValueStore(Directory.CreateTempSubdirectory("fg-fpw-round-" + name + "-").FullName);
        var queue = new ReportQueue(store, ReportQueueOptions.ForLinux());
        var http = new HttpClientTransport();
        var round = new JobRound("dongle-1", Key, new ReportCounter(store), queue, http, new SocketTcpConnector(), new SocketUdpExchange(),
            SystemClock.Instance, SecureRandomSource.Instance, null);
        round.UseFactoryCheck(store, null, 10);
        return (round, queue, store, http);
    }

    private static JobTarget Target(string id, Uri address, string profile, bool optedIn) =>
        new(id, id, address.ToString().TrimEnd('/'), profile, address.Port.ToString(), "", "", null, null, optedIn);

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task RouterOs_WithItsDocumentedEmptyAdminPassword_IsCriticalInTheSignedReport_ThenRepeatedNotRetried()
    {
        await using var twin = await RouterOsTwin.StartAsync(Loopback(21), 0, "admin", "", CancellationToken.None);
        var (round, queue, _, http) = NewRound("ros");
        using var _h = http;
        var first = RunOnce(round, queue, Target("ros-1", twin.BaseUri, "routeros", optedIn: true));
        Console.WriteLine($"RouterOS REST twin: {first.Attempts} attempt(s), {first.Ms} ms, stopped: {first.Stop}");
        Assert.AreEqual("accepted", first.Stop, first.Verdict.Message);
        Assert.AreEqual(1, first.Attempts, "the family default comes first");
        Assert.AreEqual(Severity.Critical, first.Verdict.Severity);
        StringAssert.Contains(first.Verdict.Message, "accepts a factory default password for MikroTik over RouterOS REST");
        StringAssert.Contains(first.Verdict.Message, "every Mirai variant, can log in");

        // Later rounds the same day repeat the verdict without a login.
        var second = RunOnce(round, queue, Target("ros-1", twin.BaseUri, "routeros", optedIn: true));
        Assert.AreEqual("repeated", second.Stop);
        Assert.AreEqual(0, second.Attempts);
        Assert.AreEqual(first.Verdict.Message, second.Verdict.Message);
        Assert.AreEqual(Severity.Critical, second.Verdict.Severity);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task RouterOs_NotOptedIn_IsNeverTried()
    {
        await using var twin = await RouterOsTwin.StartAsync(Loopback(22), 0, "admin", "", CancellationToken.None);
        var (round, queue, _, http) = NewRound("ros-off");
        using var _h = http;
        round.RunTarget(Target("ros-off", twin.BaseUri, "routeros", optedIn: false));
        var report = ReportVerifier.Verify(queue.Read(queue.KeysOldestFirst()[0])!, Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 300).Report;
        Assert.IsFalse(report.Targets[0].Verdicts.Any(v => v.Code.StartsWith("auth.factory_password", StringComparison.Ordinal) || v.Subject == "factory-password"));
        Assert.IsNull(round.LastFactoryCheckStop);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task OpenWrt_UbusSessionLogin_AcceptsRootWithoutPassword_AndRefusesOtherwise()
    {
        await using var open = await OpenWrtTwin.StartAsync(Loopback(31), 0, "root", "", CancellationToken.None);
        await using var set = await OpenWrtTwin.StartAsync(Loopback(32), 0, "root", "Owner-Str0ng-pass", CancellationToken.None);
        var (round, queue, _, http) = NewRound("owrt");
        using var _h = http;
        var critical = RunOnce(round, queue, Target("owrt-open", open.BaseUri, "openwrt", optedIn: true));
        Console.WriteLine($"OpenWrt ubus twin (no root password): {critical.Attempts} attempt(s), {critical.Ms} ms, stopped: {critical.Stop}");
        Assert.AreEqual("accepted", critical.Stop, critical.Verdict.Message);
        Assert.AreEqual(Severity.Critical, critical.Verdict.Severity);
        StringAssert.Contains(critical.Verdict.Message, "a factory default password for OpenWrt over OpenWrt ubus");

        var fine = RunOnce(round, queue, Target("owrt-set", set.BaseUri, "openwrt", optedIn: true));
        Console.WriteLine($"OpenWrt ubus twin (strong password): {fine.Attempts} attempt(s), {fine.Ms} ms, stopped: {fine.Stop}");
        Assert.AreEqual("budget", fine.Stop, fine.Verdict.Message);
        Assert.AreEqual(10, fine.Attempts);
        Assert.AreEqual(Severity.Info, fine.Verdict.Severity);
        Assert.AreEqual(0, set.Logins, "no factory login got in");
        foreach (var secret in new[] { "xc3511", "vizxv", "Owner-Str0ng-pass" })
            Assert.IsFalse(fine.Verdict.Message.Contains(secret, StringComparison.Ordinal) || critical.Verdict.Message.Contains(secret, StringComparison.Ordinal));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Hikvision_LockoutTwin_StopsTheRoundsCheckEarly_AndTheOwnerCanStillLogIn()
    {
        await using var twin = await HikvisionTwin.StartAsync(Loopback(41), 0, "admin", "Owner-Str0ng-pass", CancellationToken.None);
        var (round, queue, _, http) = NewRound("hik");
        using var _h = http;
        var run = RunOnce(round, queue, Target("hik-1", twin.BaseUri, "hikvision", optedIn: true));
        Console.WriteLine($"Hikvision ISAPI lockout twin: {run.Attempts} attempt(s), {run.Ms} ms, stopped: {run.Stop}, {twin.Digest.FailedLogins} failed logins counted by the twin");
        Assert.AreEqual("lockout", run.Stop, run.Verdict.Message);
        Assert.IsTrue(run.Verdict.IsUnverified);
        Assert.IsLessThan(twin.Digest.LockThreshold, twin.Digest.FailedLogins);
        var owner = new Engine.FactoryPasswords.HttpLoginMethod(http, SecureRandomSource.Instance, twin.BaseUri.ToString().TrimEnd('/') + "/ISAPI/Security/userCheck", 5000);
        Assert.AreEqual(Engine.FactoryPasswords.FactoryLogin.Accepted, owner.Try("admin", "Owner-Str0ng-pass"), "the check locked the owner out");
    }
}
