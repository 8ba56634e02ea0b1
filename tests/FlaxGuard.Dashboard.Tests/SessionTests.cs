using System.Net;
using System.Text.RegularExpressions;
using FlaxGuard.Dashboard.Tests.Fixtures;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Dashboard.Tests;

/// <summary>Dashboard sessions end at logout and at a password change, logins are throttled per client, HTTPS answers carry HSTS.</summary>
[TestClass]
public sealed partial class SessionTests
{
    private const string Password = "correct horse battery staple";

    [GeneratedRegex("name=\"" + DashboardHost.AntiforgeryField + "\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>A browser-like client over plain HTTP whose cookie jar the test can read.</summary>
    private static (HttpClient Client, CookieContainer Cookies) Browser(DashboardSite site)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return (client, cookies);
    }

    private static async Task<string> TokenAsync(HttpClient client, string path) => TokenField().Match(await client.GetStringAsync(path)).Groups[1].Value;

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, string password)
    {
        var token = await TokenAsync(client, "/dashboard/login");
        using var response = await client.PostAsync("/dashboard/login", new FormUrlEncodedContent([new("password", password), new(DashboardHost.AntiforgeryField, token)]));
        return response.StatusCode;
    }

    /// <summary>GET /dashboard with only <paramref name="sessionCookie"/>: 200 when it is a live session, a redirect to the login otherwise.</summary>
    private static async Task<HttpStatusCode> OverviewWithCookieAsync(DashboardSite site, string sessionCookie)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        request.Headers.Add("Cookie", $"{DashboardHost.SessionCookie}={sessionCookie}");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [TestMethod]
    public async Task Logout_EndsTheSession_EvenForACopyOfItsCookie()
    {
        await using var site = await DashboardSite.StartAsync(DashboardAuthMode.Required, Password, plainHttp: true);
        var (browser, cookies) = Browser(site);
        using var _ = browser;
        Assert.AreEqual(HttpStatusCode.Redirect, await LoginAsync(browser, Password));
        var copied = cookies.GetCookies(site.BaseAddress)[DashboardHost.SessionCookie]!.Value;
        Assert.AreEqual(HttpStatusCode.OK, await OverviewWithCookieAsync(site, copied), "the copied cookie is a live session before the logout");

        var token = await TokenAsync(browser, "/dashboard");
        using (var logout = await browser.PostAsync("/dashboard/logout", new FormUrlEncodedContent([new(DashboardHost.AntiforgeryField, token)])))
            Assert.AreEqual(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.AreEqual(HttpStatusCode.Redirect, await OverviewWithCookieAsync(site, copied), "the copied cookie no longer logs in");
    }

    [TestMethod]
    public async Task PasswordChange_EndsEverySession()
    {
        await using var site = await DashboardSite.StartAsync(DashboardAuthMode.Required, Password, plainHttp: true);
        var (browser, cookies) = Browser(site);
        using var _ = browser;
        Assert.AreEqual(HttpStatusCode.Redirect, await LoginAsync(browser, Password));
        var session = cookies.GetCookies(site.BaseAddress)[DashboardHost.SessionCookie]!.Value;
        Assert.AreEqual(HttpStatusCode.OK, await OverviewWithCookieAsync(site, session));

        DashboardPassword.Save(site.PasswordFile, "a brand new dashboard password"); // what 'flaxguard dashboard password' does
        Assert.AreEqual(HttpStatusCode.Redirect, await OverviewWithCookieAsync(site, session), "a session opened under the old password ended");
        Assert.AreEqual(HttpStatusCode.Redirect, await LoginAsync(browser, "a brand new dashboard password"), "the new password logs in");
        Assert.AreEqual(HttpStatusCode.OK, (await browser.GetAsync("/dashboard")).StatusCode);
    }

    [TestMethod]
    public async Task WrongPasswords_AreThrottledPerClient_ThenEvenTheRightOneWaits()
    {
        await using var site = await DashboardSite.StartAsync(DashboardAuthMode.Required, Password, plainHttp: true);
        var (browser, _) = Browser(site);
        using var __ = browser;
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            Assert.AreEqual(HttpStatusCode.Unauthorized, await LoginAsync(browser, "guess " + i));
        Assert.AreEqual(HttpStatusCode.TooManyRequests, await LoginAsync(browser, Password), "blocked for the rest of the window");
        using var overview = await browser.GetAsync("/dashboard");
        Assert.AreEqual(HttpStatusCode.Redirect, overview.StatusCode, "not logged in");
    }

    [TestMethod]
    public async Task Https_AnswersCarryHsts_PlainHttpDoesNot()
    {
        await using (var https = await DashboardSite.StartAsync())
        {
            using var response = await https.Http.GetAsync("/dashboard");
            Assert.AreEqual("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
        }
        await using var plain = await DashboardSite.StartAsync(plainHttp: true);
        using var plainResponse = await plain.Http.GetAsync("/dashboard");
        Assert.IsFalse(plainResponse.Headers.Contains("Strict-Transport-Security"));
    }
}
