using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Store;

/// <summary>The LAN inventory both stores must keep alike: baseline, new devices, first/last seen, MAC changes, enrolment.</summary>
public abstract partial class StoreContract
{
    private static LanDevice Lan(string address, string mac = "", string vendor = "", string model = "", string profile = "", string confidence = "")
        => new(address) { Mac = mac, Vendor = vendor, Model = model, Kind = "device", Profile = profile, Confidence = confidence, Sources = 9, Ports = [80, 443] };

    private async Task<IngestResult> IngestInventory(string applianceId, long counter, long sealedAt, params LanDevice[] devices)
    {
        var report = new Report(applianceId, counter, sealedAt, new LanInventory("192.0.2.0/24", devices, 1200, 0));
        return (await Store.StoreReportsAsync([TestReports.Item(report, 900, sealedAt, 0)], CancellationToken.None)).Single();
    }

    [TestMethod]
    public async Task LanInventory_FirstReportIsTheBaseline_LaterNewDevicesAreNew_EnrolledOnesAreChecked()
    {
        var (appliance, _, device) = await Enroll(); // office-router at 192.0.2.1
        var t0 = TestReports.Now - 7200;
        var first = await IngestInventory(appliance.Id, 1, t0,
            Lan("192.0.2.1", "02:00:00:00:00:01", "OpenWrt", "FlaxRouter", "openwrt", "high"), Lan("192.0.2.20", vendor: "Synology", profile: "web", confidence: "medium"));
        Assert.AreEqual(IngestStatus.Stored, first.Status);
        Assert.IsEmpty(first.NewLanDevices!, "the first inventory is the baseline: nothing is new");

        var second = await IngestInventory(appliance.Id, 2, t0 + 3600,
            Lan("192.0.2.1", "02:00:00:00:00:01"), Lan("192.0.2.20", vendor: "Synology"), Lan("192.0.2.64", "02:00:00:00:00:64", "Hikvision", "DS-2CD2043G2", "hikvision", "high"));
        var fresh = second.NewLanDevices!.Single();
        Assert.AreEqual("192.0.2.64", fresh.Address);
        Assert.AreEqual("hikvision", fresh.Profile);

        var listed = await Store.ListLanDevicesAsync(appliance.Id, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "192.0.2.1", "192.0.2.20", "192.0.2.64" }, listed.Select(l => l.Address).ToArray(), "numeric address order");
        var router = listed[0];
        Assert.AreEqual(device.Id, router.EnrolledDeviceId, "the enrolled address is checked");
        Assert.AreEqual(t0, router.FirstSeen);
        Assert.AreEqual(t0 + 3600, router.LastSeen);
        Assert.AreEqual("02:00:00:00:00:01", router.Mac);
        Assert.IsNull(listed[2].EnrolledDeviceId);
        Assert.AreEqual("Hikvision DS-2CD2043G2", listed[2].Identity);
        Assert.AreEqual("80,443", listed[2].Ports);
        Assert.AreEqual("192.0.2.0/24", listed[2].Network);

        var byId = await Store.FindLanDeviceAsync(fresh.Id, CancellationToken.None);
        Assert.AreEqual("192.0.2.64", byId!.Address);
        Assert.IsNull(await Store.FindLanDeviceAsync(fresh.Id + 1000, CancellationToken.None));

        // Enrolled from the inventory: marked checked, and a later sighting is not new.
        await Enrollment.AddDeviceAsync(Store, Master, "hall-cam", appliance.Id, "192.0.2.64", "hikvision", "", "admin", "pw", TestReports.Now, CancellationToken.None);
        Assert.IsNotNull((await Store.FindLanDeviceAsync(fresh.Id, CancellationToken.None))!.EnrolledDeviceId);
        var third = await IngestInventory(appliance.Id, 3, t0 + 7200, Lan("192.0.2.64", "02:00:00:00:00:64"));
        Assert.IsEmpty(third.NewLanDevices!);
    }

    [TestMethod]
    public async Task LanInventory_DevicesNotSeenWithinTheRetention_ArePruned_TheOthersStay()
    {
        var (appliance, _, _) = await Enroll();
        var old = TestReports.Now - (long)TimeSpan.FromDays(200).TotalSeconds;
        await IngestInventory(appliance.Id, 1, old, Lan("192.0.2.1"), Lan("192.0.2.30", vendor: "Gone"));
        await IngestInventory(appliance.Id, 2, TestReports.Now - 60, Lan("192.0.2.1"));

        var outcome = await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(180), 1000), TestReports.Now, CancellationToken.None);
        Assert.AreEqual(1, outcome.LanDevices, "the device last seen 200 days ago");
        var left = await Store.ListLanDevicesAsync(appliance.Id, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "192.0.2.1" }, left.Select(l => l.Address).ToArray());
        Assert.AreEqual(0, (await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(180), 1000), TestReports.Now, CancellationToken.None)).LanDevices);
    }

    [TestMethod]
    public async Task LanInventory_AnotherMacAtAKnownAddress_IsANewDevice_AndAnOlderReportOnlyMovesFirstSeenBack()
    {
        var (appliance, _, _) = await Enroll();
        var t0 = TestReports.Now - 7200;
        await IngestInventory(appliance.Id, 1, t0, Lan("192.0.2.30", "02:00:00:00:00:30", "Acme"));
        var swapped = await IngestInventory(appliance.Id, 2, t0 + 600, Lan("192.0.2.30", "02:00:00:00:00:99", "Evil"));
        var fresh = swapped.NewLanDevices!.Single();
        Assert.AreEqual("02:00:00:00:00:99", fresh.Mac);
        var row = (await Store.ListLanDevicesAsync(null, CancellationToken.None)).Single();
        Assert.AreEqual(t0 + 600, row.FirstSeen, "another network card starts over");
        Assert.AreEqual("Evil", row.Vendor);

        // Sealed earlier (it waited out a host outage): history only, the identity stays the latest one.
        await IngestInventory(appliance.Id, 3, t0 + 300, Lan("192.0.2.30", "02:00:00:00:00:99", "Older"));
        row = (await Store.ListLanDevicesAsync(null, CancellationToken.None)).Single();
        Assert.AreEqual(t0 + 300, row.FirstSeen);
        Assert.AreEqual(t0 + 600, row.LastSeen);
        Assert.AreEqual("Evil", row.Vendor);

        // An empty MAC (the dongle knows none) keeps the one known.
        await IngestInventory(appliance.Id, 4, t0 + 900, Lan("192.0.2.30", "", "Evil"));
        Assert.AreEqual("02:00:00:00:00:99", (await Store.ListLanDevicesAsync(null, CancellationToken.None)).Single().Mac);
    }

    [TestMethod]
    public async Task LanInventory_ReportCounters_AreTheOnesOfCheckReports_AndARemovedApplianceIsNotListed()
    {
        var (appliance, _, device) = await Enroll();
        var sealedAt = TestReports.Now; // one time for both: the replay must be the very same report
        await IngestInventory(appliance.Id, 1, sealedAt, Lan("192.0.2.40"));
        var replay = await IngestInventory(appliance.Id, 1, sealedAt, Lan("192.0.2.40"));
        Assert.AreEqual(IngestStatus.Duplicate, replay.Status, "an inventory report is unique by counter like any report");
        CollectionAssert.AreEqual(new long[] { 1 }, (await Store.ReportCountersAsync(appliance.Id, CancellationToken.None)).ToArray());

        await Store.RemoveDeviceAsync(device.Id, CancellationToken.None);
        Assert.IsTrue(await Store.RemoveApplianceAsync(appliance.Id, TestReports.Now, CancellationToken.None));
        Assert.IsEmpty(await Store.ListLanDevicesAsync(null, CancellationToken.None));
    }
}
