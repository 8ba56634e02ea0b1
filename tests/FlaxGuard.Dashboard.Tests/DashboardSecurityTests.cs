using System.Net;
using FlaxGuard.Dashboard.Tests.Fixtures;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;
using Microsoft.Playwright;

namespace FlaxGuard.Dashboard.Tests;

/// <summary>CSRF, login, security headers and hostile device strings, in chromium against the real server.</summary>
[TestClass]
public sealed class DashboardSecurityTests
{
    private const string Password = "correct horse battery staple";

    private static IPlaywright _playwright = null!;
    private static IBrowser _browser = null!;

    [ClassInitialize]
    public static async Task Launch(TestContext _) => (_playwright, _browser) = await Chromium.LaunchAsync();

    [ClassCleanup]
    public static async Task Close()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    private static async Task<(DashboardSite Site, DeviceRecord Router)> SiteWithProposalAsync(DashboardAuthMode auth = DashboardAuthMode.Auto, string? password = null)
    {
        var site = await DashboardSite.StartAsync(auth, password);
        await site.AddApplianceAsync("dongle");
        var router = await site.AddDeviceAsync("dongle", "office-router");
        await site.PostAsync("dongle", router, TestReports.RouterFacts());
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Proposed));
        return (site, router);
    }

    private static async Task AssertUnchanged(DashboardSite site, DeviceRecord router)
    {
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Proposed), "the proposal is still pending");
        Assert.IsNull(await site.BaselineAsync(router, BaselineState.Approved), "nothing was approved");
    }

    [TestMethod]
    public async Task PostsWithoutAValidAntiforgeryToken_AreRefusedWith400_AndChangeNothing()
    {
        var (site, router) = await SiteWithProposalAsync();
        await using var _ = site;
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.DeviceUrl(router)); // the browser now holds the anti-forgery cookie
        var approve = site.DeviceUrl(router) + "/approve";

        var noToken = context.APIRequest.CreateFormData();
        noToken.Set("source", "proposed");
        var response = await context.APIRequest.PostAsync(approve, new() { Form = noToken, MaxRedirects = 0 });
        Assert.AreEqual(400, response.Status, "with the browser's cookies but no token");
        StringAssert.Contains(await response.TextAsync(), "anti-forgery token");

        var forged = context.APIRequest.CreateFormData();
        forged.Set("source", "proposed");
        forged.Set(DashboardHost.AntiforgeryField, "CfDJ8forged-token-value");
        Assert.AreEqual(400, (await context.APIRequest.PostAsync(approve, new() { Form = forged, MaxRedirects = 0 })).Status, "with a forged token");
        Assert.AreEqual(400, (await context.APIRequest.PostAsync(site.DeviceUrl(router) + "/reject", new() { Form = noToken, MaxRedirects = 0 })).Status);

        // A page of another site has no cookie of ours and no token.
        using var crossSite = await site.Http.PostAsync(approve, new FormUrlEncodedContent([new("source", "proposed")]));
        Assert.AreEqual(HttpStatusCode.BadRequest, crossSite.StatusCode);
        // State never changes on GET.
        using var get = await site.Http.GetAsync(approve);
        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        await AssertUnchanged(site, router);

        // The same POST with the page's own token works: the refusals above were about the token.
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve proposed baseline" }).ClickAsync();
        await page.WaitForURLAsync("**done=approved");
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Approved));
        await context.CloseAsync();
    }

    [TestMethod]
    public async Task Pages_CarryAStrictContentSecurityPolicy_AndNoScript()
    {
        var (site, router) = await SiteWithProposalAsync();
        await using var _ = site;
        var page = await _browser.NewPageAsync();
        foreach (var url in new[] { site.OverviewUrl, site.DeviceUrl(router) })
        {
            var response = (await page.GotoAsync(url))!;
            var headers = await response.AllHeadersAsync();
            Assert.AreEqual(DashboardEndpoints.ContentSecurityPolicy, headers["content-security-policy"]);
            StringAssert.Contains(headers["content-security-policy"], "script-src 'self'");
            Assert.AreEqual("nosniff", headers["x-content-type-options"]);
            Assert.AreEqual("DENY", headers["x-frame-options"]);
            Assert.AreEqual(0, await page.Locator("script").CountAsync());
            Assert.AreEqual(0, await page.Locator("[style]").CountAsync(), "no inline styles: the CSP forbids them");
            Assert.AreEqual(1, await page.Locator($"link[rel=stylesheet][href='{DashboardAssets.StylesheetPath}']").CountAsync());
        }
        var css = (await page.GotoAsync(new Uri(site.BaseAddress, DashboardAssets.StylesheetPath).ToString()))!;
        Assert.AreEqual(200, css.Status);
        StringAssert.StartsWith((await css.AllHeadersAsync())["content-type"], "text/css");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task HostileDeviceStrings_AreShownAsText_NeverRunAsMarkup()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        const string evilName = "r<script>window.__pwned=1</script>\"'&";
        var router = await site.AddDeviceAsync("dongle", evilName);
        await site.PostAsync("dongle", router, TestReports.RouterFacts());
        await site.Store.ApproveBaselineAsync(router.Id, false, TestReports.Now, CancellationToken.None);
        const string evilValue = "<script>window.__pwned=2</script>\"' onmouseover=\"window.__pwned=3";
        const string evilMessage = "<img src=x onerror=\"window.__pwned=4\"> '\"";
        const string evilSubject = "\"><svg onload=window.__pwned=5>";
        var facts = TestReports.RouterFacts();
        facts.Add("cfg.user.svc", evilValue, FactKind.Config);
        var exposure = new Verdict(VerdictKind.Exposure, Severity.High, "net.exposed", evilSubject, evilMessage);
        var firmware = new Verdict(VerdictKind.Firmware, Severity.Medium, "firmware.unknown", evilSubject, "<b>bold</b> " + evilMessage);
        await site.PostAsync("dongle", router, facts, verdicts: [exposure, firmware]);
        var stored = (await site.Store.LatestResultAsync(router.Id, CancellationToken.None))!;
        var storedValue = stored.Drift.Single(d => d.Key == "cfg.user.svc").NewValue!;
        StringAssert.Contains(storedValue, "<script>", "the hostile value reached the store as sent");

        var page = await _browser.NewPageAsync();
        foreach (var url in new[] { site.OverviewUrl, site.DeviceUrl(router) })
        {
            var response = (await page.GotoAsync(url))!;
            var html = await response.TextAsync();
            Assert.IsFalse(html.Contains("<script", StringComparison.OrdinalIgnoreCase), "no script element in " + url);
            Assert.IsFalse(html.Contains("<img", StringComparison.OrdinalIgnoreCase));
            StringAssert.Contains(html, "&lt;script&gt;");
            Assert.AreEqual(0, await page.Locator("script, img, b, svg[onload]").CountAsync());
            Assert.IsTrue(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "no device string ran");
            StringAssert.Contains(await page.Locator("body").InnerTextAsync(), evilName, "the name is shown as the text it is");
        }
        var row = await page.Locator("tr.drift-row", new() { HasText = "cfg.user.svc" }).InnerTextAsync();
        StringAssert.Contains(row, storedValue);
        var findings = await page.Locator("table.findings").InnerTextAsync();
        StringAssert.Contains(findings, evilMessage);
        StringAssert.Contains(findings, evilSubject);
        StringAssert.Contains(await page.Locator(".firmware").InnerTextAsync(), "<b>bold</b>");
        await page.Locator("tr.drift-row", new() { HasText = "cfg.user.svc" }).HoverAsync();
        Assert.IsTrue(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task WhenLoginIsRequired_PagesAndPostsNeedTheDashboardPassword()
    {
        var (site, router) = await SiteWithProposalAsync(DashboardAuthMode.Required, Password);
        await using var _ = site;
        var hash = await File.ReadAllTextAsync(site.PasswordFile);
        StringAssert.StartsWith(hash, "pbkdf2-sha256$600000$");
        Assert.DoesNotContain(Password, hash, "only the hash is stored");

        // Without a session: pages redirect to the login, a state change is refused before anything else.
        using var anonymous = await site.Http.GetAsync("/dashboard");
        Assert.AreEqual(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.AreEqual("/dashboard/login", anonymous.Headers.Location!.OriginalString);
        using var anonymousPost = await site.Http.PostAsync($"/dashboard/device/{router.Id}/approve", new FormUrlEncodedContent([new("source", "proposed")]));
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymousPost.StatusCode);
        await AssertUnchanged(site, router);

        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.DeviceUrl(router));
        Assert.IsTrue(page.Url.EndsWith("/dashboard/login", StringComparison.Ordinal), page.Url);
        Assert.AreEqual(0, await page.Locator("button.approve-proposed").CountAsync());

        await page.FillAsync("#password", "wrong password here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        StringAssert.Contains(await page.Locator(".error").InnerTextAsync(), "Wrong password");
        Assert.IsFalse((await context.CookiesAsync()).Any(c => c.Name == DashboardHost.SessionCookie), "no session after a wrong password");

        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard");
        Assert.AreEqual("Overview", (await page.Locator("h1").InnerTextAsync()).Trim());
        var session = (await context.CookiesAsync()).Single(c => c.Name == DashboardHost.SessionCookie);
        Assert.IsTrue(session.HttpOnly, "scripts cannot read the session");
        Assert.AreEqual(SameSiteAttribute.Strict, session.SameSite);
        Assert.IsTrue(session.Secure, "served over TLS: the session cookie never travels in plain HTTP");

        await page.GotoAsync(site.DeviceUrl(router));
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve proposed baseline" }).ClickAsync();
        await page.WaitForURLAsync("**done=approved");
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Approved));

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/dashboard/login");
        await page.GotoAsync(site.OverviewUrl);
        Assert.IsTrue(page.Url.EndsWith("/dashboard/login", StringComparison.Ordinal), "logged out: " + page.Url);
        await context.CloseAsync();
    }

    [TestMethod]
    public async Task LoginRequiredWithoutAPasswordSet_ShowsHowToSetOne_AndNothingElse()
    {
        var (site, router) = await SiteWithProposalAsync(DashboardAuthMode.Required);
        await using var _ = site;
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(site.DeviceUrl(router));
        Assert.IsTrue(page.Url.EndsWith("/dashboard/login", StringComparison.Ordinal), page.Url);
        StringAssert.Contains(await page.Locator("main").InnerTextAsync(), "flaxguard dashboard password");
        Assert.AreEqual(0, await page.Locator("#password").CountAsync());
        await page.CloseAsync();
    }

    [TestMethod]
    public void LoginRule_IsRequiredOffLoopback_OrWhenAsked()
    {
        var auto = new DashboardOptions { Auth = DashboardAuthMode.Auto, PasswordFile = "unused" };
        var required = new DashboardOptions { Auth = DashboardAuthMode.Required, PasswordFile = "unused" };
        Assert.IsFalse(auto.LoginRequired(IPAddress.Loopback));
        Assert.IsFalse(auto.LoginRequired(IPAddress.Parse("127.0.0.2")));
        Assert.IsFalse(auto.LoginRequired(IPAddress.IPv6Loopback));
        Assert.IsTrue(auto.LoginRequired(IPAddress.Any), "0.0.0.0 is every interface");
        Assert.IsTrue(auto.LoginRequired(IPAddress.IPv6Any));
        Assert.IsTrue(auto.LoginRequired(IPAddress.Parse("192.0.2.10")));
        Assert.IsTrue(required.LoginRequired(IPAddress.Loopback));
        Assert.AreEqual(DashboardAuthMode.Required, DashboardOptions.ParseAuth("REQUIRED"));
        Assert.ThrowsExactly<FlaxGuard.Server.StoreException>(() => DashboardOptions.ParseAuth("off"));
    }

    [TestMethod]
    public async Task PasswordHash_VerifiesOnlyTheRightPassword_AndRefusesShortOnes()
    {
        using var dir = new TempDir("dashpw");
        var file = dir.File(DashboardOptions.PasswordFileName);
        DashboardPassword.Save(file, Password);
        Assert.IsTrue(await DashboardPassword.VerifyAsync(file, Password, CancellationToken.None));
        Assert.IsFalse(await DashboardPassword.VerifyAsync(file, Password + " ", CancellationToken.None));
        Assert.IsFalse(await DashboardPassword.VerifyAsync(dir.File("missing"), Password, CancellationToken.None));
        var first = await File.ReadAllTextAsync(file);
        DashboardPassword.Save(file, Password);
        Assert.AreNotEqual(first, await File.ReadAllTextAsync(file), "a fresh salt each time");
        if (!OperatingSystem.IsWindows()) Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.ThrowsExactly<FlaxGuard.Server.StoreException>(() => DashboardPassword.Save(file, "short"));
        await File.WriteAllTextAsync(file, "pbkdf2-sha256$1$AAAA$AAAA");
        Assert.IsFalse(await DashboardPassword.VerifyAsync(file, Password, CancellationToken.None), "a damaged or weakened file never verifies");
    }
}
