using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Api;

[TestClass]
public sealed class ReportApiTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(RunningServer s, byte[] body, int? queue = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reports") { Content = content };
        if (queue is not null) request.Headers.Add(FlaxServer.QueueHeader, queue.ToString());
        using var response = await s.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<long> Refusals(RunningServer s, string reason) =>
        (await s.Server.RefusalCountsAsync(CancellationToken.None)).GetValueOrDefault(reason);

    private static byte[] Signed(RunningServer s, long counter, long? timestamp = null, bool compromised = false) =>
        TestReports.Seal(TestReports.Make(s.Appliance.Id, counter, s.Device.Id, TestReports.RouterFacts(compromised), timestamp), s.Key);

    /// <summary>A refusal has the right status and reason, is counted once, and stores nothing.</summary>
    private static async Task AssertRefused(RunningServer s, byte[] body, HttpStatusCode status, string error, string reasonPart)
    {
        var reportsBefore = await s.Store.CountReportsAsync(null, CancellationToken.None);
        var resultBefore = await s.Store.LatestResultAsync(s.Device.Id, CancellationToken.None);
        var countBefore = await Refusals(s, error);
        var (code, json) = await Post(s, body);
        Assert.AreEqual(status, code, json.ToString());
        Assert.AreEqual(error, json.GetProperty("error").GetString());
        StringAssert.Contains(json.GetProperty("reason").GetString(), reasonPart);
        Assert.AreEqual(countBefore + 1, await Refusals(s, error), "the refusal was not counted");
        Assert.AreEqual(reportsBefore, await s.Store.CountReportsAsync(null, CancellationToken.None), "a refused report was stored");
        Assert.AreEqual(resultBefore?.Id, (await s.Store.LatestResultAsync(s.Device.Id, CancellationToken.None))?.Id);
    }

    [TestMethod]
    public async Task SignedReport_IsAcknowledgedAfterCommit_WithItsCounter_AndQueueLength()
    {
        await using var s = await RunningServer.StartAsync();
        var (code, json) = await Post(s, Signed(s, 1), queue: 7);
        Assert.AreEqual(HttpStatusCode.OK, code);
        Assert.IsTrue(json.GetProperty("accepted").GetBoolean());
        Assert.AreEqual(1, json.GetProperty("counter").GetInt64());
        Assert.AreEqual(1, await s.Store.CountReportsAsync(s.Appliance.Id, CancellationToken.None));
        var appliance = (await s.Store.FindApplianceAsync(s.Appliance.Id, CancellationToken.None))!;
        Assert.AreEqual(7, appliance.QueueLength);
        var health = JsonDocument.Parse(await s.Http.GetStringAsync("api/v1/health")).RootElement;
        Assert.AreEqual(1, health.GetProperty("reports").GetInt64());
        Assert.AreEqual(7, health.GetProperty("appliances")[0].GetProperty("queueLength").GetInt32());
    }

    [TestMethod]
    public async Task ApplianceOverItsHourlyQuota_Gets429WithRetryAfter_AndIsStoredInTheNextHour()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        int size;
        await using (var measure = await RunningServer.StartAsync()) size = Signed(measure, 1).Length;
        await using var s = await RunningServer.StartAsync(applianceBytesPerHour: size * 5 / 2, clock: clock);
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 1))).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 2))).Status);

        var third = Signed(s, 3);
        using (var content = new ByteArrayContent(third))
        using (var response = await s.Http.PostAsync("api/v1/reports", content))
        {
            Assert.AreEqual((HttpStatusCode)429, response.StatusCode);
            Assert.AreEqual(TimeSpan.FromSeconds(3600), response.Headers.RetryAfter?.Delta, "retry when the hour turns");
        }
        Assert.AreEqual(1, await Refusals(s, Refusal.QuotaExceeded));
        Assert.AreEqual(2, await s.Store.CountReportsAsync(s.Appliance.Id, CancellationToken.None), "nothing over the quota is stored");

        clock.Now += TimeSpan.FromHours(1);
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, third)).Status, "the queued report goes in the next hour");
        Assert.AreEqual(3, await s.Store.CountReportsAsync(s.Appliance.Id, CancellationToken.None));
    }

    [TestMethod]
    public async Task ForgedMac_Is401()
    {
        await using var s = await RunningServer.StartAsync();
        var forged = Signed(s, 1, compromised: true);
        forged[^1] ^= 0x01;
        await AssertRefused(s, forged, HttpStatusCode.Unauthorized, Refusal.BadSignature, "signature");
        var otherKey = (byte[])s.Key.Clone();
        otherKey[0] ^= 0xFF;
        await AssertRefused(s, TestReports.Seal(TestReports.Make(s.Appliance.Id, 2, s.Device.Id, TestReports.RouterFacts()), otherKey), HttpStatusCode.Unauthorized, Refusal.BadSignature, "signature");
    }

    [TestMethod]
    public async Task Replay_Is409Duplicate_AnotherReportUnderATakenCounter_Is412WithTheMark_AGapIsStored()
    {
        await using var s = await RunningServer.StartAsync();
        var report = Signed(s, 5);
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, report)).Status);
        await AssertRefused(s, report, HttpStatusCode.Conflict, Refusal.Duplicate, "already stored");
        var (code, json) = await Post(s, Signed(s, 5, compromised: true));
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, code);
        Assert.AreEqual(Refusal.CounterConflict, json.GetProperty("error").GetString());
        Assert.AreEqual(5, json.GetProperty("highWater").GetInt64());
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 4))).Status, "counter 4 was never stored: a gap, filled");
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 6))).Status);
        Assert.AreEqual(3, await s.Store.CountReportsAsync(null, CancellationToken.None));
    }

    [TestMethod]
    public async Task Oversized_Is413_WithOrWithoutContentLength()
    {
        await using var s = await RunningServer.StartAsync(maxReportBytes: 4096);
        await AssertRefused(s, new byte[4097], HttpStatusCode.RequestEntityTooLarge, Refusal.Oversized, "at most 4096 bytes");

        // Chunked, no Content-Length: the server must stop reading at the limit by itself.
        var countBefore = await Refusals(s, Refusal.Oversized);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/reports") { Content = new StreamContent(new MemoryStream(new byte[64 * 1024])) };
        request.Headers.TransferEncodingChunked = true;
        using var response = await s.Http.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.AreEqual(countBefore + 1, await Refusals(s, Refusal.Oversized));
        Assert.AreEqual(0, await s.Store.CountReportsAsync(null, CancellationToken.None));
    }

    [TestMethod]
    public async Task Malformed_Is400()
    {
        await using var s = await RunningServer.StartAsync();
        await AssertRefused(s, "not a report at all"u8.ToArray(), HttpStatusCode.BadRequest, Refusal.Malformed, "not a valid report");
        await AssertRefused(s, [], HttpStatusCode.BadRequest, Refusal.Malformed, "not a valid report");
        var truncated = Signed(s, 1)[..60];
        await AssertRefused(s, truncated, HttpStatusCode.BadRequest, Refusal.Malformed, "not a valid report");
    }

    [TestMethod]
    public async Task UnknownAppliance_Is403()
    {
        await using var s = await RunningServer.StartAsync();
        var stranger = TestReports.Seal(TestReports.Make("fg-stranger", 1, s.Device.Id, TestReports.RouterFacts()), new byte[32]);
        await AssertRefused(s, stranger, HttpStatusCode.Forbidden, Refusal.UnknownDevice, "not enrolled");
    }

    [TestMethod]
    public async Task FutureTimestamp_Is422_ButAReportQueuedThroughAnOutageIsStored()
    {
        await using var s = await RunningServer.StartAsync();
        await AssertRefused(s, Signed(s, 2, TestReports.Now + 3600), HttpStatusCode.UnprocessableEntity, Refusal.OutsideTimeWindow, "in the future");
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 1, TestReports.Now - 3600))).Status, "sealed an hour ago while the host was away");
    }

    [TestMethod]
    public async Task NewFindings_ReachTheSink_OnceEach()
    {
        await using var s = await RunningServer.StartAsync();
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 1))).Status);
        await s.Store.ApproveBaselineAsync(s.Device.Id, false, TestReports.Now, CancellationToken.None);
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 2, compromised: true))).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await Post(s, Signed(s, 3, compromised: true))).Status);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (s.Sink.Changes.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await Task.Delay(200);
        var changes = s.Sink.Changes.ToList();
        Assert.HasCount(2, changes, string.Join("; ", changes));
        Assert.IsTrue(changes.All(c => c.Kind == FindingChangeKind.New && c.Severity == FlaxGuard.Engine.Verdicts.Severity.Critical));
        CollectionAssert.AreEquivalent(new[] { "drift:cfg.service.telnet", "drift:cfg.user.svc" }, changes.Select(c => c.Key).ToArray());
    }

    [TestMethod]
    public async Task ConcurrentClients_AllAcknowledged_AllStored()
    {
        await using var s = await RunningServer.StartAsync();
        var tasks = Enumerable.Range(1, 200).Select(i => Post(s, Signed(s, i))).ToArray();
        var results = await Task.WhenAll(tasks);
        // Counters race each other here; a lower one arriving after a higher one is a (correctly refused) reordering.
        var accepted = results.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.Body.GetProperty("counter").GetInt64()).ToList();
        Assert.IsTrue(results.All(r => r.Status is HttpStatusCode.OK or HttpStatusCode.Conflict));
        CollectionAssert.AreEqual(accepted.Order().ToList(), (await s.Store.ReportCountersAsync(s.Appliance.Id, CancellationToken.None)).ToList());
        Assert.IsNotEmpty(accepted);
    }
}
