using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Alerting;
using FlaxGuard.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Tests.Api;

/// <summary><c>serve --alert</c>: committed findings reach a real webhook receiver once each; repeats send nothing.</summary>
[TestClass]
public sealed class AlertWiringTests
{
    [TestMethod]
    public async Task NewFindingsReachTheWebhookOnce_AndWhatWasAlertedIsKeptOnDisk()
    {
        var received = new ConcurrentQueue<JsonDocument>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext context) =>
        {
            received.Enqueue(await JsonDocument.ParseAsync(context.Request.Body));
            return Results.Ok();
        });
        await receiver.StartAsync();
        string hook = receiver.Urls.First() + "/hook";
        using var dataDir = new TempDir("alerts");

        ServeAlerts? alerts = null;
        await using (var s = await RunningServer.StartAsync(moreSinks: store =>
        {
            alerts = ServeAlerts.Create([hook], dataDir.Path, store);
            return alerts.Sinks;
        }))
        {
            Assert.AreEqual(HttpStatusCode.OK, await PostAsync(s, 1, compromised: false));
            await s.Store.ApproveBaselineAsync(s.Device.Id, false, TestReports.Now, CancellationToken.None);
            Assert.AreEqual(HttpStatusCode.OK, await PostAsync(s, 2, compromised: true));
            Assert.AreEqual(HttpStatusCode.OK, await PostAsync(s, 3, compromised: true));
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (received.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(25);
            await Task.Delay(300);
            await alerts!.DisposeAsync();
        }
        var alertsSent = received.ToList();
        Assert.HasCount(2, alertsSent, "one alert per new finding, none for the unchanged repeat");
        var keys = alertsSent.Select(d => d.RootElement.GetProperty("finding").GetProperty("key").GetString()).ToArray();
        CollectionAssert.AreEquivalent(new[] { "drift:cfg.service.telnet", "drift:cfg.user.svc" }, keys);
        Assert.IsTrue(alertsSent.All(d => d.RootElement.GetProperty("severity").GetString() == "critical"));
        Assert.IsTrue(alertsSent.All(d => d.RootElement.GetProperty("device").GetProperty("name").GetString() == "office-router"));
        Assert.IsTrue(File.Exists(Path.Combine(dataDir.Path, ServeAlerts.LedgerFileName)), "what was alerted is remembered on disk");
    }

    [TestMethod]
    public void ABadAlertSpecificationIsOneClearLine()
    {
        using var dataDir = new TempDir("alerts");
        var e = Assert.ThrowsExactly<StoreException>(() => ServeAlerts.Create(["carrier-pigeon://coop"], dataDir.Path, null!));
        StringAssert.StartsWith(e.Message, "--alert: ");
        StringAssert.Contains(e.Message, "unknown kind");
    }

    private static async Task<HttpStatusCode> PostAsync(RunningServer s, long counter, bool compromised)
    {
        Report report = TestReports.Make(s.Appliance.Id, counter, s.Device.Id, TestReports.RouterFacts(compromised));
        using var content = new ByteArrayContent(TestReports.Seal(report, s.Key));
        content.Headers.ContentType = new("application/octet-stream");
        using var response = await s.Http.PostAsync("/api/v1/reports", content);
        return response.StatusCode;
    }
}
