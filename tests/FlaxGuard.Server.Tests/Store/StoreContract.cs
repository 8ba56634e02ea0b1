using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Store;

/// <summary>
/// The behaviour both stores must share. Each concrete class (SQLite, PostgreSQL) runs every test here
/// against a fresh database.
/// </summary>
public abstract partial class StoreContract
{
    private readonly CancellationToken _ct = CancellationToken.None;
    protected IFlaxStore Store = null!;
    protected MasterKey Master = null!;

    protected abstract Task<IFlaxStore> CreateStoreAsync();

    [TestInitialize]
    public async Task Open()
    {
        Store = await CreateStoreAsync();
        await Store.MigrateAsync(null, _ct);
        Master = MasterKey.Ephemeral();
    }

    [TestCleanup]
    public async Task Close() => await Store.DisposeAsync();

    private async Task<(ApplianceRecord Appliance, byte[] Key, DeviceRecord Device)> Enroll(int interval = 300)
    {
        var (appliance, key) = await Enrollment.AddApplianceAsync(Store, Master, "dongle", interval, TestReports.Now, _ct);
        var device = await Enrollment.AddDeviceAsync(Store, Master, "office-router", appliance.Id, "192.0.2.1", "openwrt", "", "root", "s3cret!", TestReports.Now, _ct);
        return (appliance, key, device);
    }

    private async Task<IngestResult> Ingest(string applianceId, long counter, string deviceId, FactSet facts, long? at = null, params Verdict[] verdicts)
    {
        var report = TestReports.Make(applianceId, counter, deviceId, facts, at, verdicts);
        var results = await Store.StoreReportsAsync([TestReports.Item(report, 2048, at ?? TestReports.Now, 3)], _ct);
        return results.Single();
    }

    [TestMethod]
    public async Task Migrate_IsIdempotent_AndRecordsTheLatestVersion()
    {
        await Store.MigrateAsync(null, _ct);
        var steps = new List<string>();
        await Store.MigrateAsync(new Progress<string>(steps.Add), _ct);
        Assert.AreEqual(Migrations.Latest, await Store.SchemaVersionAsync(_ct));
        Assert.IsEmpty(steps, "nothing left to migrate must report no step");
    }

    [TestMethod]
    public async Task FleetConsensus_FlagsTheDeviceThatDiffers_InItsResultFindingsAndFirmwareLine()
    {
        var (appliance, _, first) = await Enroll();
        var second = await Enrollment.AddDeviceAsync(Store, Master, "branch-router", appliance.Id, "192.0.2.2", "openwrt", "", "root", "pw", TestReports.Now, _ct);
        var third = await Enrollment.AddDeviceAsync(Store, Master, "shop-router", appliance.Id, "192.0.2.3", "openwrt", "", "root", "pw", TestReports.Now, _ct);
        FactSet Facts(string kernel)
        {
            var facts = TestReports.RouterFacts(firmware: "23.05.5");
            facts.Add("fw.model", "tplink,archer-c7-v2", FactKind.Identity);
            facts.Add("fw.build", "r24106-10cc5fcd00", FactKind.Firmware);
            facts.Add("firmware.kernel.sha256", kernel, FactKind.Firmware);
            return facts;
        }
        var good = new string('a', 64);
        var altered = new string('b', 64);
        await Ingest(appliance.Id, 1, first.Id, Facts(good));
        await Ingest(appliance.Id, 2, second.Id, Facts(good));
        var stored = await Ingest(appliance.Id, 3, third.Id, Facts(altered));

        var result = (await Store.LatestResultAsync(third.Id, _ct))!;
        var verdict = result.Verdicts.Single(v => v.Code == FleetConsensus.OutlierCode);
        Assert.AreEqual(Severity.High, verdict.Severity);
        StringAssert.Contains(verdict.Message, good, "the majority value is named");
        Assert.AreEqual(Severity.High, result.Worst);
        StringAssert.StartsWith(result.Firmware, FleetConsensus.OutlierCode);
        var finding = (await Store.OpenFindingsAsync(third.Id, _ct)).Single(f => f.Key.StartsWith(FleetConsensus.OutlierCode, StringComparison.Ordinal));
        Assert.AreEqual(Severity.High, finding.Severity);
        Assert.IsTrue(stored.Changes.Any(c => c.Key == finding.Key && c.Kind == FindingChangeKind.New), "the finding goes to the alert sinks");
        Assert.IsFalse((await Store.LatestResultAsync(first.Id, _ct))!.Verdicts.Any(v => v.Code == FleetConsensus.OutlierCode), "the majority is not flagged");
    }

    [TestMethod]
    public async Task FactoryCheck_IsOffByDefault_StoredWhenSet_AndCarriedInTheJob()
    {
        var (appliance, _, device) = await Enroll();
        Assert.IsFalse(device.FactoryCheck);
        Assert.IsFalse((await Store.FindDeviceAsync("office-router", _ct))!.FactoryCheck);
        var before = (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion;
        await Enrollment.UpdateDeviceAsync(Store, Master, device, new DeviceUpdate { FactoryCheck = true }, _ct);
        var stored = (await Store.FindDeviceAsync("office-router", _ct))!;
        Assert.IsTrue(stored.FactoryCheck);
        Assert.AreEqual(("root", "s3cret!"), Enrollment.OpenCredentials(Master, stored), "other fields stay");
        var current = (await Store.FindApplianceAsync(appliance.Id, _ct))!;
        Assert.AreEqual(before + 1, current.JobVersion, "the appliance gets the opt-in with its next job");
        var job = await JobBuilder.BuildAsync(Store, Master, current, "", TestReports.Now, _ct);
        Assert.IsTrue(job.Targets.Single().FactoryCheck);
        var added = await Enrollment.AddDeviceAsync(Store, Master, "old-dvr", appliance.Id, "192.0.2.40", "web", "", null, null, TestReports.Now, _ct, factoryCheck: true);
        Assert.IsTrue((await Store.FindDeviceAsync(added.Id, _ct))!.FactoryCheck);
        await Enrollment.UpdateDeviceAsync(Store, Master, stored, new DeviceUpdate { FactoryCheck = false }, _ct);
        Assert.IsFalse((await Store.FindDeviceAsync("office-router", _ct))!.FactoryCheck);
    }

    [TestMethod]
    public async Task PortInventory_IsDailyByDefault_StoredPerDevice_AndCarriedInTheJob()
    {
        var (appliance, _, device) = await Enroll();
        Assert.AreEqual(FlaxGuard.Engine.Jobs.JobLimits.DefaultInventoryIntervalSeconds, (await Store.FindDeviceAsync("office-router", _ct))!.InventoryIntervalSeconds);
        var before = (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion;
        await Enrollment.UpdateDeviceAsync(Store, Master, device, new DeviceUpdate { InventoryIntervalSeconds = 6 * 3600 }, _ct);
        var stored = (await Store.FindDeviceAsync("office-router", _ct))!;
        Assert.AreEqual(6 * 3600, stored.InventoryIntervalSeconds);
        Assert.AreEqual(("root", "s3cret!"), Enrollment.OpenCredentials(Master, stored), "other fields stay");
        Assert.AreEqual(before + 1, (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion, "the appliance gets the schedule with its next job");
        var off = await Enrollment.AddDeviceAsync(Store, Master, "tv", appliance.Id, "192.0.2.41", "web", "", null, null, TestReports.Now, _ct, inventoryIntervalSeconds: 0);
        Assert.AreEqual(0, (await Store.FindDeviceAsync(off.Id, _ct))!.InventoryIntervalSeconds, "off is stored as 0");

        var current = (await Store.FindApplianceAsync(appliance.Id, _ct))!;
        var job = await JobBuilder.BuildAsync(Store, Master, current, "", TestReports.Now, _ct);
        var byName = job.Targets.ToDictionary(t => t.Name);
        Assert.AreEqual((6 * 3600, 0), (byName["office-router"].InventoryIntervalSeconds, byName["tv"].InventoryIntervalSeconds));
        await Assert.ThrowsExactlyAsync<StoreException>(() => Enrollment.UpdateDeviceAsync(Store, Master, stored, new DeviceUpdate { InventoryIntervalSeconds = 5 }, _ct));
    }

    [TestMethod]
    public async Task FactoryPasswordVerdict_IsACriticalFinding_WithTheOwnersAdvice_AndGoesToTheAlerts()
    {
        var (appliance, _, device) = await Enroll();
        var verdict = new Verdict(VerdictKind.Exposure, Severity.Critical, "auth.factory_password", "factory-password",
            "the device accepts a factory default password for OpenWrt over OpenWrt ubus: anyone on your network, and every Mirai variant, can log in. Set a strong password now.");
        var stored = await Ingest(appliance.Id, 1, device.Id, new FactSet(), null, verdict);
        var finding = (await Store.OpenFindingsAsync(device.Id, _ct)).Single(f => f.Key.StartsWith("auth.factory_password", StringComparison.Ordinal));
        Assert.AreEqual(Severity.Critical, finding.Severity);
        StringAssert.StartsWith(finding.Sentence, verdict.Message);
        StringAssert.Contains(finding.Sentence, "Change that password now");
        Assert.IsTrue(stored.Changes.Any(c => c.Key == finding.Key && c.Kind == FindingChangeKind.New && c.Severity == Severity.Critical), "the finding goes to the alert sinks");
    }

    [TestMethod]
    public async Task Enrollment_SealsKeysAndPasswords_AndOpensThemBack()
    {
        var (appliance, key, device) = await Enroll();
        var stored = (await Store.FindApplianceAsync("dongle", _ct))!;
        Assert.AreEqual(appliance.Id, stored.Id);
        Assert.AreEqual(-1, stored.KeySealed.AsSpan().IndexOf(key), "the appliance key is stored in clear");
        CollectionAssert.AreEqual(key, Enrollment.OpenKey(Master, stored));
        var dev = (await Store.FindDeviceAsync("office-router", _ct))!;
        Assert.AreEqual(-1, dev.PasswordSealed!.AsSpan().IndexOf("s3cret!"u8), "the password is stored in clear");
        Assert.AreEqual(("root", "s3cret!"), Enrollment.OpenCredentials(Master, dev));
        Assert.ThrowsExactly<StoreException>(() => Enrollment.OpenCredentials(MasterKey.Ephemeral(), dev));
        Assert.AreEqual(2, stored.JobVersion, "adding a device raises the job version");
        await Assert.ThrowsExactlyAsync<StoreException>(() => Enrollment.AddApplianceAsync(Store, Master, "dongle", 300, 1, _ct));
        await Assert.ThrowsExactlyAsync<StoreException>(() => Enrollment.AddDeviceAsync(Store, Master, "office-router", appliance.Id, "x", "web", "", null, null, 1, _ct));
        _ = device;
    }

    [TestMethod]
    public async Task RemoveAppliance_WipesItsKey_RefusesItsReports_KeepsHistory_AndFreesTheName()
    {
        var (appliance, _, device) = await Enroll();
        Assert.AreEqual(IngestStatus.Stored, (await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts())).Status);
        var busy = await Assert.ThrowsExactlyAsync<StoreException>(() => Store.RemoveApplianceAsync(appliance.Id, TestReports.Now, _ct));
        StringAssert.Contains(busy.Message, "office-router");
        Assert.IsNotNull(await Store.FindApplianceAsync(appliance.Id, _ct), "a refused removal changes nothing");

        var (other, _) = await Enrollment.AddApplianceAsync(Store, Master, "spare", 300, TestReports.Now, _ct);
        await Enrollment.UpdateDeviceAsync(Store, Master, device, new DeviceUpdate { ApplianceId = other.Id }, _ct);
        Assert.IsTrue(await Store.RemoveApplianceAsync(appliance.Id, TestReports.Now, _ct));
        Assert.IsFalse(await Store.RemoveApplianceAsync(appliance.Id, TestReports.Now, _ct), "removed twice");
        Assert.IsNull(await Store.FindApplianceAsync(appliance.Id, _ct));
        Assert.IsNull(await Store.FindApplianceAsync("dongle", _ct));
        CollectionAssert.AreEqual(new[] { "spare" }, (await Store.ListAppliancesAsync(_ct)).Select(a => a.Name).ToArray());
        Assert.AreEqual(IngestStatus.UnknownAppliance, (await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts())).Status,
            "the writer's own transaction refuses a removed appliance's report");
        Assert.AreEqual(1, await Store.CountReportsAsync(appliance.Id, _ct), "delivered reports stay as history");
        Assert.IsNotNull(await Store.LatestResultAsync(device.Id, _ct), "the moved device keeps its history");
        await Assert.ThrowsExactlyAsync<StoreException>(() => Enrollment.UpdateDeviceAsync(Store, Master, device with { ApplianceId = other.Id },
            new DeviceUpdate { ApplianceId = appliance.Id }, _ct), "no device can be given to a removed appliance");
        var (again, _) = await Enrollment.AddApplianceAsync(Store, Master, "dongle", 300, TestReports.Now, _ct);
        Assert.AreNotEqual(appliance.Id, again.Id, "the name is free again, under a new identity");
    }

    [TestMethod]
    public async Task RekeyAppliance_ReplacesTheSealedKey_RecordsWhen_AndRaisesTheJob()
    {
        var (appliance, oldKey, _) = await Enroll();
        Assert.IsNull(appliance.KeyRotatedAt);
        var newKey = Enrollment.NewApplianceKey();
        var at = TestReports.Now + 5;
        await Enrollment.RekeyApplianceAsync(Store, Master, appliance, newKey, at, _ct);
        var stored = (await Store.FindApplianceAsync(appliance.Id, _ct))!;
        CollectionAssert.AreEqual(newKey, Enrollment.OpenKey(Master, stored));
        CollectionAssert.AreNotEqual(oldKey, Enrollment.OpenKey(Master, stored));
        Assert.AreEqual(at, stored.KeyRotatedAt);
        Assert.IsGreaterThan(appliance.JobVersion, stored.JobVersion);
    }

    [TestMethod]
    public async Task FirstReport_ProposesABaseline_ApprovedBaseline_GivesDriftAndFindings()
    {
        var (appliance, _, device) = await Enroll();
        var first = await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts());
        Assert.AreEqual(IngestStatus.Stored, first.Status);
        Assert.IsNotNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Proposed, _ct));
        Assert.IsFalse((await Store.LatestResultAsync(device.Id, _ct))!.HasBaseline);

        var approved = await Store.ApproveBaselineAsync(device.Id, fromLatest: false, TestReports.Now, _ct);
        Assert.IsNotNull(approved);
        Assert.AreEqual(BaselineState.Approved, approved.State);
        Assert.IsNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Proposed, _ct));
        Assert.AreEqual(3, (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion, "approving raises the job version");

        var clean = await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts());
        Assert.IsEmpty(clean.Changes);
        var cleanResult = (await Store.LatestResultAsync(device.Id, _ct))!;
        Assert.IsTrue(cleanResult.HasBaseline);
        Assert.IsEmpty(cleanResult.Drift);

        var compromised = await Ingest(appliance.Id, 3, device.Id, TestReports.RouterFacts(compromised: true));
        var result = (await Store.LatestResultAsync(device.Id, _ct))!;
        Assert.AreEqual(Severity.Critical, result.Worst);
        CollectionAssert.AreEquivalent(new[] { "cfg.service.telnet", "cfg.user.svc" }, result.Drift.Select(d => d.Key).ToArray());
        Assert.IsTrue(result.Drift.All(d => d.Kind == "added" && d.Severity == Severity.Critical));
        Assert.HasCount(2, compromised.Changes);
        Assert.IsTrue(compromised.Changes.All(c => c.Kind == FindingChangeKind.New && c.DeviceName == "office-router"));

        var again = await Ingest(appliance.Id, 4, device.Id, TestReports.RouterFacts(compromised: true));
        Assert.IsEmpty(again.Changes, "an unchanged finding must not be reported again");
        var open = await Store.OpenFindingsAsync(device.Id, _ct);
        Assert.HasCount(2, open);
        // The owner reads the host's sentence for the rule's code, then what changed.
        var telnet = open.Single(f => f.Key == "drift:cfg.service.telnet");
        StringAssert.StartsWith(telnet.Sentence, FlaxGuard.Wording.DriftSentences.For("cfg.service.telnet.set", FlaxGuard.Engine.Drift.DriftKind.Added));
        StringAssert.Contains(telnet.Sentence, "(new: cfg.service.telnet=");

        var cleaned = await Ingest(appliance.Id, 5, device.Id, TestReports.RouterFacts());
        Assert.HasCount(2, cleaned.Changes);
        Assert.IsTrue(cleaned.Changes.All(c => c.Kind == FindingChangeKind.Resolved));
        Assert.IsEmpty(await Store.OpenFindingsAsync(device.Id, _ct));
    }

    [TestMethod]
    public async Task ApproveFromLatest_IsOneStep_AfterALegitimateFirmwareUpdate()
    {
        var (appliance, _, device) = await Enroll();
        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts());
        await Store.ApproveBaselineAsync(device.Id, false, TestReports.Now, _ct);
        await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts(firmware: "23.05.4"));
        var updated = (await Store.LatestResultAsync(device.Id, _ct))!;
        Assert.AreEqual(Severity.High, updated.Worst, "a firmware change is High until approved");
        Assert.AreEqual("fw.version", updated.Drift.Single().Key);

        var renewed = await Store.ApproveBaselineAsync(device.Id, fromLatest: true, TestReports.Now, _ct);
        Assert.IsNotNull(renewed);
        Assert.AreEqual("23.05.4", SqlFlaxStore.DecodeFacts(renewed.Facts).Get("fw.version").Value);
        await Ingest(appliance.Id, 3, device.Id, TestReports.RouterFacts(firmware: "23.05.4"));
        Assert.IsEmpty((await Store.LatestResultAsync(device.Id, _ct))!.Drift);
        Assert.AreEqual(renewed.Id, (await Store.LatestBaselineAsync(device.Id, BaselineState.Approved, _ct))!.Id);
        Assert.IsNotNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Replaced, _ct), "the old baseline is kept as replaced");
    }

    [TestMethod]
    public async Task Approval_RatesTheLatestResultAgain_SoAcceptedChangesStopShowingAtOnce()
    {
        var (appliance, _, device) = await Enroll();
        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts());
        await Store.ApproveBaselineAsync(device.Id, false, TestReports.Now, _ct);
        await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts(firmware: "23.05.4"));
        Assert.HasCount(1, await Store.OpenFindingsAsync(device.Id, _ct));
        var before = (await Store.LatestResultAsync(device.Id, _ct))!;

        await Store.ApproveBaselineAsync(device.Id, fromLatest: true, TestReports.Now + 60, _ct);
        var after = (await Store.LatestResultAsync(device.Id, _ct))!;
        Assert.AreEqual(before.Id, after.Id, "no new result is invented; the latest one is rated again");
        Assert.IsEmpty(after.Drift);
        Assert.AreEqual(Severity.None, after.Worst);
        Assert.IsEmpty(await Store.OpenFindingsAsync(device.Id, _ct), "the accepted firmware change is no longer an open finding");
        Assert.AreEqual(FlaxGuard.Server.PluginState.Ok, (await FlaxGuard.Server.StatusEvaluator.EvaluateAsync(Store, TestReports.Now + 1, _ct)).Devices.Single().State);

        // The same after a compromise the owner declares legitimate (say, a new admin account they made).
        await Ingest(appliance.Id, 3, device.Id, TestReports.RouterFacts(firmware: "23.05.4", compromised: true));
        Assert.AreEqual(Severity.Critical, (await Store.LatestResultAsync(device.Id, _ct))!.Worst);
        await Store.ApproveBaselineAsync(device.Id, fromLatest: true, TestReports.Now + 120, _ct);
        Assert.AreEqual(Severity.None, (await Store.LatestResultAsync(device.Id, _ct))!.Worst, "the owner accepted the new state");
    }

    [TestMethod]
    public async Task UpdateDevice_KeepsHistory_ResealsSecrets_AndRaisesBothJobs()
    {
        var (appliance, _, device) = await Enroll();
        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts());
        await Store.ApproveBaselineAsync(device.Id, false, TestReports.Now, _ct);
        var (other, _) = await Enrollment.AddApplianceAsync(Store, Master, "second-dongle", 300, 1, _ct);
        var before = (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion;

        var changed = await Enrollment.UpdateDeviceAsync(Store, Master, device,
            new DeviceUpdate(Name: "main-router", ApplianceId: other.Id, Password: "rotated-Secret-9"), _ct);
        var stored = (await Store.FindDeviceAsync(device.Id, _ct))!;
        Assert.AreEqual("main-router", stored.Name);
        Assert.AreEqual(other.Id, stored.ApplianceId);
        Assert.AreEqual(("root", "rotated-Secret-9"), Enrollment.OpenCredentials(Master, stored));
        Assert.AreEqual(-1, stored.PasswordSealed!.AsSpan().IndexOf("rotated-Secret-9"u8), "the password is stored in clear");
        Assert.DoesNotContain("rotated", new DeviceUpdate(Password: "rotated-Secret-9").ToString(), "an update prints its secret");
        Assert.IsNotNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Approved, _ct), "the approved baseline stays");
        Assert.IsNotNull(await Store.LatestResultAsync(device.Id, _ct), "the results stay");
        Assert.AreEqual(before + 1, (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion, "the old appliance drops the device");
        Assert.IsGreaterThan(other.JobVersion, (await Store.FindApplianceAsync(other.Id, _ct))!.JobVersion, "the new appliance gets it");

        await Enrollment.AddDeviceAsync(Store, Master, "nas", appliance.Id, "192.0.2.20", "web", "", null, null, 1, _ct);
        await Assert.ThrowsExactlyAsync<StoreException>(() => Enrollment.UpdateDeviceAsync(Store, Master, changed, new DeviceUpdate(Name: "nas"), _ct));
        await Store.RemoveDeviceAsync(device.Id, _ct);
        Assert.IsFalse(await Store.UpdateDeviceAsync(changed, _ct), "a removed device is not brought back");
    }

    [TestMethod]
    public async Task Reject_DropsTheProposal_AndTheNextReportProposesAgain()
    {
        var (appliance, _, device) = await Enroll();
        Assert.IsNull(await Store.RejectBaselineAsync(device.Id, 1, _ct));
        Assert.IsNull(await Store.ApproveBaselineAsync(device.Id, false, 1, _ct));
        Assert.IsNull(await Store.ApproveBaselineAsync(device.Id, true, 1, _ct), "no report yet: nothing to approve");
        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts(compromised: true));
        Assert.IsNotNull(await Store.RejectBaselineAsync(device.Id, TestReports.Now, _ct));
        Assert.IsNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Proposed, _ct));
        await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts());
        var proposal = await Store.LatestBaselineAsync(device.Id, BaselineState.Proposed, _ct);
        Assert.IsNotNull(proposal);
        Assert.IsFalse(SqlFlaxStore.DecodeFacts(proposal.Facts).Contains("cfg.service.telnet"));
    }

    [TestMethod]
    public async Task UnverifiedReport_ProposesNoBaseline_AndGivesNoRemovedDrift()
    {
        var (appliance, _, device) = await Enroll();
        var unverified = Verdict.Unverified("openwrt-ubus", "the device refused the credentials");
        await Ingest(appliance.Id, 1, device.Id, new FactSet(), null, unverified);
        Assert.IsNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Proposed, _ct));
        await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts());
        await Store.ApproveBaselineAsync(device.Id, false, TestReports.Now, _ct);
        await Ingest(appliance.Id, 3, device.Id, new FactSet(), null, unverified);
        var result = (await Store.LatestResultAsync(device.Id, _ct))!;
        Assert.IsTrue(result.Unverified);
        Assert.IsEmpty(result.Drift, "missing facts of a failed probe are not 'removed' settings");
    }

    [TestMethod]
    public async Task TakenCounter_IsADuplicateOrAConflict_AndNothingIsStoredTwice()
    {
        var (appliance, _, device) = await Enroll();
        var at = TestReports.Now;
        Assert.AreEqual(IngestStatus.Stored, (await Ingest(appliance.Id, 10, device.Id, TestReports.RouterFacts(), at)).Status);
        Assert.AreEqual(IngestStatus.Duplicate, (await Ingest(appliance.Id, 10, device.Id, TestReports.RouterFacts(), at)).Status, "the very same report again");
        var conflict = await Ingest(appliance.Id, 10, device.Id, TestReports.RouterFacts(compromised: true), at);
        Assert.AreEqual(IngestStatus.CounterConflict, conflict.Status, "another report under a taken counter");
        Assert.AreEqual(10, conflict.LastCounter, "the high-water mark the appliance continues above");
        Assert.AreEqual(1, await Store.CountReportsAsync(appliance.Id, _ct));
        Assert.IsFalse(SqlFlaxStore.DecodeFacts((await Store.LatestResultAsync(device.Id, _ct))!.Facts).Contains("cfg.service.telnet"));
        Assert.AreEqual(IngestStatus.UnknownAppliance, (await Ingest("fg-nobody", 1, device.Id, TestReports.RouterFacts())).Status);
    }

    [TestMethod]
    public async Task ReportSealedBeforeTheLatest_FillsItsGap_AsHistory_AndLeavesTheDevicesStateAlone()
    {
        var (appliance, _, device) = await Enroll();
        var now = TestReports.Now;
        Assert.AreEqual(IngestStatus.Stored, (await Ingest(appliance.Id, 10, device.Id, TestReports.RouterFacts(), now)).Status);
        // Sealed ten minutes earlier, during a host outage, and delivered after report 10.
        var late = await Ingest(appliance.Id, 9, device.Id, TestReports.RouterFacts(compromised: true), now - 600);
        Assert.AreEqual(IngestStatus.Stored, late.Status);
        Assert.AreEqual(10, late.LastCounter);
        CollectionAssert.AreEqual(new long[] { 9, 10 }, (await Store.ReportCountersAsync(appliance.Id, _ct)).ToList());
        Assert.IsFalse(SqlFlaxStore.DecodeFacts((await Store.LatestResultAsync(device.Id, _ct))!.Facts).Contains("cfg.service.telnet"),
            "the device's state is its latest check, not the one that arrived last");
        var history = await Store.ResultHistoryAsync(device.Id, 10, _ct);
        Assert.HasCount(2, history);
        Assert.IsLessThanOrEqualTo(history[1].ReceivedAt, history[0].ReceivedAt);
        // A later check (sealed now + 60) is the state again.
        Assert.AreEqual(IngestStatus.Stored, (await Ingest(appliance.Id, 11, device.Id, TestReports.RouterFacts(compromised: true), now + 60)).Status);
        Assert.IsTrue(SqlFlaxStore.DecodeFacts((await Store.LatestResultAsync(device.Id, _ct))!.Facts).Contains("cfg.service.telnet"));
    }

    [TestMethod]
    public async Task Batch_StoresAllInOrder_AndUpdatesApplianceHealth()
    {
        var (appliance, _, device) = await Enroll();
        var items = Enumerable.Range(1, 50).Select(i => TestReports.Item(TestReports.Make(appliance.Id, i, device.Id, TestReports.RouterFacts()), 1000 + i, TestReports.Now, i)).ToList();
        items.Add(items[10]); // a duplicate inside the same batch
        var results = await Store.StoreReportsAsync(items, _ct);
        Assert.AreEqual(50, results.Count(r => r.Status == IngestStatus.Stored));
        Assert.AreEqual(IngestStatus.Duplicate, results[^1].Status);
        CollectionAssert.AreEqual(Enumerable.Range(1, 50).Select(i => (long)i).ToList(), (await Store.ReportCountersAsync(appliance.Id, _ct)).ToList());
        var health = (await Store.FindApplianceAsync(appliance.Id, _ct))!;
        Assert.AreEqual(50, health.LastCounter);
        Assert.AreEqual(50, health.QueueLength);
        Assert.IsNotNull(health.LastSeen);
    }

    [TestMethod]
    public async Task Refusals_AreCountedPerReason()
    {
        await Store.CountRefusalsAsync(new Dictionary<string, long> { ["bad-signature"] = 1 }, _ct);
        await Store.CountRefusalsAsync(new Dictionary<string, long> { ["bad-signature"] = 1, ["replayed"] = 1 }, _ct);
        await Store.CountRefusalsAsync(new Dictionary<string, long> { ["bad-request"] = 1000 }, _ct);
        await Store.CountRefusalsAsync(new Dictionary<string, long>(), _ct);
        var counts = await Store.RefusalCountsAsync(_ct);
        Assert.AreEqual(2, counts["bad-signature"]);
        Assert.AreEqual(1, counts["replayed"]);
        Assert.AreEqual(1000, counts["bad-request"]);
    }

    [TestMethod]
    public async Task RemoveDevice_DeletesItsData_AndRaisesTheJobVersion()
    {
        var (appliance, _, device) = await Enroll();
        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts());
        Assert.IsTrue(await Store.RemoveDeviceAsync(device.Id, _ct));
        Assert.IsFalse(await Store.RemoveDeviceAsync(device.Id, _ct));
        Assert.IsNull(await Store.FindDeviceAsync(device.Id, _ct));
        Assert.IsNull(await Store.LatestResultAsync(device.Id, _ct));
        Assert.IsNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Proposed, _ct));
        Assert.AreEqual(3, (await Store.FindApplianceAsync(appliance.Id, _ct))!.JobVersion);
        Assert.AreEqual(1, await Store.CountReportsAsync(appliance.Id, _ct), "the signed report itself stays as a record");
    }

    [TestMethod]
    [DataRow("office\u202Erouter")]
    [DataRow("office\u200Brouter")]
    [DataRow("office\u001B[2Krouter")]
    [DataRow("lone surrogate")]
    public async Task DeviceName_WithInvisibleOrControlCharacters_IsRefused(string name)
    {
        // An attribute cannot carry a lone surrogate (metadata stores UTF-8), so that case is built here.
        if (name == "lone surrogate") name = "office" + (char)0xD800 + "router";
        var (appliance, _) = await Enrollment.AddApplianceAsync(Store, Master, "dongle", 300, TestReports.Now, _ct);
        var e = await Assert.ThrowsExactlyAsync<StoreException>(() => Enrollment.AddDeviceAsync(Store, Master, name, appliance.Id, "192.0.2.1", "web", "", null, null, TestReports.Now, _ct));
        StringAssert.Contains(e.Message, "printable");
        var fine = await Enrollment.AddDeviceAsync(Store, Master, "büro-kamera \U0001F4F7", appliance.Id, "192.0.2.2", "web", "", null, null, TestReports.Now, _ct);
        Assert.AreEqual("büro-kamera \U0001F4F7", fine.Name, "letters and emoji beyond the BMP are printable");
    }

    [TestMethod]
    public async Task Prune_RemovesOldAndSurplusResults_KeepsTheLatestAndTheReportRecords()
    {
        var (appliance, _, device) = await Enroll();
        var now = TestReports.Now;
        const long day = 86_400;
        long[] ages = [200, 190, 100, 10, 1];
        for (var i = 0; i < ages.Length; i++)
            Assert.AreEqual(IngestStatus.Stored, (await Ingest(appliance.Id, i + 1, device.Id, TestReports.RouterFacts(), now - ages[i] * day)).Status);
        // Sealed long ago but received now (queued through an outage): young by the host's clock.
        var late = TestReports.Make(appliance.Id, 6, device.Id, TestReports.RouterFacts(), now - 300 * day);
        Assert.AreEqual(IngestStatus.Stored, (await Store.StoreReportsAsync([TestReports.Item(late, 2048, now, 0)], _ct)).Single().Status);

        var byAge = await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(180), 1000), now, _ct);
        Assert.AreEqual(2, byAge.Results, "the results received 200 and 190 days ago");
        Assert.HasCount(4, await Store.ResultHistoryAsync(device.Id, 100, _ct));
        Assert.AreEqual(0, (await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(180), 1000), now, _ct)).Total, "a second prune has nothing left to do");

        var byCount = await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(180), 2), now, _ct);
        Assert.AreEqual(2, byCount.Results);
        var kept = await Store.ResultHistoryAsync(device.Id, 100, _ct);
        Assert.HasCount(2, kept);
        Assert.IsTrue(kept.All(r => r.ReceivedAt >= now - 10 * day), "the two newest by sealed time stay");
        Assert.AreEqual(6, await Store.CountReportsAsync(appliance.Id, _ct), "report records stay, so old reports are still recognised");
        var replay = TestReports.Make(appliance.Id, 1, device.Id, TestReports.RouterFacts(), now - ages[0] * day);
        Assert.AreEqual(IngestStatus.Duplicate, (await Store.StoreReportsAsync([TestReports.Item(replay, 2048, now, 0)], _ct)).Single().Status);

        // A device heard from only long ago keeps its one (latest) result.
        var quiet = await Enrollment.AddDeviceAsync(Store, Master, "old-camera", appliance.Id, "192.0.2.9", "web", "", null, null, now, _ct);
        await Ingest(appliance.Id, 7, quiet.Id, TestReports.RouterFacts(), now - 400 * day);
        await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(1), 1), now, _ct);
        Assert.IsNotNull(await Store.LatestResultAsync(quiet.Id, _ct), "the latest result of a device is never pruned");
        Assert.IsNotNull(await Store.LatestResultAsync(device.Id, _ct));
        Assert.HasCount(1, await Store.ResultHistoryAsync(device.Id, 100, _ct));
    }

    [TestMethod]
    public async Task Prune_RemovesOldResolvedFindingsAndDecidedBaselines_KeepsTheApprovedOne()
    {
        var (appliance, _, device) = await Enroll();
        var now = TestReports.Now;
        const long day = 86_400;
        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts(), now - 300 * day);
        await Store.ApproveBaselineAsync(device.Id, false, now - 300 * day, _ct);
        await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts(compromised: true), now - 290 * day);
        await Ingest(appliance.Id, 3, device.Id, TestReports.RouterFacts(), now - 280 * day);
        Assert.IsEmpty(await Store.OpenFindingsAsync(device.Id, _ct), "the telnet finding was resolved 280 days ago");
        await Store.ApproveBaselineAsync(device.Id, true, now - 270 * day, _ct);

        var outcome = await Store.PruneAsync(new RetentionPolicy(TimeSpan.FromDays(180), 1000), now, _ct);
        Assert.IsGreaterThanOrEqualTo(1L, outcome.Findings, "the old resolved finding goes");
        Assert.AreEqual(1, outcome.Baselines, "the replaced baseline goes");
        Assert.IsNotNull(await Store.LatestBaselineAsync(device.Id, BaselineState.Approved, _ct), "the baseline in use stays");
        Assert.IsNotNull(await Store.LatestResultAsync(device.Id, _ct));
    }

    [TestMethod]
    public async Task Status_UnknownThenOkThenCriticalThenStale()
    {
        var (appliance, _, device) = await Enroll(interval: 60);
        var now = TestReports.Now;
        var s = await StatusEvaluator.EvaluateAsync(Store, now, _ct);
        Assert.AreEqual(PluginState.Unknown, s.Overall);
        Assert.AreEqual("no report yet", s.Devices.Single().Reason);

        await Ingest(appliance.Id, 1, device.Id, TestReports.RouterFacts(), now);
        Assert.AreEqual(FlaxGuard.Server.PluginState.Ok, (await StatusEvaluator.EvaluateAsync(Store, now, _ct)).Overall);
        await Store.ApproveBaselineAsync(device.Id, false, now, _ct);
        await Ingest(appliance.Id, 2, device.Id, TestReports.RouterFacts(compromised: true), now);
        var critical = await StatusEvaluator.EvaluateAsync(Store, now, _ct);
        Assert.AreEqual(PluginState.Critical, critical.Overall);
        StringAssert.Contains(critical.Devices.Single().Reason, "cfg.service.telnet");

        await Ingest(appliance.Id, 3, device.Id, TestReports.RouterFacts(), now);
        Assert.AreEqual(FlaxGuard.Server.PluginState.Ok, (await StatusEvaluator.EvaluateAsync(Store, now + 120, _ct)).Overall, "exactly 2 intervals is not yet stale");
        var stale = await StatusEvaluator.EvaluateAsync(Store, now + 121, _ct);
        Assert.AreEqual(PluginState.Warning, stale.Overall);
        StringAssert.Contains(stale.Devices.Single().Reason, "silent");
    }
}

[TestClass]
public sealed class SqliteStoreTests : StoreContract
{
    private TempDir? _dir;

    protected override Task<IFlaxStore> CreateStoreAsync()
    {
        _dir = new TempDir("sqlite");
        return Task.FromResult<IFlaxStore>(new SqliteFlaxStore(_dir.File("flaxguard.db")));
    }

    [TestCleanup]
    public void RemoveDirectory() => _dir?.Dispose();

    [TestMethod]
    public async Task Database_IsInWalMode_AndPassesTheIntegrityCheck()
    {
        var sqlite = (SqliteFlaxStore)Store;
        Assert.AreEqual("ok", await sqlite.IntegrityCheckAsync(CancellationToken.None));
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlite.FilePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.AreEqual("wal", (string)cmd.ExecuteScalar()!);
    }
}

[TestClass]
public sealed class PostgresStoreTests : StoreContract
{
    protected override Task<IFlaxStore> CreateStoreAsync() =>
        Task.FromResult<IFlaxStore>(new PostgresFlaxStore(PostgresFlaxStore.ConnectionStringFromUrl(PostgresCluster.Instance.NewDatabaseUrl())));

    [TestMethod]
    public void Url_IsParsed_WithoutLeakingThePasswordIntoTheDescription()
    {
        var cs = PostgresFlaxStore.ConnectionStringFromUrl("postgres://flax:p%40ss@db.example:6543/fg?sslmode=require");
        StringAssert.Contains(cs, "Host=db.example");
        StringAssert.Contains(cs, "Port=6543");
        StringAssert.Contains(cs, "Password=p@ss");
        var store = new PostgresFlaxStore(cs);
        Assert.AreEqual("postgres db.example:6543/fg", store.Description);
        Assert.ThrowsExactly<StoreException>(() => PostgresFlaxStore.ConnectionStringFromUrl("postgres://host:5432/"));
        Assert.ThrowsExactly<StoreException>(() => PostgresFlaxStore.ConnectionStringFromUrl("mysql://host/db"));
    }
}
