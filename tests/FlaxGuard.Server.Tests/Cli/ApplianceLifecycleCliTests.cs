using System.Net;
using System.Text.Json;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary>
/// 'agent rekey' and 'agent remove' run as real child processes against the data directory of a real, running
/// 'flaxguard serve': the old key and the removed appliance are refused on the very next request, with no restart.
/// </summary>
[TestClass]
public sealed class ApplianceLifecycleCliTests
{
    private static FlaxguardProcess.Result Flax(TempDir dir, string? stdin, params string[] args) =>
        FlaxguardProcess.Run(stdin, [.. args, "--data-dir", dir.Path]);

    private static (string Id, byte[] Key, JsonElement Json) ReadProvisioning(string path)
    {
        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
        return (json.GetProperty("applianceId").GetString()!, Convert.FromBase64String(json.GetProperty("key").GetString()!), json);
    }

    private static async Task<HttpStatusCode> FetchJob(HttpClient http, string id, byte[] key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, JobRequestAuth.Path.TrimStart('/'));
        request.Headers.Add(JobRequestAuth.DeviceHeader, id);
        request.Headers.Add(JobRequestAuth.AuthHeader, JobRequestAuth.HeaderValue(key, id, TestReports.Now));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostReport(HttpClient http, string id, byte[] key, long counter, string deviceId, long? sealedAt = null)
    {
        var report = ReportEnvelope.Seal(TestReports.Make(id, counter, deviceId, TestReports.RouterFacts(), sealedAt), key);
        using var response = await http.PostAsync("api/v1/reports", new ByteArrayContent(report));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Rekey_WritesAProvisioningFileLikeAdd_AndARunningServeRefusesTheOldKeyAtOnce()
    {
        using var dir = new TempDir("cli-rekey");
        var add = Flax(dir, null, "agent", "add", "office-pi", "--out", dir.File("old.json"));
        Assert.AreEqual(0, add.ExitCode, add.All);
        var (id, oldKey, oldJson) = ReadProvisioning(dir.File("old.json"));
        Assert.AreEqual(0, Flax(dir, null, "device", "add", "office-router", "--address", "192.0.2.1", "--profile", "web").ExitCode);
        string deviceId;
        await using (var store = new FlaxGuard.Server.Store.SqliteFlaxStore(dir.File("flaxguard.db")))
            deviceId = (await store.FindDeviceAsync("office-router", CancellationToken.None))!.Id;

        using var serve = ServeProcess.Start(dir.Path);
        using var http = serve.CreateClient(TimeSpan.FromSeconds(20));
        Assert.AreEqual(HttpStatusCode.OK, await FetchJob(http, id, oldKey));
        Assert.AreEqual(HttpStatusCode.OK, (await PostReport(http, id, oldKey, 1, deviceId)).Status);
        var sealedBeforeRekey = TestReports.Now - 1;

        var rekey = Flax(dir, null, "agent", "rekey", "office-pi", "--out", dir.File("new.json"));
        Assert.AreEqual(0, rekey.ExitCode, rekey.All);
        FlaxguardProcess.AssertNoStackTrace(rekey);
        var (sameId, newKey, newJson) = ReadProvisioning(dir.File("new.json"));
        Assert.AreEqual(id, sameId, "the appliance keeps its identity");
        CollectionAssert.AreNotEqual(oldKey, newKey);
        Assert.DoesNotContain(newJson.GetProperty("key").GetString()!, rekey.All, "the new key was printed");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("new.json")));
        foreach (var field in new[] { "format", "hostUrl", "name", "intervalSeconds", "caCertificatePem" })
            Assert.AreEqual(oldJson.GetProperty(field).ToString(), newJson.GetProperty(field).ToString(), $"{field} as 'agent add' writes it");

        // No restart: the very next requests.
        Assert.AreEqual(HttpStatusCode.Unauthorized, await FetchJob(http, id, oldKey), "a job request with the old key");
        var old = await PostReport(http, id, oldKey, 2, deviceId, sealedBeforeRekey);
        Assert.AreEqual(HttpStatusCode.Unauthorized, old.Status, "a report the old key sealed before the rekey: " + old.Body);
        StringAssert.Contains(old.Body, Refusal.BadSignature);
        Assert.AreEqual(HttpStatusCode.OK, await FetchJob(http, id, newKey));
        Assert.AreEqual(HttpStatusCode.OK, (await PostReport(http, id, newKey, 2, deviceId)).Status);

        var again = Flax(dir, null, "agent", "rekey", "office-pi", "--out", dir.File("new.json"));
        Assert.AreEqual(3, again.ExitCode, "never overwrites a provisioning file");
        StringAssert.Contains(again.Stderr, "already exists");
        Assert.AreEqual(HttpStatusCode.OK, await FetchJob(http, id, newKey), "a refused rekey changes no key");
        var unknown = Flax(dir, null, "agent", "rekey", "nobody", "--out", dir.File("x.json"));
        Assert.AreEqual(3, unknown.ExitCode);
        StringAssert.Contains(unknown.Stderr, "no appliance named 'nobody'");
        Assert.IsFalse(File.Exists(dir.File("x.json")));
        foreach (var r in new[] { again, unknown }) FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public async Task Remove_AsksFirst_NeedsItsDevicesGone_AndARunningServeRefusesItAtOnce()
    {
        using var dir = new TempDir("cli-agent-remove");
        Assert.AreEqual(0, Flax(dir, null, "agent", "add", "attic-pi", "--out", dir.File("attic.json")).ExitCode);
        Assert.AreEqual(0, Flax(dir, null, "agent", "add", "office-pi", "--out", dir.File("office.json")).ExitCode);
        var (id, key, _) = ReadProvisioning(dir.File("attic.json"));
        Assert.AreEqual(0, Flax(dir, null, "device", "add", "nas", "--address", "192.0.2.20", "--profile", "web", "--appliance", "attic-pi").ExitCode);

        using var serve = ServeProcess.Start(dir.Path);
        using var http = serve.CreateClient(TimeSpan.FromSeconds(20));
        Assert.AreEqual(HttpStatusCode.OK, await FetchJob(http, id, key));

        var busy = Flax(dir, null, "agent", "remove", "attic-pi", "--yes");
        Assert.AreEqual(3, busy.ExitCode, busy.All);
        StringAssert.Contains(busy.Stderr, "still checks nas");
        StringAssert.Contains(busy.Stderr, "device set");
        Assert.AreEqual(0, Flax(dir, null, "device", "set", "nas", "--appliance", "office-pi").ExitCode);

        var unasked = Flax(dir, null, "agent", "remove", "attic-pi");
        Assert.AreEqual(3, unasked.ExitCode, "without a terminal and without --yes nothing is removed: " + unasked.All);
        StringAssert.Contains(unasked.Stderr, "--yes");
        Assert.AreEqual(HttpStatusCode.OK, await FetchJob(http, id, key), "still enrolled");

        var remove = Flax(dir, null, "agent", "remove", "attic-pi", "--yes");
        Assert.AreEqual(0, remove.ExitCode, remove.All);
        StringAssert.Contains(remove.Stdout, "removed");

        Assert.AreEqual(HttpStatusCode.Forbidden, await FetchJob(http, id, key), "job request of a removed appliance, no restart");
        var (status, body) = await PostReport(http, id, key, 1, "dev-anything");
        Assert.AreEqual(HttpStatusCode.Forbidden, status, body);
        StringAssert.Contains(body, Refusal.UnknownDevice);

        var status2 = Flax(dir, null, "status", "--json");
        Assert.DoesNotContain("attic-pi", status2.Stdout, "a removed appliance is gone from status: " + status2.Stdout);
        var twice = Flax(dir, null, "agent", "remove", "attic-pi", "--yes");
        Assert.AreEqual(3, twice.ExitCode);
        StringAssert.Contains(twice.Stderr, "no appliance named");
        Assert.AreEqual(0, Flax(dir, null, "agent", "add", "attic-pi", "--out", dir.File("attic2.json")).ExitCode, "the name can be enrolled again");
        var (newId, newKey, _) = ReadProvisioning(dir.File("attic2.json"));
        Assert.AreNotEqual(id, newId);
        Assert.AreEqual(HttpStatusCode.OK, await FetchJob(http, newId, newKey));
        Assert.AreEqual(HttpStatusCode.Forbidden, await FetchJob(http, id, key), "the old identity stays refused");
        foreach (var r in new[] { busy, unasked, remove, twice }) FlaxguardProcess.AssertNoStackTrace(r);
    }
}
