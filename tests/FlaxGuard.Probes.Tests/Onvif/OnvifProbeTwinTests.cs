using FlaxGuard.Wording;
using FlaxGuard.Engine.Families;
using System.Net;
using System.Text;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Onvif;
using static FlaxGuard.Probes.Tests.Onvif.OnvifTwinFixture;

namespace FlaxGuard.Probes.Tests.Onvif;

/// <summary>
/// The ONVIF probe against the strict camera twin: exact facts from the clean camera, every compromise the
/// ONVIF device service can express detected with the severity the drift rules give it, every kind of benign
/// churn without any drift, wrong credentials and a camera clock hours off.
/// </summary>
[TestClass]
public sealed class OnvifProbeTwinTests
{
    private static readonly string[] CleanFacts =
    [
        "cfg.admin.admin=administrator",
        "cfg.camera.ipfilter=allow",
        "cfg.camera.ipfilter.192.0.2.10=allow",
        "cfg.camera.ipfilter.198.51.100.0/24=allow",
        "cfg.camera.ipfilter.2001:db8::/64=allow",
        "cfg.discovery=nondiscoverable",
        "cfg.dns.server.192.0.2.53=configured",
        "cfg.dns.server.2001:db8::53=configured",
        "cfg.gateway.192.0.2.1=default",
        "cfg.gateway.2001:db8::1=default",
        "cfg.ntp.server.192.0.2.123=configured",
        "cfg.ntp.server.ntp.office.example=configured",
        "cfg.service.https=port=443,8443",
        "cfg.service.rtsp=port=554",
        "cfg.user.admin=administrator",
        "cfg.user.nvr=operator",
        "cfg.user.viewer=user",
        "fw.model=FC-IPC2431",
        "fw.vendor=flaxcam",
        "fw.version=V5.7.3 build 230915",
        "onvif.datetime-type=ntp",
        "onvif.dns.from-dhcp=off",
        "onvif.dns.search.office.example=configured",
        "onvif.hardware-id=HW-2431-B",
        "onvif.hostname=lobby-cam",
        "onvif.ntp.from-dhcp=off",
        "onvif.scope.onvif://www.onvif.org/location/office=configurable",
        "onvif.scope.onvif://www.onvif.org/name/LobbyCam=configurable",
        "onvif.timezone=UTC0",
    ];

    [TestMethod]
    public async Task CleanCameraGivesExactlyTheExpectedFacts()
    {
        await using var twin = await StartAsync();
        var output = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, Describe(output));
        CollectionAssert.AreEqual(CleanFacts, FactLines(output), Describe(output));
        var all = Describe(output);
        Assert.DoesNotContain(Password, all, "the password must never appear");
        Assert.DoesNotContain("FC2431A0017734", all, "the serial number must never be a fact");
    }

    [TestMethod]
    [DataRow(TwinChanges.NewAdmin, "cfg.user.support", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.DnsChanged, "cfg.dns.server.203.0.113.66", DriftKind.Added, Severity.Critical)]
    [DataRow(TwinChanges.FirmwareDowngrade, "fw.version", DriftKind.Changed, Severity.High)]
    [DataRow(TwinChanges.FirmwareUnknown, "fw.version", DriftKind.Changed, Severity.High)]
    [DataRow(TwinChanges.HostnameChanged, "onvif.hostname", DriftKind.Changed, Severity.Medium)]
    [DataRow(TwinChanges.ScopeAdded, "onvif.scope.onvif://www.onvif.org/name/NVR", DriftKind.Added, Severity.Medium)]
    [DataRow(TwinChanges.IpFilterRemoved, "cfg.camera.ipfilter", DriftKind.Changed, Severity.High)]
    [DataRow(TwinChanges.IpFilterRemoved, "cfg.camera.ipfilter.198.51.100.0/24", DriftKind.Removed, Severity.High)]
    public async Task CompromiseIsDetectedWithItsSeverity(string change, string key, DriftKind kind, Severity severity)
    {
        await using var twin = await StartAsync();
        var baseline = Run(twin);
        Assert.AreEqual(0, baseline.VerdictCount, Describe(baseline));
        twin.Apply(change);
        var now = Run(twin);
        Assert.IsEmpty(Unverified(now), Describe(now));
        var report = DriftReport.Compute(baseline.Facts, now.Facts, DeviceFamilies.CreateDriftRules());
        var hit = Enumerable.Range(0, report.Count).Select(i => report[i]).SingleOrDefault(c => c.Key == key);
        Assert.IsNotNull(hit, $"{change}: no drift on {key}\n{Describe(now)}");
        Assert.AreEqual(kind, hit.Kind);
        Assert.AreEqual(severity, hit.Severity);
        Assert.AreEqual(severity, report.Highest);
        Assert.IsTrue(DriftSentences.Has(hit.Code), "the owner gets a sentence for the code " + hit.Code);
    }

    [TestMethod]
    public async Task NamesAndServersFromDhcp_RotateWithoutDrift()
    {
        // A camera that takes its DNS servers and its name from DHCP: what the DHCP server hands out is no setting.
        await using var twin = await StartAsync();
        twin.Mutate(s =>
        {
            s.DnsFromDhcp = true;
            s.DnsManual.Clear();
            s.HostnameFromDhcp = true;
        });
        var baseline = Run(twin);
        Assert.AreEqual("from-dhcp", baseline.Facts.Get("onvif.hostname")!.Value);
        Assert.IsFalse(FactLines(baseline).Any(l => l.StartsWith("cfg.dns.server.", StringComparison.Ordinal)), Describe(baseline));
        twin.Apply(TwinChanges.DhcpLeases);
        twin.Apply(TwinChanges.DhcpDnsRotation);
        var report = DriftReport.Compute(baseline.Facts, Run(twin).Facts, DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, report.Count, string.Join("; ", Enumerable.Range(0, report.Count).Select(i => report[i].Key)));
    }

    [TestMethod]
    public async Task FixedScopesAreFirmware_OnlyConfigurableOnesAreFacts()
    {
        await using var twin = await StartAsync();
        var lines = FactLines(Run(twin));
        Assert.IsFalse(lines.Any(l => l.Contains("/type/", StringComparison.Ordinal) || l.Contains("/hardware/", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.AreEqual(2, lines.Count(l => l.StartsWith("onvif.scope.", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task DnsHijackAlsoShowsTheRemovedServers()
    {
        await using var twin = await StartAsync();
        var baseline = Run(twin);
        twin.Apply(TwinChanges.DnsChanged);
        var report = DriftReport.Compute(baseline.Facts, Run(twin).Facts, DeviceFamilies.CreateDriftRules());
        var changes = Enumerable.Range(0, report.Count).Select(i => report[i]).ToList();
        CollectionAssert.AreEquivalent(
            new[] { "cfg.dns.server.192.0.2.53", "cfg.dns.server.2001:db8::53", "cfg.dns.server.203.0.113.66", "cfg.dns.server.203.0.113.67" },
            changes.Select(c => c.Key).ToArray());
        Assert.IsTrue(changes.All(c => c.Severity == Severity.Critical));
    }

    [TestMethod]
    [DataRow(TwinChanges.Reboot)]
    [DataRow(TwinChanges.Time)]
    [DataRow(TwinChanges.Session)]
    [DataRow(TwinChanges.DhcpLeases)]
    [DataRow(TwinChanges.Reorder)]
    [DataRow(TwinChanges.WhitespaceCase)]
    public async Task ChurnGivesNoDrift(string change)
    {
        await using var twin = await StartAsync();
        var baseline = Run(twin);
        Assert.AreEqual(0, baseline.VerdictCount, Describe(baseline));
        twin.Apply(change);
        var now = Run(twin);
        Assert.IsEmpty(Unverified(now), Describe(now));
        var report = DriftReport.Compute(baseline.Facts, now.Facts, DeviceFamilies.CreateDriftRules());
        Assert.AreEqual(0, report.Count, $"{change}: " + string.Join("; ", Enumerable.Range(0, report.Count).Select(i => report[i].Key)));
    }

    [TestMethod]
    public async Task AllChurnAtOnceGivesNoDrift()
    {
        await using var twin = await StartAsync();
        var baseline = Run(twin);
        foreach (var change in twin.SupportedChanges.Where(c => !TwinChanges.IsCompromise(c))) twin.Apply(change);
        var now = Run(twin);
        Assert.IsEmpty(Unverified(now), Describe(now));
        Assert.AreEqual(0, DriftReport.Compute(baseline.Facts, now.Facts, DeviceFamilies.CreateDriftRules()).Count);
    }

    [TestMethod]
    public async Task ScenarioSuiteDetectsEveryCompromiseWithoutFalsePositives()
    {
        // Each supported change on a fresh clean camera: a compromise must drift at its expected severity or worse, churn not at all.
        int detected = 0, compromises = 0, falsePositives = 0, churn = 0;
        foreach (var change in OnvifTwin.Supported)
        {
            await using var twin = await StartAsync();
            var baseline = Run(twin);
            twin.Apply(change);
            var now = Run(twin);
            Assert.IsEmpty(Unverified(now), change + "\n" + Describe(now));
            var report = DriftReport.Compute(baseline.Facts, now.Facts, DeviceFamilies.CreateDriftRules());
            if (TwinChanges.IsCompromise(change))
            {
                compromises++;
                if (report.Highest >= FlaxGuard.Probes.Tests.Scenarios.ScenarioExpectation.ForCompromise[change].Severity) detected++;
            }
            else
            {
                churn++;
                falsePositives += report.Count;
            }
        }
        Console.WriteLine($"onvif scenario suite: {detected}/{compromises} compromises detected, {falsePositives} false positives over {churn} churn changes");
        Assert.AreEqual(compromises, detected);
        Assert.AreEqual(0, falsePositives);
        Assert.AreEqual(13, compromises);
        Assert.AreEqual(7, churn);
    }

    [TestMethod]
    public async Task ChangesOnvifCannotExpressAreRefused()
    {
        await using var twin = await StartAsync();
        var unsupported = TwinChanges.Advisory.Except(twin.SupportedChanges).ToList();
        CollectionAssert.AreEquivalent(
            new[] { TwinChanges.SshKeyAdded, TwinChanges.WanAdmin, TwinChanges.TelnetEnabled, TwinChanges.PortForward, TwinChanges.SchedulerFetch, TwinChanges.SocksProxy, TwinChanges.Counters },
            unsupported);
        foreach (var change in unsupported) Assert.ThrowsExactly<NotSupportedException>(() => twin.Apply(change), change);
    }

    [TestMethod]
    [DataRow(400)]
    [DataRow(401)]
    public async Task WrongPasswordIsRefusedClearlyWithoutThePassword(int status)
    {
        await using var twin = await StartAsync();
        twin.NotAuthorizedStatus = status;
        var output = Run(twin, password: "wrong-Guess-123");
        var unverified = Unverified(output);
        Assert.HasCount(1, unverified, Describe(output));
        StringAssert.Contains(unverified[0].Message, "the device refused the credentials for user admin");
        Assert.DoesNotContain("wrong-Guess-123", Describe(output));
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith("fw.") || f.Key.StartsWith("cfg.")), Describe(output));
        Assert.AreEqual("digest does not match", twin.LastRefusal);
    }

    [TestMethod]
    public async Task UnknownUserIsRefused()
    {
        await using var twin = await StartAsync();
        var output = Run(twin, user: "nobody");
        StringAssert.Contains(Unverified(output).Single().Message, "refused the credentials");
    }

    [TestMethod]
    public async Task ViewerAccountCannotListUsersButTheRestIsRead()
    {
        await using var twin = await StartAsync();
        var output = Run(twin, user: "viewer", password: "viewer-" + Password);
        // GetUsers and GetRemoteUser need an Administrator; each refusal is said, the rest is read.
        var refusals = Unverified(output);
        Assert.HasCount(2, refusals, Describe(output));
        foreach (var refusal in refusals) StringAssert.Contains(refusal.Message, "needs an ONVIF Administrator account");
        var facts = FactLines(output);
        Assert.IsFalse(facts.Any(f => f.StartsWith("cfg.user.") || f.StartsWith("cfg.admin.")));
        CollectionAssert.IsSubsetOf(CleanFacts.Where(f => !f.StartsWith("cfg.user.") && !f.StartsWith("cfg.admin.")).ToArray(), facts);
    }

    [TestMethod]
    [DataRow(7 * 60)]
    [DataRow(-30 * 24 * 60)]
    [DataRow(-26 * 365 * 24 * 60)]
    public async Task CameraClockHoursOffStillWorks(int offsetMinutes)
    {
        await using var twin = await StartAsync();
        twin.ClockOffset = TimeSpan.FromMinutes(offsetMinutes);
        var output = Run(twin);
        Assert.IsEmpty(Unverified(output), Describe(output));
        CollectionAssert.AreEqual(CleanFacts, FactLines(output));
        var clock = output.Verdicts().Single(v => v.Code == "onvif.clock-off");
        Assert.AreEqual(Severity.Low, clock.Severity);
        StringAssert.Contains(clock.Message, offsetMinutes > 0 ? "ahead" : "behind");
    }

    [TestMethod]
    public async Task TwinRefusesTokensDatedInAnotherClock()
    {
        // Proves the offset matters: a token dated in our time is refused by a camera 7 hours ahead.
        await using var twin = await StartAsync();
        twin.ClockOffset = TimeSpan.FromHours(7);
        using var client = new HttpClient();
        var (status, body) = await PostAsync(client, twin, SignedRequest("GetDeviceInformation", DateTimeOffset.UtcNow, Password));
        Assert.AreEqual(400, status);
        StringAssert.Contains(body, "ter:NotAuthorized");
        StringAssert.Contains(twin.LastRefusal!, "minutes off the camera clock");
        (status, _) = await PostAsync(client, twin, SignedRequest("GetDeviceInformation", DateTimeOffset.UtcNow.AddHours(7), Password));
        Assert.AreEqual(200, status);
    }

    [TestMethod]
    public async Task TwinRefusesAReplayedNonce()
    {
        await using var twin = await StartAsync();
        using var client = new HttpClient();
        var request = SignedRequest("GetUsers", DateTimeOffset.UtcNow, Password);
        Assert.AreEqual(200, (await PostAsync(client, twin, request)).Status);
        var (status, body) = await PostAsync(client, twin, request);
        Assert.AreEqual(400, status);
        StringAssert.Contains(body, "<env:Value>ter:NotAuthorized</env:Value>");
        Assert.AreEqual("nonce replayed", twin.LastRefusal);
    }

    [TestMethod]
    public async Task TwinIsStrictAboutSoapVersionMethodAndActions()
    {
        await using var twin = await StartAsync();
        using var client = new HttpClient();
        var soap11 = new StringContent("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>", Encoding.UTF8, "text/xml");
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync(twin.DeviceServiceUri, soap11)).StatusCode);
        Assert.AreEqual(HttpStatusCode.MethodNotAllowed, (await client.GetAsync(twin.DeviceServiceUri)).StatusCode);
        var (status, body) = await PostAsync(client, twin, SignedRequest("SetSystemFactoryDefault", DateTimeOffset.UtcNow, Password));
        Assert.AreEqual(500, status);
        StringAssert.Contains(body, "ter:ActionNotSupported");
        (status, body) = await PostAsync(client, twin, "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><broken></env:Body>");
        Assert.AreEqual(400, status);
        StringAssert.Contains(body, "ter:WellFormed");
        (status, body) = await PostAsync(client, twin, "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><tds:GetUsers xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/></env:Body></env:Envelope>");
        Assert.AreEqual(400, status, "no token, no users");
        StringAssert.Contains(body, "ter:NotAuthorized");
    }

    private static string SignedRequest(string action, DateTimeOffset created, string password)
    {
        var nonce = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var createdText = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var digest = OnvifUsernameTokenVerifier.Digest(nonce, createdText, password);
        return "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Header>" +
            $"<wsse:Security xmlns:wsse=\"{OnvifUsernameTokenVerifier.Secext}\" xmlns:wsu=\"{OnvifUsernameTokenVerifier.Utility}\"><wsse:UsernameToken>" +
            $"<wsse:Username>{User}</wsse:Username><wsse:Password Type=\"{OnvifUsernameTokenVerifier.PasswordDigestType}\">{digest}</wsse:Password>" +
            $"<wsse:Nonce>{Convert.ToBase64String(nonce)}</wsse:Nonce><wsu:Created>{createdText}</wsu:Created></wsse:UsernameToken></wsse:Security></env:Header>" +
            $"<env:Body><tds:{action} xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"/></env:Body></env:Envelope>";
    }

    private static async Task<(int Status, string Body)> PostAsync(HttpClient client, OnvifTwin twin, string envelope)
    {
        var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/soap+xml; charset=utf-8");
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/soap+xml; charset=utf-8");
        var response = await client.PostAsync(twin.DeviceServiceUri, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
