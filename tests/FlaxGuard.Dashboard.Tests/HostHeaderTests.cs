using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlaxGuard.Dashboard.Tests.Fixtures;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Dashboard.Tests;

/// <summary>
/// DNS rebinding: a web page at evil.example re-points its name at 127.0.0.1, so the browser sends our dashboard
/// requests with "Host: evil.example" (and its own cookies for that name). Such requests must be refused, whatever they carry.
/// </summary>
[TestClass]
public sealed partial class HostHeaderTests
{
    [GeneratedRegex("name=\"" + DashboardHost.AntiforgeryField + "\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private static async Task<(DashboardSite Site, DeviceRecord Router)> PlainSiteWithProposalAsync(DashboardAuthMode auth = DashboardAuthMode.Auto, string? password = null)
    {
        var site = await DashboardSite.StartAsync(auth, password, plainHttp: true);
        await site.AddApplianceAsync("dongle");
        var router = await site.AddDeviceAsync("dongle", "office-router");
        await site.PostAsync("dongle", router, TestReports.RouterFacts());
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Proposed));
        return (site, router);
    }

    private static async Task<HttpResponseMessage> SendAsync(DashboardSite site, HttpMethod method, string path, string? host, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (host is not null) request.Headers.Host = host;
        return await site.Http.SendAsync(request);
    }

    private static FormUrlEncodedContent ApproveForm(string token) =>
        new([new("source", "proposed"), new(DashboardHost.AntiforgeryField, token)]);

    [TestMethod]
    public async Task ApproveWithAForeignHostHeader_IsRefused_AndChangesNothing_EvenWithAValidTokenAndCookie()
    {
        var (site, router) = await PlainSiteWithProposalAsync();
        await using var _ = site;
        var devicePath = $"/dashboard/device/{router.Id}";

        // The rebinding page cannot even read the page (and its token).
        using (var page = await SendAsync(site, HttpMethod.Get, devicePath, "evil.example"))
        {
            Assert.AreEqual(HttpStatusCode.MisdirectedRequest, page.StatusCode);
            Assert.DoesNotContain(DashboardHost.AntiforgeryField, await page.Content.ReadAsStringAsync());
        }

        // Worst case: it holds a valid token and cookie (taken from a real page); the Host alone still refuses the POST.
        string token;
        using (var page = await SendAsync(site, HttpMethod.Get, devicePath, null))
        {
            Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
            token = TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
            Assert.AreNotEqual("", token);
        }
        foreach (var host in new[] { "evil.example", $"evil.example:{site.BaseAddress.Port}", "127.0.0.1.evil.example", "LOCALHOST.evil.example", "[::2]" })
        {
            using var refused = await SendAsync(site, HttpMethod.Post, devicePath + "/approve", host, ApproveForm(token));
            Assert.AreEqual(HttpStatusCode.MisdirectedRequest, refused.StatusCode, host);
            var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.AreEqual("unknown-host", body.GetProperty("error").GetString());
        }
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Proposed), "the proposal is still pending");
        Assert.IsNull(await site.BaselineAsync(router, BaselineState.Approved), "nothing was approved");
        Assert.AreEqual(5 + 1, (await site.Server.RefusalCountsAsync(CancellationToken.None)).GetValueOrDefault("unknown-host"), "every refused request is counted");

        // The same POST naming this host works: the refusals were about the Host header alone.
        using var approved = await SendAsync(site, HttpMethod.Post, devicePath + "/approve", $"localhost:{site.BaseAddress.Port}", ApproveForm(token));
        Assert.AreEqual(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Approved));
    }

    [TestMethod]
    public async Task ApiRequestsWithAForeignHostHeader_AreRefused_AndStoreNothing()
    {
        var (site, router) = await PlainSiteWithProposalAsync();
        await using var _ = site;
        var reportsBefore = await site.Store.CountReportsAsync(null, CancellationToken.None);

        using (var health = await SendAsync(site, HttpMethod.Get, "/api/v1/health", "evil.example"))
            Assert.AreEqual(HttpStatusCode.MisdirectedRequest, health.StatusCode);
        using (var job = await SendAsync(site, HttpMethod.Get, "/api/v1/job", "evil.example"))
            Assert.AreEqual(HttpStatusCode.MisdirectedRequest, job.StatusCode);
        var body = new ByteArrayContent([1, 2, 3]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using (var report = await SendAsync(site, HttpMethod.Post, "/api/v1/reports", "evil.example", body))
            Assert.AreEqual(HttpStatusCode.MisdirectedRequest, report.StatusCode);

        Assert.AreEqual(reportsBefore, await site.Store.CountReportsAsync(null, CancellationToken.None));
        foreach (var host in new[] { "127.0.0.1", "localhost", "[::1]" })
        {
            using var ok = await SendAsync(site, HttpMethod.Get, "/api/v1/health", $"{host}:{site.BaseAddress.Port}");
            Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode, host + " is this host on loopback");
        }
    }

    [TestMethod]
    public async Task Health_WhenLoginIsRequired_TellsAnonymousCallersOnlyThatItIsUp_AndShowsDetailsAfterLogin()
    {
        const string password = "correct horse battery staple";
        var (site, _) = await PlainSiteWithProposalAsync(DashboardAuthMode.Required, password);
        await using var __ = site;

        var anonymous = await site.Http.GetStringAsync("/api/v1/health");
        var bare = JsonDocument.Parse(anonymous).RootElement;
        Assert.AreEqual("ok", bare.GetProperty("status").GetString());
        Assert.AreEqual(1, bare.EnumerateObject().Count(), "nothing but the liveness answer: " + anonymous);
        Assert.DoesNotContain("flaxguard.db", anonymous);

        var loginPage = await site.Http.GetStringAsync("/dashboard/login");
        var token = TokenField().Match(loginPage).Groups[1].Value;
        using (var login = await site.Http.PostAsync("/dashboard/login", new FormUrlEncodedContent([new("password", password), new(DashboardHost.AntiforgeryField, token)])))
            Assert.AreEqual(HttpStatusCode.Redirect, login.StatusCode);
        var details = JsonDocument.Parse(await site.Http.GetStringAsync("/api/v1/health")).RootElement;
        Assert.AreEqual(1, details.GetProperty("reports").GetInt64());
        Assert.AreEqual(1, details.GetProperty("appliances").GetArrayLength());
    }

    [TestMethod]
    public async Task Health_OnAnOpenLoopbackDashboard_ShowsTheDetails()
    {
        var (site, _) = await PlainSiteWithProposalAsync();
        await using var __ = site;
        var details = JsonDocument.Parse(await site.Http.GetStringAsync("/api/v1/health")).RootElement;
        Assert.AreEqual(1, details.GetProperty("reports").GetInt64());
        Assert.IsTrue(details.TryGetProperty("refusals", out var _));
    }
}
