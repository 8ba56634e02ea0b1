using System.Net;
using System.Text.Json;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Api;

[TestClass]
public sealed class JobApiTests
{
    private static async Task<(HttpStatusCode Status, byte[] Body)> Fetch(RunningServer s, string? device, string? auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/job");
        if (device is not null) request.Headers.Add(JobRequestAuth.DeviceHeader, device);
        if (auth is not null) request.Headers.Add(JobRequestAuth.AuthHeader, auth);
        using var response = await s.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task AuthenticatedFetch_ReturnsTheSealedJob_WithCredentialsOnlyEncrypted()
    {
        await using var s = await RunningServer.StartAsync();
        var (status, body) = await Fetch(s, s.Appliance.Id, JobRequestAuth.HeaderValue(s.Key, s.Appliance.Id, TestReports.Now));
        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual(-1, body.AsSpan().IndexOf("pässwörd-42"u8), "the password travels in clear");
        var result = JobVerifier.Verify(body, s.Key, s.Appliance.Id, 0);
        Assert.AreEqual(JobStatus.Accepted, result.Status, result.Reason);
        var job = result.Job!;
        Assert.AreEqual(2, job.Version);
        Assert.AreEqual(300, job.IntervalSeconds);
        var t = job.Targets.Single();
        Assert.AreEqual((s.Device.Id, "office-router", "192.0.2.1", "openwrt", "default", "root", "pässwörd-42"), (t.TargetId, t.Name, t.Address, t.Profile, t.Ports, t.User, t.Password));
        Assert.IsNull(t.BaselineText);
    }

    [TestMethod]
    public async Task ApprovedBaseline_TravelsInTheJob_WithAHigherVersion()
    {
        await using var s = await RunningServer.StartAsync();
        var report = TestReports.Seal(TestReports.Make(s.Appliance.Id, 1, s.Device.Id, TestReports.RouterFacts()), s.Key);
        using (var post = await s.Http.PostAsync("api/v1/reports", new ByteArrayContent(report))) Assert.AreEqual(HttpStatusCode.OK, post.StatusCode);
        await s.Store.ApproveBaselineAsync(s.Device.Id, false, TestReports.Now, CancellationToken.None);
        var (_, body) = await Fetch(s, s.Appliance.Id, JobRequestAuth.HeaderValue(s.Key, s.Appliance.Id, TestReports.Now));
        var job = JobVerifier.Verify(body, s.Key, s.Appliance.Id, 2).Job!;
        Assert.AreEqual(3, job.Version);
        var baseline = BaselineText.Parse(job.Targets[0].BaselineText!);
        Assert.AreEqual(TestReports.RouterFacts().DigestHex(), baseline.Facts.DigestHex());
    }

    [TestMethod]
    public async Task BadAuth_Is401_UnknownAppliance_Is403_AllCounted()
    {
        await using var s = await RunningServer.StartAsync();
        var now = TestReports.Now;
        var other = (byte[])s.Key.Clone();
        other[3] ^= 1;
        foreach (var (device, auth, expected, error) in new (string?, string?, HttpStatusCode, string)[]
        {
            (s.Appliance.Id, null, HttpStatusCode.Unauthorized, Refusal.JobUnauthenticated),
            (null, JobRequestAuth.HeaderValue(s.Key, s.Appliance.Id, now), HttpStatusCode.Unauthorized, Refusal.JobUnauthenticated),
            (s.Appliance.Id, JobRequestAuth.HeaderValue(other, s.Appliance.Id, now), HttpStatusCode.Unauthorized, Refusal.JobUnauthenticated),
            (s.Appliance.Id, JobRequestAuth.HeaderValue(s.Key, s.Appliance.Id, now - 301), HttpStatusCode.Unauthorized, Refusal.JobUnauthenticated),
            (s.Appliance.Id, "garbage", HttpStatusCode.Unauthorized, Refusal.JobUnauthenticated),
            ("fg-stranger", JobRequestAuth.HeaderValue(s.Key, "fg-stranger", now), HttpStatusCode.Forbidden, Refusal.JobUnknownDevice),
        })
        {
            var before = (await s.Server.RefusalCountsAsync(CancellationToken.None)).GetValueOrDefault(error);
            var (status, body) = await Fetch(s, device, auth);
            Assert.AreEqual(expected, status, $"{device} {auth}");
            var json = JsonDocument.Parse(body).RootElement;
            Assert.AreEqual(error, json.GetProperty("error").GetString());
            Assert.DoesNotContain("pässwörd", json.GetProperty("reason").GetString() ?? "");
            Assert.AreEqual(before + 1, (await s.Server.RefusalCountsAsync(CancellationToken.None))[error]);
        }
    }
}
