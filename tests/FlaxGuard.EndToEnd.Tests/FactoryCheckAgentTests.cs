using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Server.Store;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary>
/// The factory-password check end to end, on loopback: <c>flaxguard serve</c> and <c>flaxguard agent run</c> as child
/// processes, two Hikvision twins still on the documented default admin/12345 (the owner enrolled them with it). Only the
/// one opted in with <c>--factory-check on</c> is tried; its critical verdict arrives in the signed report and shows in
/// the store's findings, <c>status</c> and the webhook alert, and no tried password appears anywhere the owner reads.
/// </summary>
[TestClass]
public sealed class FactoryCheckAgentTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(240_000, CooperativeCancellation = true)]
    public async Task OptedInCameraOnItsFactoryPassword_IsCriticalInStoreStatusAndAlerts_TheOtherIsNeverTried()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("e2e-fpw");
        var data = dir.File("host");
        var state = dir.File("agent-state");
        var port = FreePort.Tcp();
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);
        await using var optedIn = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.85.{block}.1"), 0, "admin", "12345", ct);
        await using var notOptedIn = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.85.{block}.2"), 0, "admin", "12345", ct);
        await using var webhook = await WebhookReceiver.StartAsync();
        using var serve = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data,
            "--alert", "webhook+" + webhook.Url);

        var provisioning = dir.File("agent.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "fpw-agent", "--interval", "10", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data);
        Assert.AreEqual(0, add.ExitCode, add.All);
        foreach (var (name, twin, check) in new[] { ("cam-default", optedIn, "on"), ("cam-other", notOptedIn, "off") })
        {
            var device = FlaxguardProcess.Run("12345\n", "device", "add", name, "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "hikvision",
                "--ports", "2323", "--user", "admin", "--password-stdin", "--appliance", "fpw-agent", "--factory-check", check, "--data-dir", data);
            Assert.AreEqual(0, device.ExitCode, device.All);
        }
        var list = System.Text.Json.JsonDocument.Parse(FlaxguardProcess.Run(null, "device", "list", "--json", "--data-dir", data).Stdout).RootElement;
        Assert.IsTrue(list.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "cam-default").GetProperty("factoryCheck").GetBoolean());
        Assert.IsFalse(list.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "cam-other").GetProperty("factoryCheck").GetBoolean());

        var watch = Stopwatch.StartNew();
        using var agent = ChildProcess.Start("round done", TimeSpan.FromSeconds(120),
            "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--interval-seconds", "2");
        await using var store = StoreFactory.Open(null, data);
        var id = (await store.FindDeviceAsync("cam-default", ct))!.Id;
        var otherId = (await store.FindDeviceAsync("cam-other", ct))!.Id;
        FindingRecord? finding = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(90) && finding is null)
        {
            finding = (await store.OpenFindingsAsync(id, ct)).FirstOrDefault(f => f.Key.StartsWith("auth.factory_password", StringComparison.Ordinal));
            if (finding is null) await Task.Delay(250, ct);
        }
        Assert.IsNotNull(finding, "no factory-password finding; agent:\n" + agent.Output);
        Console.WriteLine($"agent: factory-password finding stored {watch.ElapsedMilliseconds} ms after the agent started");
        Assert.AreEqual(Severity.Critical, finding.Severity);
        StringAssert.Contains(finding.Sentence, "accepts a factory default password for Hikvision over Hikvision ISAPI");
        StringAssert.Contains(finding.Sentence, "every Mirai variant, can log in");

        // The other camera is checked as usual but never offered a factory login.
        var other = await store.LatestResultAsync(otherId, ct);
        while (watch.Elapsed < TimeSpan.FromSeconds(90) && other is null)
        {
            await Task.Delay(250, ct);
            other = await store.LatestResultAsync(otherId, ct);
        }
        Assert.IsNotNull(other, "no result for the other camera; agent:\n" + agent.Output);
        Assert.IsFalse(other.Verdicts.Any(v => v.Code.StartsWith("auth.factory_password", StringComparison.Ordinal)));
        Assert.AreEqual(0, notOptedIn.Digest.FailedLogins);

        var status = FlaxguardProcess.Run(null, "status", "--data-dir", data);
        Assert.AreEqual(2, status.ExitCode, status.All);
        StringAssert.Contains(status.All, "critical: auth.factory_password factory-password");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30) && !webhook.Received.Any(r => r.Text.Contains("factory default password", StringComparison.Ordinal)))
            await Task.Delay(250, ct);
        Assert.IsTrue(webhook.Received.Any(r => r.Text.Contains("factory default password for Hikvision", StringComparison.Ordinal)), "no alert");

        // Tried passwords: Mirai's first pairs would be tried after 12345 only if it had failed; none may show anywhere.
        foreach (var text in new[] { agent.Output, serve.Output, status.All, finding.Sentence, string.Join("\n", webhook.Received.Select(r => r.Text)) })
        {
            Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(text, "(?<![0-9])12345(?![0-9])"), "the working factory password was named: " + text);
            Assert.IsFalse(text.Contains("xc3511", StringComparison.Ordinal));
        }
    }
}
