using System.Diagnostics;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Lab;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// A router that answers ubus calls with truncated, oversized, wrongly typed or absurdly nested JSON, or with
/// broken HTTP: the probe must end within its time bound with exactly one "could not verify" that says why,
/// never throw and never report the device as fine.
/// </summary>
[TestClass]
public sealed class UbusProbeHostileTests
{
    private const long Bound = 8000 + 2000;

    [TestMethod]
    [DataRow(UbusHostility.TruncatedJson, "system board is not acceptable JSON: the answer ends")]
    [DataRow(UbusHostility.OversizedBody, "system board was larger than the limit of 65536 bytes")]
    [DataRow(UbusHostility.StringForObject, "system board has data that is a JSON string, not an object")]
    [DataRow(UbusHostility.NumberForArray, "system board has a result that is a JSON number, not the [status, data] array")]
    [DataRow(UbusHostility.DeeplyNested, "system board is not acceptable JSON: the answer is nested deeper than 12 levels")]
    [DataRow(UbusHostility.WrongId, "system board carries another request id")]
    [DataRow(UbusHostility.HtmlContentType, "system board is not JSON (content type text/html)")]
    [DataRow(UbusHostility.Stall, "did not answer system board properly: it took longer than the time limit")]
    public async Task HostileAnswers_EndAsCouldNotVerify_WithTheReason(UbusHostility hostility, string reason)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Hostility = hostility;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (output, elapsed, _) = OpenWrtLab.Run(twin);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var unverified = output.Verdicts().Where(v => v.IsUnverified).ToArray();
        Assert.HasCount(1, unverified, OpenWrtLab.Describe(output));
        Assert.HasCount(output.VerdictCount, unverified);
        StringAssert.Contains(unverified[0].Message, reason);
        Assert.IsLessThan(Bound, elapsed, "the probe overran its time bound");
        Assert.IsNull(output.Facts.Get("cfg.user.root"), "nothing may be judged from a hostile answer");
        // The 1 MiB and 200 KB answers must not be held whole: the capture stops at 64 KiB.
        Assert.IsLessThan(16L * 1024 * 1024, allocated, "the probe allocated " + allocated + " bytes");
    }

    [TestMethod]
    [DataRow("uci", UbusHostility.NumberForText, "option \"hostname\" in the section")]
    [DataRow("uci", UbusHostility.StringForObject, "reading uci config system has data that is a JSON string")]
    [DataRow("file", UbusHostility.NumberForArray, "reading the SSH key file /etc/dropbear/authorized_keys has a result that is a JSON number")]
    [DataRow("rc", UbusHostility.TruncatedJson, "the list of init scripts (rc list) is not acceptable JSON")]
    public async Task HostileAnswerToOneObject_NamesThatCall(string ubusObject, UbusHostility hostility, string reason)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Hostility = hostility;
        twin.HostileObject = ubusObject;
        var (output, elapsed, _) = OpenWrtLab.Run(twin);
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified);
        StringAssert.Contains(verdict.Message, reason);
        Assert.IsLessThan(Bound, elapsed);
        Assert.AreEqual("openwrt", output.Facts.Get("fw.vendor")?.Value, "the board was read honestly before");
    }

    [TestMethod]
    public async Task HostileLogin_IsCouldNotLogIn()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Hostility = UbusHostility.StringForObject;
        twin.HostileObject = "session";
        var (output, _, _) = OpenWrtLab.Run(twin);
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "could not log in to ubus");
        StringAssert.Contains(verdict.Message, "the login (session login) has data that is a JSON string");
        Assert.AreEqual(0, output.Facts.Count);
    }

    [TestMethod]
    [DataRow(HostileBehavior.HugeBody, "larger than the limit of 65536 bytes")]
    [DataRow(HostileBehavior.SlowBody, "took longer than the time limit")]
    [DataRow(HostileBehavior.SlowHeaders, "took longer than the time limit")]
    [DataRow(HostileBehavior.Silent, "took longer than the time limit")]
    [DataRow(HostileBehavior.CloseMidBody, "did not answer the login (session login) properly")]
    [DataRow(HostileBehavior.CloseMidHeaders, "did not answer the login (session login) properly")]
    [DataRow(HostileBehavior.NotHttp, "did not speak valid HTTP")]
    [DataRow(HostileBehavior.EndlessHeaders, "the login (session login)")]
    [DataRow(HostileBehavior.RedirectLoop, "the device answered HTTP 302 (a redirect)")]
    public async Task BrokenHttp_IsCouldNotVerify_WithinTheBound(HostileBehavior behavior, string reason)
    {
        await using var server = new HostileHttpServer(OpenWrtLab.NextAddress(), behavior);
        var options = new UbusOptions
        {
            Port = server.Port, Credentials = new HttpCredentials("root", "Secret-Not-Shown"), RequestTimeoutMs = 2000, TotalTimeoutMs = 8000,
        };
        var watch = Stopwatch.StartNew();
        var (output, _, _) = OpenWrtLab.Run(server.Address.ToString(), options);
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified);
        StringAssert.Contains(verdict.Message, reason);
        Assert.DoesNotContain("Secret-Not-Shown", verdict.ToString());
        Assert.IsLessThan(Bound, watch.ElapsedMilliseconds);
        Assert.IsLessThanOrEqualTo(1, server.Connections, "the probe must give up after the failed login, not retry");
    }

    [TestMethod]
    public async Task TotalTimeBound_CoversEveryCall()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Hostility = UbusHostility.Stall;
        twin.HostileObject = "uci";
        var options = OpenWrtLab.Options(twin);
        options.RequestTimeoutMs = 1500;
        options.TotalTimeoutMs = 2500;
        var (output, elapsed, _) = OpenWrtLab.Run(twin, options);
        var verdict = output.Verdicts().Single();
        StringAssert.Contains(verdict.Message, "reading uci config system");
        Assert.IsLessThan(2500L + 1500, elapsed);
    }
}
