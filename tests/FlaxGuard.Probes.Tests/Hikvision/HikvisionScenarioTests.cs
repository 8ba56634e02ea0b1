using FlaxGuard.Wording;
using FlaxGuard.Engine.Families;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Probes.Tests.Scenarios;

namespace FlaxGuard.Probes.Tests.Hikvision;

/// <summary>
/// The scenario suite's Hikvision part: the ISAPI probe against the camera twin, clean, compromised (each change must
/// be detected with the severity the drift rules give it) and churned (no drift at all).
/// </summary>
[TestClass]
public sealed class HikvisionScenarioTests
{
    private static string[] CleanFacts()
    {
        var serialDigest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("DS-2CD2043G0-I20190312AAWRC12345678")))[..16];
        string[] facts =
        [
            "cfg.admin.admin=administrator",
            "cfg.camera.ipfilter=allow",
            "cfg.camera.ipfilter.198.51.100.10=allow",
            "cfg.camera.ipfilter.198.51.100.20=allow",
            "cfg.camera.login-lock=on attempts=5 lock=1800",
            "cfg.camera.onvif-user.nvr-onvif=mediauser",
            "cfg.camera.port.dev_manage=8000",
            "cfg.camera.port.http=80",
            "cfg.camera.port.https=443",
            "cfg.camera.port.rtsp=554",
            "cfg.camera.upload.mailto.security@office.example=configured",
            "cfg.camera.upload.nas.198.51.100.30=type=nfs path=/volume1/cameras",
            "cfg.camera.upload.smtp.smtp.office.example=configured",
            "cfg.dns.server.192.168.1.1=configured",
            "cfg.dns.server.9.9.9.9=configured",
            "cfg.gateway.192.0.2.1=default",
            "cfg.push.192.168.1.10=proto=http port=80 url=/alarm",
            "cfg.rtsp.auth=digest",
            "cfg.ntp.server.192.168.1.1=configured",
            "cfg.ntp.server.time.windows.com=configured",
            "cfg.user.admin=administrator",
            "cfg.user.guard=viewer",
            "cfg.user.nvr-operator=operator",
            "fw.build=build 190220",
            "fw.model=DS-2CD2043G0-I",
            "fw.vendor=hikvision",
            "fw.version=V5.5.82",
            "hikvision.device-name=Lobby Camera",
            "hikvision.device-type=IPCamera",
            "hikvision.encoder=V7.3 build 190214",
            "hikvision.hardware-version=0x0",
            "hikvision.net.1.addressing=static",
            "hikvision.net.2.addressing=dynamic",
            "hikvision.serial-digest=" + serialDigest,
            "hikvision.time.mode=ntp",
            "hikvision.time.zone=CST-1:00:00",
        ];
        // In key order, as the fact set keeps them ("cfg.camera.ipfilter" before "cfg.camera.ipfilter.ADDRESS").
        return facts.OrderBy(f => f[..f.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal).ToArray();
    }

    [TestMethod]
    public async Task CleanCamera_GivesExactlyTheExpectedFacts_AndNoFinding()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var (output, elapsed) = HikvisionHarness.Run(twin);
        var facts = HikvisionHarness.VerifiedFacts(output);
        CollectionAssert.AreEqual(CleanFacts(), HikvisionHarness.Lines(facts), string.Join("\n", HikvisionHarness.Lines(facts)));
        Assert.AreEqual(0, output.VerdictCount, string.Join(" | ", output.Verdicts().Select(v => v.ToString())));
        Assert.AreEqual(0, output.DuplicateFacts);
        Assert.IsLessThan(10_000, elapsed, $"a clean run took {elapsed} ms");
        Assert.AreEqual(0, twin.Digest.FailedLogins, "the right password must never count as a failed login");
        Assert.AreEqual(28, twin.Requests, "one Digest challenge, one request for each of the twenty-one resources, and six GETs of the web root without credentials (one name no firmware serves, five exploit files)");
    }

    [TestMethod]
    [DataRow(TwinChanges.NewAdmin, "cfg.user.system", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.DnsChanged, "cfg.dns.server.203.0.113.53", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.GatewayChanged, "cfg.gateway.203.0.113.1", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.TelnetEnabled, "cfg.service.telnet", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.WanAdmin, "cfg.remote.hik-connect", DriftKind.Added, Severity.High)]
    [DataRow(TwinChanges.FirmwareDowngrade, "fw.version", DriftKind.Changed, Severity.High)]
    [DataRow(TwinChanges.FirmwareUnknown, "fw.build", DriftKind.Changed, Severity.High)]
    public async Task Compromise_IsDetectedWithTheRuleSeverity(string change, string key, DriftKind kind, Severity severity)
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        twin.Apply(change);
        var now = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        var report = DriftReport.Compute(baseline, now, DeviceFamilies.CreateDriftRules());
        var all = string.Join("\n", Enumerable.Range(0, report.Count).Select(i => $"{report[i].Kind} {report[i].Key} {report[i].Severity}"));
        var hit = Enumerable.Range(0, report.Count).Select(i => report[i]).SingleOrDefault(c => c.Key == key);
        Assert.IsNotNull(hit, $"{change}: no change for {key}; changes:\n{all}");
        Assert.AreEqual(kind, hit.Kind, all);
        Assert.AreEqual(severity, hit.Severity, all);
        Assert.AreEqual(severity, report.Highest, all);
    }

    [TestMethod]
    public async Task DnsHijack_RatesEveryServerChangeCritical()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        twin.Apply(TwinChanges.DnsChanged);
        var report = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
        var keys = Enumerable.Range(0, report.Count).Select(i => report[i]).Select(c => $"{c.Kind} {c.Key} {c.Severity}").ToArray();
        CollectionAssert.AreEquivalent(new[]
        {
            "Removed cfg.dns.server.192.168.1.1 Critical", "Removed cfg.dns.server.9.9.9.9 Critical",
            "Added cfg.dns.server.203.0.113.53 Critical", "Added cfg.dns.server.198.51.100.53 Critical",
        }, keys);
    }

    [TestMethod]
    public async Task DhcpRotatingTheLearnedDnsServers_GivesNoDrift_WhileTheStaticOnesStayFacts()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        Assert.IsNull(baseline.Get("cfg.dns.server.198.51.100.1"), "a server learned by DHCP on the Wi-Fi interface is no setting");
        Assert.IsNotNull(baseline.Get("cfg.dns.server.9.9.9.9"), "the wired interface's static server is a setting");
        twin.Apply(TwinChanges.DhcpDnsRotation);
        var report = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, report.Count, string.Join("\n", Enumerable.Range(0, report.Count).Select(i => report[i].Key)));
    }

    [TestMethod]
    public async Task TelnetSwitchedOn_AlsoGivesAnExposureFinding()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Apply(TwinChanges.TelnetEnabled);
        var (output, _) = HikvisionHarness.Run(twin);
        HikvisionHarness.VerifiedFacts(output);
        Assert.AreEqual("port=23 from=any", output.Facts.Get("cfg.service.telnet")!.Value);
        var finding = output.Verdicts().Single();
        Assert.AreEqual("exposure.telnet-enabled", finding.Code);
        Assert.AreEqual(Severity.High, finding.Severity);
    }

    [TestMethod]
    public async Task SshSwitchedOn_IsAHighDrift()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        twin.Mutate(s => s.SshEnabled = true);
        var report = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
        var changes = Enumerable.Range(0, report.Count).Select(i => report[i]).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        Assert.HasCount(2, changes);
        // Issue 13 part 5: SSH switched on on a camera is high (cameras ship with it off).
        Assert.AreEqual("cfg.camera.ssh", changes[0].Key);
        Assert.AreEqual(Severity.High, changes[0].Severity);
        Assert.AreEqual("cfg.service.ssh", changes[1].Key);
        Assert.AreEqual("port=22 from=any", changes[1].NewValue);
        Assert.AreEqual(Severity.High, report.Highest);
    }

    [TestMethod]
    [DataRow(TwinChanges.AdminPromoted, "cfg.admin.nvr-operator", "administrator", Severity.Critical)]
    [DataRow(TwinChanges.PlatformAccess, "cfg.remote.isup", "server=203.0.113.66:7660", Severity.High)]
    [DataRow(TwinChanges.PushTarget, "cfg.push.203.0.113.66", "proto=http port=8080 url=/upload", Severity.High)]
    [DataRow(TwinChanges.DdnsOn, "cfg.ddns.hiddns", "server=www.hik-online.com domain=lobbycam", Severity.High)]
    [DataRow(TwinChanges.UpnpOn, "cfg.upnp", "on", Severity.High)]
    [DataRow(TwinChanges.RtspAuthWeak, "cfg.rtsp.auth", "basic", Severity.High)]
    [DataRow(TwinChanges.WebShell, "cfg.camera.webshell.x", "present", Severity.Critical)]
    [DataRow(TwinChanges.OnvifUserAdded, "cfg.camera.onvif-admin.onvif-svc", "administrator", Severity.Critical)]
    [DataRow(TwinChanges.LoginLockOff, "cfg.camera.login-lock", "off", Severity.High)]
    [DataRow(TwinChanges.IpFilterRemoved, "cfg.camera.ipfilter", "off", Severity.High)]
    [DataRow(TwinChanges.AccessPortChanged, "cfg.camera.port.dev_manage", "38000", Severity.High)]
    [DataRow(TwinChanges.CameraSnmpOn, "cfg.camera.snmp.v2c", "port=161", Severity.High)]
    [DataRow(TwinChanges.FtpTarget, "cfg.camera.upload.ftp.203.0.113.80", "port=21", Severity.High)]
    [DataRow(TwinChanges.MailTarget, "cfg.camera.upload.mailto.drop@exfil.example", "configured", Severity.High)]
    [DataRow(TwinChanges.NasTarget, "cfg.camera.upload.nas.203.0.113.90", "type=smb/cifs path=/share", Severity.High)]
    public async Task Issue13Compromise_IsDetectedWithItsSeverity(string change, string key, string value, Severity severity)
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        twin.Apply(change);
        var report = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
        var hit = Enumerable.Range(0, report.Count).Select(i => report[i]).SingleOrDefault(c => c.Key == key);
        Assert.IsNotNull(hit, key);
        Assert.AreEqual(value, hit.NewValue);
        Assert.AreEqual(severity, report.Highest);
        Assert.IsTrue(DriftSentences.Has(hit.Code), hit.Code);
    }

    [TestMethod]
    public async Task WebShell_IsACriticalFinding_EvenWithoutABaseline_AndOnlyGetIsSent()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Apply(TwinChanges.WebShell);
        var (output, _) = HikvisionHarness.Run(twin);
        HikvisionHarness.VerifiedFacts(output);
        var finding = output.Verdicts().Single();
        Assert.AreEqual("exposure.cve-2021-36260-file", finding.Code);
        Assert.AreEqual(Severity.Critical, finding.Severity);
        StringAssert.Contains(finding.Message, "/x");
        Assert.IsNull(output.Facts.Get("hikvision.support.webroot"));
    }

    [TestMethod]
    public async Task AWebServerThatAnswersEveryPath_IsNotTakenForAWebShell()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        // A device that serves its login page for any unknown path: the unlikely name is answered too, so nothing can be told.
        twin.Mutate(s => s.WebRootAnswersEverything = true);
        var (output, _) = HikvisionHarness.Run(twin);
        var facts = HikvisionHarness.VerifiedFacts(output);
        Assert.AreEqual("no", facts.Get("hikvision.support.webroot")!.Value);
        Assert.IsFalse(HikvisionHarness.Lines(facts).Any(l => l.StartsWith("cfg.camera.webshell.", StringComparison.Ordinal)));
        Assert.AreEqual(0, output.VerdictCount);
    }

    [TestMethod]
    public async Task CameraWithoutTheNewResources_IsStillBaselined_WithNotSupportedFacts()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Mutate(s => s.AccessResourcesSupported = false);
        var facts = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        var lines = HikvisionHarness.Lines(facts);
        foreach (var name in new[] { "onvif-users", "login-lock", "ipfilter", "ports", "snmp", "ftp", "mailing", "nas" })
            CollectionAssert.Contains(lines, "hikvision.support." + name + "=no");
        Assert.IsFalse(lines.Any(l => l.StartsWith("cfg.camera.", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public async Task CameraWithoutAccountList_IsStillBaselined_WithANotSupportedFact()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Mutate(s => s.UsersSupported = false);
        var facts = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        var lines = HikvisionHarness.Lines(facts);
        CollectionAssert.Contains(lines, "hikvision.support.users=no");
        Assert.IsFalse(lines.Any(l => l.StartsWith("cfg.user.", StringComparison.Ordinal)));
        CollectionAssert.Contains(lines, "fw.version=V5.5.82");
    }

    [TestMethod]
    [DataRow(TwinChanges.Reboot)]
    [DataRow(TwinChanges.Counters)]
    [DataRow(TwinChanges.Time)]
    [DataRow(TwinChanges.Session)]
    [DataRow(TwinChanges.DhcpLeases)]
    [DataRow(TwinChanges.Reorder)]
    [DataRow(TwinChanges.WhitespaceCase)]
    public async Task Churn_GivesNoDriftAtAll(string change)
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        twin.Apply(change);
        var (output, _) = HikvisionHarness.Run(twin);
        var report = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(output), DeviceFamilies.CreateDriftRules());
        var all = string.Join("\n", Enumerable.Range(0, report.Count).Select(i => report[i].ToVerdict().ToString()));
        Assert.AreEqual(0, report.Count, $"{change} drifted:\n{all}");
        if (change == TwinChanges.Session) Assert.IsGreaterThan(0, twin.Digest.StaleAnswers, "session churn must make the camera answer stale nonces");
    }

    [TestMethod]
    public async Task AllChurnTogether_GivesNoDrift_AndEveryCompromiseIsStillFound()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
        foreach (var churn in TwinChanges.Churn.Where(twin.SupportedChanges.Contains)) twin.Apply(churn);
        var churned = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, churned.Count);
        foreach (var compromise in TwinChanges.Compromises.Where(twin.SupportedChanges.Contains)) twin.Apply(compromise);
        var compromised = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(Severity.Critical, compromised.Highest);
        var keys = Enumerable.Range(0, compromised.Count).Select(i => compromised[i].Key).ToHashSet();
        // firmware-unknown after firmware-downgrade leaves the version string as it was and changes the build.
        foreach (var expected in new[] { "cfg.user.system", "cfg.service.telnet", "cfg.remote.hik-connect", "fw.build", "cfg.dns.server.203.0.113.53" })
            Assert.Contains(expected, keys, expected + " missing from " + string.Join(", ", keys));
    }

    /// <summary>Detection rate and false positives over every change the twin supports (the issue's targets: 100% and 0).</summary>
    [TestMethod]
    public async Task Suite_DetectsEveryCompromise_AndReportsNoFalsePositive()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        int compromises = 0, detected = 0, churns = 0, falsePositives = 0;
        // ISAPI only here; the web interface's files are the web fingerprint's (the scenario runner test below runs both).
        foreach (var change in twin.SupportedChanges.Except(TwinChanges.WebFileCompromises))
        {
            twin.Reset();
            var baseline = HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
            twin.Apply(change);
            var report = DriftReport.Compute(baseline, HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output), DeviceFamilies.CreateDriftRules());
            if (TwinChanges.IsCompromise(change))
            {
                compromises++;
                if (report.Highest >= Severity.High) detected++;
            }
            else
            {
                churns++;
                falsePositives += report.Count;
            }
        }
        Console.WriteLine($"hikvision: detected {detected}/{compromises} compromises, {falsePositives} false positives over {churns} churn changes");
        Assert.AreEqual(23, compromises);
        Assert.AreEqual(8, churns);
        Assert.AreEqual(compromises, detected);
        Assert.AreEqual(0, falsePositives);
    }

    /// <summary>The same suite through the shared scenario runner (TargetCheck, volatile-key filter, baseline), as the appliance runs it.</summary>
    [TestMethod]
    public async Task ScenarioRunner_DetectsEveryCompromise_AndStaysQuietOnChurn()
    {
        var subject = new HikvisionScenarioSubject();
        await using var twin = await subject.StartTwinAsync(CancellationToken.None);
        var outcomes = new List<ScenarioOutcome>();
        foreach (var change in twin.SupportedChanges) outcomes.Add(await ScenarioRunner.RunAsync(subject, twin, change));
        var report = string.Join("\n", outcomes.Select(o => o.Describe()));
        Console.WriteLine(report);
        Assert.IsTrue(outcomes.All(o => o.Unverified is null), report);
        Assert.IsTrue(outcomes.Where(o => o.IsCompromise).All(o => o.Detected), report);
        Assert.AreEqual(0, outcomes.Sum(o => o.FalsePositives), report);
        Assert.HasCount(32, outcomes);
    }

    [TestMethod]
    [DataRow(TwinChanges.SshKeyAdded)]
    [DataRow(TwinChanges.PortForward)]
    [DataRow(TwinChanges.SchedulerFetch)]
    [DataRow(TwinChanges.SocksProxy)]
    public async Task ChangesACameraCannotExpress_AreRefused(string change)
    {
        await using var twin = await HikvisionHarness.StartAsync();
        Assert.IsFalse(twin.SupportedChanges.Contains(change));
        var e = Assert.ThrowsExactly<NotSupportedException>(() => twin.Apply(change));
        StringAssert.Contains(e.Message, change);
    }
}
