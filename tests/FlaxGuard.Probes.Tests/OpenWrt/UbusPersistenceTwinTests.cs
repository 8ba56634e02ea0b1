using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// The persistence side of the ubus probe against the twin (issue 13/14): each place an implant persists or
/// redirects is found with the right key and severity, rpcd's ACL and size answers become clear limit facts, and
/// hostile listings (too many folders, too deep, too many files) are cut with a fact that says so.
/// </summary>
[TestClass]
public sealed class UbusPersistenceTwinTests
{
    private static FactSet Clean(OpenWrtTwin twin) => OpenWrtLab.CleanFacts(twin);

    private static DriftChange[] Drift(FactSet baseline, OpenWrtTwin twin)
    {
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.IsFalse(output.Verdicts().Any(v => v.IsUnverified), OpenWrtLab.Describe(output));
        var report = DriftReport.Compute(baseline, output.Facts, DeviceFamilies.CreateDriftRules());
        return Enumerable.Range(0, report.Count).Select(i => report[i]).ToArray();
    }

    [TestMethod]
    [DataRow(TwinChanges.SchedulerFetch, "cfg.scheduler.cron.*.fetch", "203.0.113.7")]
    [DataRow(TwinChanges.RcLocal, "cfg.scheduler.rc.local.fetch", "198.51.100.9")]
    [DataRow(TwinChanges.RootAccount, "openwrt.account.sysadm.root", "uid 0")]
    [DataRow(TwinChanges.AccountPromotion, "openwrt.account.ntp.root", "uid 0")]
    [DataRow(TwinChanges.HostsRedirect, "cfg.dns.hosts.update.example.com", "203.0.113.80")]
    [DataRow(TwinChanges.DnsmasqRedirect, "cfg.dns.address./bank.example/203.0.113.81", "configured")]
    [DataRow(TwinChanges.DnsmasqRedirect, "cfg.dns.dhcp.203.0.113.53", "configured")]
    [DataRow(TwinChanges.OverlayBinary, "openwrt.file.exec./usr/bin/.dbus-daemon", "size=48213")]
    [DataRow(TwinChanges.TmpProcess, "openwrt.process.tmp./tmp/.x/kworkerd", "running")]
    [DataRow(TwinChanges.DeletedProcess, "openwrt.process.deleted.dbus-helper", "running")]
    [DataRow(TwinChanges.MaliciousPackage, "openwrt.package.luci-app-sysmon", "installed")]
    [DataRow(TwinChanges.MaliciousPackage, "openwrt.file.exec./usr/sbin/sysmond", "size=91342")]
    [DataRow(TwinChanges.UciWireGuardPeer, "openwrt.wireguard.peer.*", "endpoint=198.51.100.20:51820 allowed=0.0.0.0/0")]
    [DataRow(TwinChanges.UciWireGuardPeer, "openwrt.wireguard.wg0", "port=51820")]
    [DataRow(TwinChanges.UciTunnel, "openwrt.tunnel.relay0", "proto=gre peer=203.0.113.77")]
    [DataRow(TwinChanges.RemoteLog, "cfg.log.remote.system", "203.0.113.40:5514/tcp")]
    [DataRow(TwinChanges.FirewallInclude, "cfg.script.firewall-include./etc/fw.d/extra.sh", "script")]
    [DataRow(TwinChanges.InitScript, "openwrt.file.init./etc/init.d/sysupd", "size=402")]
    [DataRow(TwinChanges.InitScript, "openwrt.init.sysupd", "enabled")]
    public async Task Compromise_GivesTheExpectedFact(string change, string keyPattern, string value)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var baseline = Clean(twin);
        twin.Apply(change);
        var changes = Drift(baseline, twin);
        var hit = changes.FirstOrDefault(c => FlaxGuard.Engine.Text.Ordinal.GlobMatch(keyPattern, c.Key) && c.Kind == DriftKind.Added);
        Assert.IsNotNull(hit, change + ": " + string.Join("; ", changes.Select(c => c.Key)));
        Assert.AreEqual(value, hit.NewValue);
    }

    [TestMethod]
    public async Task PromotingAnRpcdLoginToAdmin_IsAsSeriousAsANewAdmin()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.AddLogin("monitor", "Monitor-Pass-3", ["luci-mod-status"], []));
        var baseline = Clean(twin);
        twin.Mutate(s => s.Login("monitor")!.List("write", "*"));
        var changes = Drift(baseline, twin);
        var promoted = changes.Single(c => c.Key == "openwrt.rpcd-admin.monitor");
        Assert.AreEqual(DriftKind.Added, promoted.Kind);
        Assert.AreEqual(Severity.Critical, promoted.Severity);
    }

    [TestMethod]
    public async Task FileTheAclDoesNotGrant_IsALimitFact_NotASilentGap()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.AclGroups.Remove("flaxguard-read"));
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        StringAssert.Contains(output.Facts.Get("openwrt.limit.unread.etc.hosts")?.Value, "does not grant reading /etc/hosts");
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith("cfg.dns.hosts.", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task FileOfRpcdsSizeLimit_IsALimitFact()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.Files[OpenWrtTwinState.HostsPath] = string.Concat(Enumerable.Repeat("203.0.113.1 pad.example\n", 12_000)));
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        StringAssert.Contains(output.Facts.Get("openwrt.limit.unread.etc.hosts")?.Value, "256 KiB");
    }

    [TestMethod]
    public async Task LongHostsFile_IsCutAtTheLineLimit_WithAFact()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.Files[OpenWrtTwinState.HostsPath] = string.Concat(Enumerable.Range(0, 400).Select(i => $"203.0.113.{i % 250} h{i}.example\n")));
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(HostsFacts.MaxLines, output.Facts.ToArray().Count(f => f.Key.StartsWith("cfg.dns.hosts.", StringComparison.Ordinal)));
        Assert.IsNotNull(output.Facts.Get("openwrt.limit.hosts"));
    }

    [TestMethod]
    public async Task HostileOverlay_IsBoundedInFoldersDepthAndFiles()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s =>
        {
            var deep = "/usr/lib";
            for (var i = 0; i < 15; i++) deep += "/d" + i;
            s.AddOverlay(deep + "/x.so", new OverlayEntry("file", 10));
            for (var i = 0; i < 200; i++) s.AddOverlay($"/usr/bin/implant{i:D3}", new OverlayEntry("file", 100 + i));
            for (var i = 0; i < 60; i++) s.AddOverlay($"/www/d{i}/i.html", new OverlayEntry("file", 5));
        });
        var (output, _, _) = OpenWrtLab.Run(twin);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        var files = output.Facts.ToArray().Count(f => f.Key.StartsWith("openwrt.file.", StringComparison.Ordinal));
        Assert.IsLessThanOrEqualTo(OverlayFacts.MaxFileFacts, files);
        Assert.IsTrue(output.Facts.ToArray().Any(f => f.Key.StartsWith("openwrt.limit.overlay", StringComparison.Ordinal)), OpenWrtLab.Describe(output));
        Assert.IsLessThanOrEqualTo(80, twin.Requests, "folders listed are bounded");
    }

    [TestMethod]
    public async Task BrokenProcessList_IsCouldNotVerify()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.Processes.Add(new TwinProcess(-5, 1, "root", "x", "/x")));
        var (output, _, _) = OpenWrtLab.Run(twin);
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified);
        StringAssert.Contains(verdict.Message, "process list");
    }

    [TestMethod]
    public async Task UnofficialRevision_IsAHighVerdict_EvenWithoutABaseline()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Apply(TwinChanges.FirmwareUnknown);
        var (output, _, _) = OpenWrtLab.Run(twin);
        var verdict = output.Verdicts().Single();
        Assert.AreEqual("firmware.unofficial-build", verdict.Code);
        Assert.AreEqual(Severity.High, verdict.Severity);
        StringAssert.Contains(verdict.Message, "not an official OpenWrt build");
        Assert.AreEqual(OpenWrtReleases.NotOfficial, output.Facts.Get("openwrt.build-origin")?.Value);
    }

    [TestMethod]
    public async Task PersistenceReads_CanBeSwitchedOff()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        var options = OpenWrtLab.Options(twin);
        options.ReadPersistence = false;
        var (output, _, _) = OpenWrtLab.Run(twin, options);
        Assert.AreEqual(0, output.VerdictCount, OpenWrtLab.Describe(output));
        Assert.AreEqual(13, twin.Requests);
        Assert.IsNull(output.Facts.Get("openwrt.account.root"));
    }
}
