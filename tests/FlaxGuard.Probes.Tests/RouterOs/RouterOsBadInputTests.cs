using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Lab;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.RouterOs;

namespace FlaxGuard.Probes.Tests.RouterOs;

/// <summary>
/// Wrong credentials and hostile answers, from the twin's hostile modes (truncated, oversized, wrongly typed, deeply
/// nested JSON and more) and from the lab's raw hostile HTTP server: each must end in one "could not verify" verdict
/// with a reason in words, no facts, no exception, within the probe's time bound.
/// </summary>
[TestClass]
public sealed class RouterOsBadInputTests
{
    // Overall bound plus slack for process scheduling on a 2-core machine.
    private const long BoundMs = RouterOsLab.TotalTimeoutMs + 1500;

    [TestMethod]
    public async Task WrongPassword_IsRefused_WithoutTheSecret()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var (output, elapsed, probe) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port, password: "Wrong-Pa55-xyz"));
        var verdict = RouterOsLab.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "the device refused the credentials");
        StringAssert.Contains(verdict.Message, "the RouterOS REST API at " + twin.BaseUri.GetLeftPart(UriPartial.Authority));
        Assert.IsFalse(verdict.Message.Contains("Wrong-Pa55-xyz", StringComparison.Ordinal));
        Assert.IsFalse(verdict.Message.Contains(RouterOsLab.Password, StringComparison.Ordinal));
        Assert.AreEqual(2, probe.LastRequestCount, "one challenge, one refused attempt, then stop");
        Assert.IsLessThan(BoundMs, elapsed);
    }

    [TestMethod]
    public async Task DisabledAccount_IsRefused()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var (output, _, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port, "old-tech", "lab-old-tech-pw"));
        StringAssert.Contains(RouterOsLab.SingleUnverified(output).Message, "the device refused the credentials");
    }

    [TestMethod]
    public async Task ReadOnlyLoginUser_SeesEverything_AndIsAFactItself()
    {
        await using var twin = await RouterOsTwin.StartAsync(RouterOsLab.NextAddress(), 0, "monitor", "Ros-read-pass", CancellationToken.None);
        var (output, _, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port, "monitor", "Ros-read-pass"));
        Assert.AreEqual(0, output.VerdictCount, string.Join("\n", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual("read", output.Facts.Get("cfg.user.monitor")!.Value);
        Assert.AreEqual("full", output.Facts.Get("cfg.user.admin")!.Value);
        var (refused, _, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port, "admin", "Ros-read-pass"));
        StringAssert.Contains(RouterOsLab.SingleUnverified(refused).Message, "the device refused the credentials");
    }

    [TestMethod]
    public async Task Twin_IsStrictLikeRouterOs()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        var anonymous = await RouterOsLab.GetRawAsync(twin, "/rest/system/resource", user: null);
        Assert.AreEqual(401, anonymous.Status);
        Assert.AreEqual("Basic realm=\"RouterOS\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.AreEqual("{\"error\":401,\"message\":\"Unauthorized\"}", anonymous.Body);
        Assert.AreEqual("application/json", anonymous.ContentType);

        var unknown = await RouterOsLab.GetRawAsync(twin, "/rest/system/nonsense");
        Assert.AreEqual(400, unknown.Status);
        Assert.AreEqual("{\"detail\":\"no such command or directory (nonsense)\",\"error\":400,\"message\":\"Bad Request\"}", unknown.Body);

        var missing = await RouterOsLab.GetRawAsync(twin, "/rest/user/*99");
        Assert.AreEqual(404, missing.Status);
        Assert.AreEqual("{\"error\":404,\"message\":\"Not Found\"}", missing.Body);

        var item = await RouterOsLab.GetRawAsync(twin, "/rest/user/*1");
        Assert.AreEqual(200, item.Status);
        StringAssert.StartsWith(item.Body, "{\".id\":\"*1\",\"address\":\"\"");

        var filtered = await RouterOsLab.GetRawAsync(twin, "/rest/ip/service?name=ssh&.proplist=name,port");
        Assert.AreEqual("[{\"name\":\"ssh\",\"port\":\"22\"}]", filtered.Body);

        var resource = await RouterOsLab.GetRawAsync(twin, "/rest/system/resource");
        Assert.AreEqual("application/json", resource.ContentType);
        StringAssert.StartsWith(resource.Body, "{\"architecture-name\":\"arm64\"");
        StringAssert.DoesNotMatch(resource.Body, new System.Text.RegularExpressions.Regex("\":[^\"]"), "every value is a string");
    }

    [TestMethod]
    public async Task ClientOutsideTheWwwAddressList_IsDropped_AndUnverified()
    {
        // RouterOS closes connections from addresses the www service does not list, without an HTTP answer.
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.SetServiceAddress("www", RouterOsTwinState.Lan);
        var (output, elapsed, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        StringAssert.Contains(RouterOsLab.SingleUnverified(output).Message, "the router's answer to /rest/system/resource did not arrive intact");
        Assert.IsLessThan(BoundMs, elapsed, $"took {elapsed} ms");
        twin.SetServiceAddress("www", RouterOsTwinState.Lan + ",127.0.0.0/8");
        Assert.AreEqual(0, RouterOsLab.Run(twin).VerdictCount);
    }

    [TestMethod]
    public async Task RouterWithoutRouterboardMenu_StillVerifies()
    {
        // CHR and x86 answer 400 "no such command or directory (routerboard)"; that is not a failure.
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Hostility = RouterOsHostility.NoSuchMenu;
        twin.HostileMenu = "/system/routerboard";
        var output = RouterOsLab.RunVerified(twin);
        Assert.IsNull(output.Facts.Get("routeros.routerboot"));
        Assert.IsNull(output.Facts.Get("routeros.routerboard.model"));
        Assert.AreEqual("7.20.8", output.Facts.Get("fw.version")!.Value);
    }

    [TestMethod]
    public async Task RouterboardServerError_IsUnverified_WithRouterOsWords()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Hostility = RouterOsHostility.ServerError;
        twin.HostileMenu = "/system/routerboard";
        var (output, _, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        StringAssert.Contains(RouterOsLab.SingleUnverified(output).Message, "refused GET /rest/system/routerboard with HTTP status 500 (Internal Server Error: std failure: timeout (13))");
    }

    [TestMethod]
    [DataRow(RouterOsHostility.TruncatedJson, "/system/resource", "(truncated)")]
    [DataRow(RouterOsHostility.TruncatedJson, "/ip/firewall/nat", "(truncated)")]
    [DataRow(RouterOsHostility.OversizedBody, "/user", "more data than the size limit")]
    [DataRow(RouterOsHostility.WrongTypes, "/ip/service", "item 1 has \"disabled\" as a JSON boolean; RouterOS sends every value as a string")]
    [DataRow(RouterOsHostility.WrongTypes, "/system/resource", "has \"bad-blocks\" as a JSON number")]
    [DataRow(RouterOsHostility.WrongTypes, "/ip/socks", "RouterOS sends every value as a string")]
    [DataRow(RouterOsHostility.NestedValue, "/user/ssh-keys", "has \"name\" as an object")]
    [DataRow(RouterOsHostility.NestedValue, "/ip/dns", "has \"enabled\" as an object")]
    [DataRow(RouterOsHostility.DeeplyNested, "/system/scheduler", "nested deeper than 4 levels")]
    [DataRow(RouterOsHostility.NotJson, "/system/resource", "is not JSON (content type text/html)")]
    [DataRow(RouterOsHostility.WrongContentType, "/system/script", "is not JSON (content type text/plain)")]
    [DataRow(RouterOsHostility.ServerError, "/ip/proxy", "refused GET /rest/ip/proxy with HTTP status 500")]
    [DataRow(RouterOsHostility.InvalidUtf8, "/user", "not valid UTF-8")]
    [DataRow(RouterOsHostility.DuplicateMember, "/system/resource", "repeats the member name \"version\"")]
    [DataRow(RouterOsHostility.WrongShape, "/ip/dns", "one settings object was expected, but the answer is a list of 2 items")]
    [DataRow(RouterOsHostility.WrongShape, "/system/package", "a list of items was expected, but the answer is an object")]
    [DataRow(RouterOsHostility.Stall, "/ip/service", "took longer than the time limit")]
    public async Task HostileAnswer_IsUnverified_WithinBounds(RouterOsHostility hostility, string menu, string reason)
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Hostility = hostility;
        twin.HostileMenu = menu;
        var (output, elapsed, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        var verdict = RouterOsLab.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, reason);
        StringAssert.Contains(verdict.Message, "/rest" + menu);
        Assert.IsLessThan(BoundMs, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public async Task HostileEverywhere_StopsAtTheFirstMenu()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Hostility = RouterOsHostility.Stall;
        var (output, elapsed, probe) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        StringAssert.Contains(RouterOsLab.SingleUnverified(output).Message, "/rest/system/resource");
        Assert.AreEqual(2, probe.LastRequestCount);
        Assert.IsLessThan(BoundMs, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public async Task HostileAfterCompromise_NeverReportsPartialFacts()
    {
        await using var twin = await RouterOsLab.StartTwinAsync();
        twin.Apply(TwinChanges.NewAdmin);
        twin.Hostility = RouterOsHostility.WrongTypes;
        twin.HostileMenu = "/ip/proxy";
        var (output, _, _) = RouterOsLab.Run(twin.Address.ToString(), RouterOsLab.Options(twin.Port));
        RouterOsLab.SingleUnverified(output);
        Assert.IsNull(output.Facts.Get("cfg.user.support"));
    }

    [TestMethod]
    [DataRow(HostileBehavior.HugeBody, "more data than the size limit")]
    [DataRow(HostileBehavior.SlowBody, "took longer than the time limit")]
    [DataRow(HostileBehavior.SlowHeaders, "took longer than the time limit")]
    [DataRow(HostileBehavior.Silent, "took longer than the time limit")]
    [DataRow(HostileBehavior.CloseMidBody, "did not arrive intact")]
    [DataRow(HostileBehavior.CloseMidHeaders, "did not arrive intact")]
    [DataRow(HostileBehavior.NotHttp, "did not arrive intact")]
    [DataRow(HostileBehavior.EndlessHeaders, "did not arrive intact")]
    [DataRow(HostileBehavior.RedirectLoop, "the device answered HTTP 302 (a redirect)")]
    public async Task HostileHttpServer_IsUnverified_WithinBounds(HostileBehavior behavior, string reason)
    {
        var address = RouterOsLab.NextAddress();
        await using var server = new HostileHttpServer(address, behavior);
        var options = RouterOsLab.Options(server.Port);
        var (output, elapsed, probe) = RouterOsLab.Run(address.ToString(), options);
        var verdict = RouterOsLab.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, reason);
        Assert.IsLessThan(BoundMs, elapsed, $"took {elapsed} ms");
        Assert.IsLessThanOrEqualTo(3, probe.LastRequestCount, "a hostile server gets no more than the first menu's requests");
        Assert.IsLessThanOrEqualTo(3, server.Connections, $"{server.Connections} connections");
    }

    [TestMethod]
    public void Options_AreChecked()
    {
        var credentials = new FlaxGuard.Engine.Http.HttpCredentials("admin", "x");
        Assert.ThrowsExactly<ArgumentException>(() => new RouterOsRestProbe(new RouterOsOptions(credentials) { Scheme = "ftp" }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RouterOsRestProbe(new RouterOsOptions(credentials) { Port = 0 }));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new RouterOsRestProbe(new RouterOsOptions(credentials) { MaxBodyBytes = 10 }));
        Assert.ThrowsExactly<ArgumentException>(() => new RouterOsRestProbe(new RouterOsOptions(null!)));
    }
}
