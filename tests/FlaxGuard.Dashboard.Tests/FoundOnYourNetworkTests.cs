using System.Net;
using FlaxGuard.Dashboard.Tests.Fixtures;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Dashboard;
using Microsoft.Playwright;

namespace FlaxGuard.Dashboard.Tests;

/// <summary>"Found on your network" in chromium: devices from a signed inventory report, enrolment through the form.</summary>
[TestClass]
public sealed class FoundOnYourNetworkTests
{
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

    private const string Hostile = "<img src=x onerror=alert(1)>Hikvision";

    private static LanInventory Inventory() => new("192.0.2.0/24",
    [
        new LanDevice("192.0.2.1") { Vendor = "OpenWrt", Model = "FlaxRouter", Kind = "router", Profile = "openwrt", Confidence = "high", Sources = 1 },
        new LanDevice("192.0.2.20") { Name = "flaxnas", Kind = "nas", Profile = "web", Confidence = "medium", Sources = 2 },
        new LanDevice("192.0.2.64") { Mac = "02:00:00:00:00:64", Vendor = Hostile, Model = "DS-2CD2043G2", Kind = "camera", Profile = "hikvision", Confidence = "high", Reason = "it names Hikvision as its maker", Sources = 4, Ports = [80, 554] },
    ], 900, 0);

    [TestMethod]
    public async Task FoundDevices_AreListed_EnrolledOnesChecked_AndTheFormEnrolsWithoutEverShowingThePassword()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        var router = await site.AddDeviceAsync("dongle", "office-router"); // at 192.0.2.1
        await site.PostInventoryAsync("dongle", Inventory());
        var camera = (await site.Store.ListLanDevicesAsync(null, CancellationToken.None)).Single(d => d.Address == "192.0.2.64");

        var page = await _browser.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        Assert.AreEqual(200, (await page.GotoAsync(site.OverviewUrl))!.Status);
        StringAssert.Contains(await page.Locator("#found + p").InnerTextAsync(), "2 device(s) found and not checked");
        var routerRow = page.Locator("tr[data-address='192.0.2.1']");
        Assert.AreEqual("checked", (await routerRow.Locator("a.checked").InnerTextAsync()).Trim());
        Assert.AreEqual(site.DeviceUrl(router), await routerRow.Locator("a.checked").EvaluateAsync<string>("a => a.href"));
        var cameraRow = page.Locator("tr[data-address='192.0.2.64']");
        StringAssert.Contains(await cameraRow.InnerTextAsync(), Hostile, "device text is shown as text");
        Assert.AreEqual(0, await page.Locator("tr[data-found] img").CountAsync(), "never as markup");
        StringAssert.Contains(await cameraRow.InnerTextAsync(), "hikvision (high)");

        await cameraRow.GetByRole(AriaRole.Link, new() { Name = "Enrol…" }).ClickAsync();
        await page.WaitForURLAsync($"**/dashboard/found/{camera.Id}");
        Assert.AreEqual("hikvision", await page.Locator("select[name=profile]").InputValueAsync(), "the suggestion is preselected");

        // Hikvision logs in: without a password the form comes back with the reason and what was typed, never a password.
        await page.FillAsync("input[name=name]", "hall-cam");
        await page.FillAsync("input[name=user]", "admin");
        await page.ClickAsync("button[type=submit]");
        StringAssert.Contains(await page.Locator(".error").InnerTextAsync(), "give its admin user and password");
        Assert.AreEqual("hall-cam", await page.Locator("input[name=name]").InputValueAsync());
        Assert.AreEqual("", await page.Locator("input[name=password]").InputValueAsync());
        Assert.HasCount(1, await site.Store.ListDevicesAsync(null, CancellationToken.None), "only the router: nothing enrolled yet");

        const string password = "cam-secret-Q7x";
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**done=enrolled");
        var enrolled = (await site.Store.FindDeviceAsync("hall-cam", CancellationToken.None))!;
        Assert.AreEqual("192.0.2.64", enrolled.Address);
        Assert.AreEqual("hikvision", enrolled.Profile);
        Assert.IsNotNull(enrolled.PasswordSealed);
        Assert.DoesNotContain(password, await page.ContentAsync());

        await page.GotoAsync(site.OverviewUrl);
        Assert.AreEqual("checked", (await page.Locator("tr[data-address='192.0.2.64'] a.checked").InnerTextAsync()).Trim());
        StringAssert.Contains(await page.Locator("#found + p").InnerTextAsync(), "1 device(s) found and not checked");
        Assert.DoesNotContain(password, await page.ContentAsync());
        Assert.AreEqual(0, dialogs, "no script ran");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task EnrolPost_WithoutTheFormsToken_IsRefused_AndEnrolsNothing()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        await site.PostInventoryAsync("dongle", Inventory());
        var nas = (await site.Store.ListLanDevicesAsync(null, CancellationToken.None)).Single(d => d.Address == "192.0.2.20");
        var enrol = new Uri(site.BaseAddress, $"dashboard/found/{nas.Id}/enrol");
        using var forged = await site.Http.PostAsync(enrol, new FormUrlEncodedContent([new("name", "nas"), new("profile", "web")]));
        Assert.AreEqual(HttpStatusCode.BadRequest, forged.StatusCode);
        StringAssert.Contains(await forged.Content.ReadAsStringAsync(), "anti-forgery token");
        Assert.IsEmpty(await site.Store.ListDevicesAsync(null, CancellationToken.None));
        using var missing = await site.Http.GetAsync(new Uri(site.BaseAddress, "dashboard/found/99999"));
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
