using System.Net;
using System.Xml.Linq;
using FlaxGuard.Lab.Twins.Hikvision;

namespace FlaxGuard.Probes.Tests.Hikvision;

/// <summary>
/// Logins: the twin's Digest checked with .NET's own Digest client (the reference), the probe's behaviour on wrong
/// passwords, locked accounts and stale nonces, and the twin's ISAPI error answers.
/// </summary>
[TestClass]
public sealed class HikvisionAuthTests
{
    private static HttpClient ReferenceClient(HikvisionTwin twin, string password)
    {
        var credentials = new CredentialCache { { twin.BaseUri, "Digest", new NetworkCredential(HikvisionHarness.User, password) } };
        return new HttpClient(new SocketsHttpHandler { Credentials = credentials, UseProxy = false }) { BaseAddress = twin.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    [TestMethod]
    public async Task DotNetDigestClient_ReadsTheTwin_AndGetsIsapiXml()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        using var client = ReferenceClient(twin, HikvisionHarness.Password);
        using var response = await client.GetAsync("/ISAPI/System/deviceInfo");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/xml", response.Content.Headers.ContentType!.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = HikvisionTwinState.Ver20Namespace;
        Assert.AreEqual(ns + "DeviceInfo", document.Root!.Name);
        Assert.AreEqual("V5.5.82", document.Root.Element(ns + "firmwareVersion")!.Value);

        using var users = await client.GetAsync("/ISAPI/Security/users");
        var list = XDocument.Parse(await users.Content.ReadAsStringAsync());
        CollectionAssert.AreEquivalent(new[] { "admin", "nvr-operator", "guard" }, list.Root!.Elements(ns + "User").Select(u => u.Element(ns + "userName")!.Value).ToArray());
        Assert.IsFalse((await users.Content.ReadAsStringAsync()).Contains(HikvisionHarness.Password, StringComparison.Ordinal), "the user list must not show passwords");
    }

    [TestMethod]
    public async Task WithoutCredentials_TheTwinChallengesWithHikvisionDigest()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        using var response = await client.GetAsync("/ISAPI/System/deviceInfo");
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.AreEqual("Digest", challenge.Scheme);
        StringAssert.Contains(challenge.Parameter, "qop=\"auth\"");
        StringAssert.Contains(challenge.Parameter, "stale=\"FALSE\"");
        StringAssert.Contains(challenge.Parameter, "realm=\"IP Camera(");
        Assert.AreEqual("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.AreEqual(0, twin.Digest.FailedLogins);
    }

    [TestMethod]
    public async Task AfterLogin_UnknownResourcesAndOtherMethods_GetIsapiErrorReports()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        using var client = ReferenceClient(twin, HikvisionHarness.Password);
        XNamespace ns = HikvisionTwinState.Ver20Namespace;

        using var missing = await client.GetAsync("/ISAPI/System/Network/ISUP");
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual("application/xml", missing.Content.Headers.ContentType!.MediaType);
        var status = XDocument.Parse(await missing.Content.ReadAsStringAsync()).Root!;
        Assert.AreEqual(ns + "ResponseStatus", status.Name);
        Assert.AreEqual("4", status.Element(ns + "statusCode")!.Value);
        Assert.AreEqual("notSupport", status.Element(ns + "subStatusCode")!.Value);

        using var post = await client.PostAsync("/ISAPI/System/deviceInfo", new StringContent("<DeviceInfo/>"));
        Assert.AreEqual(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.AreEqual("methodNotAllowed", XDocument.Parse(await post.Content.ReadAsStringAsync()).Root!.Element(ns + "subStatusCode")!.Value);
    }

    [TestMethod]
    public async Task WrongPassword_IsRefused_WithOneFailedLoginAndNoSecretInTheReason()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var (output, elapsed) = HikvisionHarness.Run(twin, HikvisionHarness.Options(twin, "Wrong-Pa55"));
        var verdict = HikvisionHarness.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "the device refused the credentials");
        Assert.IsFalse(verdict.Message.Contains("Wrong-Pa55", StringComparison.Ordinal));
        Assert.IsFalse(verdict.Message.Contains(HikvisionHarness.Password, StringComparison.Ordinal));
        Assert.AreEqual(0, output.Facts.Count);
        Assert.AreEqual(1, twin.Digest.FailedLogins, "one probe run must cost the device exactly one failed login");
        Assert.IsLessThan(5000, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public async Task RepeatedFailures_LockTheCamera_AndTheProbeSaysSoWithoutProlongingIt()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Digest.LockDuration = TimeSpan.FromSeconds(3);
        for (var i = 0; i < twin.Digest.LockThreshold - 1; i++)
        {
            var refused = HikvisionHarness.SingleUnverified(HikvisionHarness.Run(twin, HikvisionHarness.Options(twin, "guess-" + i)).Output);
            StringAssert.Contains(refused.Message, "the device refused the credentials");
        }
        // The seventh failure is the one that locks: the camera says so in the same answer.
        var seventh = HikvisionHarness.SingleUnverified(HikvisionHarness.Run(twin, HikvisionHarness.Options(twin, "guess-7")).Output);
        StringAssert.Contains(seventh.Message, "the device locked the account");
        Assert.AreEqual(7, twin.Digest.FailedLogins);

        var (output, _) = HikvisionHarness.Run(twin);
        var locked = HikvisionHarness.SingleUnverified(output);
        StringAssert.Contains(locked.Message, "the device locked the account");
        StringAssert.Contains(locked.Message, "about 1 minute(s)");
        Assert.AreEqual(0, output.Facts.Count);
        Assert.AreEqual(7, twin.Digest.FailedLogins, "logins while locked are refused without counting, and the probe stops at the first");

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output);
    }

    [TestMethod]
    public async Task AnAccountWithoutAdministratorRights_GetsAClearReason()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Mutate(s => s.Users.Add(new HikvisionUser(7, "flaxguard", "Viewer", "View-Only-1")));
        var options = new FlaxGuard.Engine.Probes.Hikvision.IsapiOptions(new FlaxGuard.Engine.Http.HttpCredentials("flaxguard", "View-Only-1")) { Port = twin.Port };
        var (output, _) = HikvisionHarness.Run(twin, options);
        var verdict = HikvisionHarness.SingleUnverified(output);
        StringAssert.Contains(verdict.Message, "the device would not answer /ISAPI/Security/users (HTTP 403)");
        StringAssert.Contains(verdict.Message, "lowPrivilege");
        StringAssert.Contains(verdict.Message, "give it an administrator account");
        Assert.IsTrue(output.Facts.Contains("fw.version"), "what was read before the refusal is kept");
        Assert.AreEqual(0, twin.Digest.FailedLogins);
    }

    [TestMethod]
    public async Task NoncesThatExpireAfterEveryRequest_AreRenewedWithoutLosingAFact()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        var clean = HikvisionHarness.Lines(HikvisionHarness.VerifiedFacts(HikvisionHarness.Run(twin).Output));
        twin.Digest.NonceMaxUses = 1;
        var (output, _) = HikvisionHarness.Run(twin);
        CollectionAssert.AreEqual(clean, HikvisionHarness.Lines(HikvisionHarness.VerifiedFacts(output)));
        Assert.IsGreaterThanOrEqualTo(7, twin.Digest.StaleAnswers, $"stale answers: {twin.Digest.StaleAnswers}");
        Assert.AreEqual(0, twin.Digest.FailedLogins);
    }

    [TestMethod]
    public async Task ResourcesThisModelLacks_GiveNoFactAndNoFinding()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        twin.Mutate(s =>
        {
            s.TelnetSupported = false;
            s.SshSupported = false;
            s.NtpSupported = false;
            s.CloudSupported = false;
        });
        var (output, _) = HikvisionHarness.Run(twin);
        var lines = HikvisionHarness.Lines(HikvisionHarness.VerifiedFacts(output));
        Assert.IsFalse(lines.Any(l => l.StartsWith("cfg.ntp.", StringComparison.Ordinal) || l.StartsWith("cfg.service.", StringComparison.Ordinal)));
        Assert.IsTrue(lines.Contains("fw.version=V5.5.82"));
        Assert.AreEqual(0, output.VerdictCount);
    }

    [TestMethod]
    public async Task ChurnReallyChangesWhatTheApiReturns()
    {
        await using var twin = await HikvisionHarness.StartAsync();
        using var client = ReferenceClient(twin, HikvisionHarness.Password);
        async Task<string> Snapshot()
        {
            var parts = new List<string>();
            foreach (var path in new[] { "/ISAPI/System/deviceInfo", "/ISAPI/Security/users", "/ISAPI/System/Network/interfaces", "/ISAPI/System/time", "/ISAPI/System/status", "/ISAPI/System/time/ntpServers", "/ISAPI/System/Network/EZVIZ" })
                parts.Add(await client.GetStringAsync(path));
            return string.Join("\n", parts);
        }
        foreach (var churn in new[] { "reboot", "counters", "time", "dhcp-leases", "reorder", "whitespace-case" })
        {
            var before = await Snapshot();
            twin.Apply(churn);
            Assert.AreNotEqual(before, await Snapshot(), churn + " changed nothing the API returns");
        }
    }
}
