using FlaxGuard.Dashboard.Tests.Fixtures;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;
using Microsoft.Playwright;

namespace FlaxGuard.Dashboard.Tests;

/// <summary>The overview and the device page in chromium, over devices seeded through signed reports.</summary>
[TestClass]
public sealed class DashboardPagesTests
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

    private static FactSet WithSsh(FactSet facts)
    {
        facts.Add("cfg.service.ssh", "port=22 from=any", FactKind.Config);
        return facts;
    }

    [TestMethod]
    public async Task ApplianceHealth_ShowsAKeyRotation_AndNoRemovedAppliance()
    {
        await using var site = await DashboardSite.StartAsync();
        var rotatedId = await site.AddApplianceAsync("rotated-dongle");
        await site.AddApplianceAsync("plain-dongle");
        var retiredId = await site.AddApplianceAsync("retired-pi");
        var rotated = (await site.Store.FindApplianceAsync(rotatedId, CancellationToken.None))!;
        await Enrollment.RekeyApplianceAsync(site.Store, site.Master, rotated, Enrollment.NewApplianceKey(), TestReports.Now - 7200, CancellationToken.None);
        Assert.IsTrue(await site.Store.RemoveApplianceAsync(retiredId, TestReports.Now, CancellationToken.None));

        var page = await _browser.NewPageAsync();
        Assert.AreEqual(200, (await page.GotoAsync(site.OverviewUrl))!.Status);
        StringAssert.Contains(await page.Locator($"tr[data-appliance='{rotatedId}']").InnerTextAsync(), "key rotated 2 h ago");
        StringAssert.Contains(await page.Locator("tr[data-appliance]", new() { HasText = "plain-dongle" }).InnerTextAsync(), "enrolled key");
        Assert.AreEqual(0, await page.Locator($"tr[data-appliance='{retiredId}']").CountAsync(), "a removed appliance is gone");
        Assert.DoesNotContain("retired-pi", await page.ContentAsync(), "nor is its name anywhere");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task Overview_ShowsTheStatusBadgeOfEveryDevice_AsStatusDoes_AndApplianceHealth()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        await site.AddApplianceAsync("silent-dongle");
        var ok = await site.AddDeviceAsync("dongle", "ok-router");
        var warn = await site.AddDeviceAsync("dongle", "warn-router");
        var critical = await site.AddDeviceAsync("dongle", "critical-router");
        var unknown = await site.AddDeviceAsync("silent-dongle", "new-camera");
        foreach (var d in new[] { ok, warn, critical })
        {
            await site.PostAsync("dongle", d, TestReports.RouterFacts());
            Assert.IsNotNull(await site.Store.ApproveBaselineAsync(d.Id, false, TestReports.Now, CancellationToken.None));
        }
        await site.PostAsync("dongle", ok, TestReports.RouterFacts());
        await site.PostAsync("dongle", warn, WithSsh(TestReports.RouterFacts()));
        await site.PostAsync("dongle", critical, TestReports.RouterFacts(compromised: true), queueLength: 7);

        var page = await _browser.NewPageAsync();
        var response = await page.GotoAsync(site.OverviewUrl);
        Assert.AreEqual(200, response!.Status);
        var expected = new Dictionary<DeviceRecord, string> { [ok] = "OK", [warn] = "WARNING", [critical] = "CRITICAL", [unknown] = "UNKNOWN" };
        foreach (var (device, state) in expected)
        {
            Assert.AreEqual(state, (await page.Locator($"tr[data-device='{device.Id}'] .badge").InnerTextAsync()).Trim(), device.Name);
            Assert.AreEqual(state, StatusEvaluator.Name(await site.StatusAsync(device)), "the dashboard and flaxguard status agree on " + device.Name);
        }
        Assert.AreEqual("CRITICAL", (await page.Locator(".summary .badge").InnerTextAsync()).Trim());
        StringAssert.Contains(await page.Locator($"tr[data-device='{critical.Id}']").InnerTextAsync(), "cfg.service.telnet");

        var dongle = await page.Locator("tr[data-appliance]", new() { HasText = "silent-dongle" }).InnerTextAsync();
        StringAssert.Contains(dongle, "never");
        StringAssert.Contains(dongle, "stale");
        var reporting = await page.Locator("tr[data-appliance]").Filter(new() { HasNotText = "silent-dongle" }).InnerTextAsync();
        StringAssert.Contains(reporting, "ago");
        StringAssert.Contains(reporting, "7", "queue length reported with the last report");
        StringAssert.Contains(reporting, "reporting");
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task DevicePage_ShowsFirmwareVerdict_DriftAsADiff_AndATimelineWithOnePointPerReport()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        var router = await site.AddDeviceAsync("dongle", "office-router");
        var knownGood = new Verdict(VerdictKind.Firmware, Severity.Info, "firmware.known-good", "openwrt 23.05.3", "OpenWrt 23.05.3 matches the signed hash database.");
        await site.PostAsync("dongle", router, TestReports.RouterFacts(), verdicts: knownGood);
        await site.Store.ApproveBaselineAsync(router.Id, false, TestReports.Now, CancellationToken.None);
        await site.PostAsync("dongle", router, TestReports.RouterFacts(), verdicts: knownGood);
        await site.PostAsync("dongle", router, WithSsh(TestReports.RouterFacts()), verdicts: knownGood);
        var exploited = new Verdict(VerdictKind.Firmware, Severity.Critical, "firmware.known-exploited", "openwrt 23.05.4", "This firmware build is known to be exploited in the wild.");
        await site.PostAsync("dongle", router, TestReports.RouterFacts(compromised: true, firmware: "23.05.4"), verdicts: exploited);
        var latest = (await site.Store.LatestResultAsync(router.Id, CancellationToken.None))!;

        var page = await _browser.NewPageAsync();
        Assert.AreEqual(200, (await page.GotoAsync(site.DeviceUrl(router)))!.Status);
        Assert.AreEqual("CRITICAL", (await page.Locator("h1 .badge").InnerTextAsync()).Trim());
        var factoryRow = await page.Locator("table.facts tr", new() { HasText = "Factory-password check" }).InnerTextAsync();
        StringAssert.Contains(factoryRow, "off (turn on with flaxguard device set office-router --factory-check on)", "off by default, and how to opt in");
        var inventoryRow = await page.Locator("table.facts tr", new() { HasText = "Port inventory" }).InnerTextAsync();
        StringAssert.Contains(inventoryRow, "every TCP port (1-65535) daily", "daily by default");
        StringAssert.Contains(inventoryRow, "flaxguard device set office-router --port-inventory");
        var firmware = await page.Locator(".firmware").InnerTextAsync();
        StringAssert.Contains(firmware, "firmware.known-exploited");
        StringAssert.Contains(firmware, "known to be exploited in the wild");
        StringAssert.Contains(firmware, "critical");

        var telnet = latest.Drift.Single(d => d.Key == "cfg.service.telnet");
        var telnetRow = await page.Locator("tr.drift-row", new() { HasText = "cfg.service.telnet" }).InnerTextAsync();
        StringAssert.Contains(telnetRow, "added");
        StringAssert.Contains(telnetRow, "port=23 from=any");
        StringAssert.Contains(telnetRow, "critical");
        StringAssert.Contains(telnetRow, telnet.Explanation, "the owner sentence");
        var versionRow = await page.Locator("tr.drift-row", new() { HasText = "fw.version" }).InnerTextAsync();
        StringAssert.Contains(versionRow, "changed");
        StringAssert.Contains(versionRow, "23.05.3 -> 23.05.4", "old -> new");
        StringAssert.Contains(versionRow, latest.Drift.Single(d => d.Key == "fw.version").Severity.ToString().ToLowerInvariant());
        Assert.AreEqual(latest.Drift.Count, await page.Locator("tr.drift-row").CountAsync());

        var points = page.Locator("svg.timeline circle.pt");
        Assert.AreEqual(4, await points.CountAsync(), "one point per stored report");
        Assert.AreEqual("0", await points.Nth(0).GetAttributeAsync("data-findings"));
        Assert.AreEqual("1", await points.Nth(2).GetAttributeAsync("data-findings"), "the ssh service drift");
        StringAssert.Contains(await points.Nth(3).GetAttributeAsync("class") ?? "", "pt-critical");
        Assert.AreEqual(1, await page.Locator("svg.timeline polyline.trend").CountAsync());
        Assert.IsTrue(await page.Locator("svg.timeline").IsVisibleAsync());
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task ApproveProposedThenApproveAfterFirmwareUpdate_EachIsOneClick_AndTheDeviceTurnsOk()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        var router = await site.AddDeviceAsync("dongle", "office-router");
        await site.PostAsync("dongle", router, TestReports.RouterFacts());
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(site.DeviceUrl(router));
        StringAssert.Contains(await page.Locator(".proposal").InnerTextAsync(), "waits for your decision");

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve proposed baseline" }).ClickAsync();
        await page.WaitForURLAsync("**done=approved");
        StringAssert.Contains(await page.Locator(".notice").InnerTextAsync(), "Baseline approved");
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Approved));
        Assert.IsNull(await site.BaselineAsync(router, BaselineState.Proposed));

        // A legitimate firmware update: drift (fw.* is high), so WARNING until the owner approves the new state.
        await site.PostAsync("dongle", router, TestReports.RouterFacts(firmware: "23.05.5"));
        await page.GotoAsync(site.DeviceUrl(router));
        Assert.AreEqual("WARNING", (await page.Locator("h1 .badge").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve current state (after a legitimate update or change)" }).ClickAsync();
        await page.WaitForURLAsync("**done=approved");
        var approved = (await site.BaselineAsync(router, BaselineState.Approved))!;
        Assert.AreEqual("23.05.5", SqlFlaxStore.DecodeFacts(approved.Facts).Get("fw.version")!.Value);
        Assert.AreEqual("OK", (await page.Locator("h1 .badge").InnerTextAsync()).Trim(), "the accepted change stops showing at once, not one check later");

        // The appliance's next report is compared with the new baseline.
        await site.PostAsync("dongle", router, TestReports.RouterFacts(firmware: "23.05.5"));
        await page.GotoAsync(site.DeviceUrl(router));
        Assert.AreEqual("OK", (await page.Locator("h1 .badge").InnerTextAsync()).Trim());
        StringAssert.Contains(await page.Locator(".no-drift").InnerTextAsync(), "No drift");
        await page.GotoAsync(site.OverviewUrl);
        Assert.AreEqual("OK", (await page.Locator($"tr[data-device='{router.Id}'] .badge").InnerTextAsync()).Trim());
        await page.CloseAsync();
    }

    [TestMethod]
    public async Task RejectProposal_IsOneClick_AndTheNextReportProposesAgain()
    {
        await using var site = await DashboardSite.StartAsync();
        await site.AddApplianceAsync("dongle");
        var router = await site.AddDeviceAsync("dongle", "office-router");
        await site.PostAsync("dongle", router, TestReports.RouterFacts(compromised: true));
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(site.DeviceUrl(router));
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject proposed baseline" }).ClickAsync();
        await page.WaitForURLAsync("**done=rejected");
        Assert.IsNull(await site.BaselineAsync(router, BaselineState.Proposed));
        Assert.IsNull(await site.BaselineAsync(router, BaselineState.Approved));
        Assert.AreEqual(0, await page.Locator("button.approve-proposed").CountAsync());
        await site.PostAsync("dongle", router, TestReports.RouterFacts());
        Assert.IsNotNull(await site.BaselineAsync(router, BaselineState.Proposed));
        await page.CloseAsync();
    }
}
