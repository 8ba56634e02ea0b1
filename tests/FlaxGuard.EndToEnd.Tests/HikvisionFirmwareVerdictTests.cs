using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Server.Store;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary>
/// The Hikvision known-exploited verdict end to end: the repository's hashes/ with the staged data/hikvision rows merged
/// (<c>flaxguard hashes merge</c>) and signed with a test key, <c>flaxguard serve --hashes</c> and <c>flaxguard agent run</c>
/// as child processes, one Hikvision camera twin on a 2019 build. CVE-2021-36260 with the fixed build reaches the store,
/// status, the dashboard and the webhook.
/// </summary>
[TestClass]
public sealed class HikvisionFirmwareVerdictTests
{
    private const string CameraUser = "admin";
    private const string Cve = "CVE-2021-36260";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task OldCameraBuild_IsKnownExploited_InStoreStatusDashboardAndAlerts()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("e2e-hik");
        var data = dir.File("host");
        var state = dir.File("agent-state");
        var hashes = dir.File("hashes");
        RepositoryFiles.CopyDirectory(Path.Combine(RepositoryFiles.Root(), "hashes"), hashes);
        var merge = FlaxguardProcess.Run(null, "hashes", "merge", Path.Combine(RepositoryFiles.Root(), "data", "hikvision"), "--dir", hashes, "--replace");
        Assert.AreEqual(0, merge.ExitCode, merge.All);
        var dataKey = dir.File("data.key");
        Assert.AreEqual(0, FlaxguardProcess.Run(null, "hashes", "keygen", "--out", dataKey).ExitCode);
        var sign = FlaxguardProcess.Run(null, "hashes", "sign", "--dir", hashes, "--key", dataKey);
        Assert.AreEqual(0, sign.ExitCode, sign.All);

        var port = FreePort.Tcp();
        var password = "Cam-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);
        // The twin's camera: DS-2CD2043G0-I on V5.5.82 build 190220, before the fix of September 2021.
        await using var camera = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.86.{block}.1"), 0, CameraUser, password, ct);

        await using var webhook = await WebhookReceiver.StartAsync();
        using var serve = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", data,
            "--alert", "webhook+" + webhook.Url.ToString(), "--hashes", hashes, "--hashes-public-key", dataKey + ".pub");
        await Eventually.WaitUntil(() => Task.FromResult(serve.Output.Contains("firmware database version", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => serve.Output);

        var provisioning = dir.File("agent.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "hik-agent", "--interval", "10", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data);
        Assert.AreEqual(0, add.ExitCode, add.All);
        var device = FlaxguardProcess.Run(password + "\n", "device", "add", "lobby-cam", "--address", camera.BaseUri.ToString().TrimEnd('/'), "--profile", "hikvision",
            "--ports", "2323", "--user", CameraUser, "--password-stdin", "--appliance", "hik-agent", "--data-dir", data);
        Assert.AreEqual(0, device.ExitCode, device.All);

        using var agent = ChildProcess.Start("round done", TimeSpan.FromSeconds(120),
            "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--interval-seconds", "2");
        await using var store = StoreFactory.Open(null, data);
        var id = (await store.FindDeviceAsync("lobby-cam", ct))!.Id;

        await Eventually.WaitUntil(async () => (await store.LatestResultAsync(id, ct))?.Verdicts.Any(v => v.Code == FirmwareAssessor.ExploitedCode) == true,
            TimeSpan.FromSeconds(60), () => "no known-exploited verdict for the camera; agent:\n" + agent.Output);
        var result = (await store.LatestResultAsync(id, ct))!;
        var exploited = result.Verdicts.Single(v => v.Code == FirmwareAssessor.ExploitedCode);
        Assert.AreEqual(Severity.Critical, exploited.Severity);
        StringAssert.Contains(exploited.Message, Cve);
        StringAssert.Contains(exploited.Message, "V5.5.82 build 190220");
        StringAssert.Contains(exploited.Message, "Update to V5.5.800 build 210628 or later");
        StringAssert.StartsWith(result.Firmware, FirmwareAssessor.ExploitedCode);

        var status = FlaxguardProcess.Run(null, "status", "--data-dir", data);
        Assert.AreEqual(2, status.ExitCode, status.All);
        StringAssert.Contains(status.Stdout.Split('\n').Single(l => l.Contains(" lobby-cam ", StringComparison.Ordinal)), "worst=critical firmware=" + FirmwareAssessor.ExploitedCode);

        using (var http = PinnedHttp.Create(data, new Uri($"https://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20)))
        {
            var page = await http.GetStringAsync("dashboard/device/" + Uri.EscapeDataString(id), ct);
            StringAssert.Contains(page, FirmwareAssessor.ExploitedCode);
            StringAssert.Contains(page, Cve);
        }

        await Eventually.WaitUntil(() => Task.FromResult(webhook.Received.Any(b => b.Text.Contains(Cve, StringComparison.Ordinal))), TimeSpan.FromSeconds(15),
            () => "no known-exploited alert; received: " + string.Join("\n", webhook.Received.Select(b => b.Text)));
        Assert.IsTrue(agent.Terminate(TimeSpan.FromSeconds(30)), "the agent did not stop on SIGTERM");
    }
}
