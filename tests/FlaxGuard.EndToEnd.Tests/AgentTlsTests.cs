using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.EndToEnd.Tests.Fixtures;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.EndToEnd.Tests;

/// <summary>
/// The agent's pinned host CA against real <c>flaxguard serve</c> processes on loopback: its own host is reached over
/// TLS, an impostor with another CA on the same address gets nothing, and plain HTTP still works when asked for.
/// </summary>
[TestClass]
public sealed class AgentTlsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task AgentPinnedToTheHostCa_DeliversOverTls_AndAnImpostorWithAnotherCaGetsNothing()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("agent-tls");
        var host = dir.File("host");
        var impostor = dir.File("impostor");
        var state = dir.File("state");
        var port = FreePort.Tcp();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using var twin = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{RandomNumberGenerator.GetInt32(1, 250)}.9"), 0, "root", password, ct);
        var provisioning = dir.File("agent.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "tls-agent", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", host);
        Assert.AreEqual(0, add.ExitCode, add.All);
        StringAssert.Contains(add.Stdout, "Pinned CA: FlaxGuard host CA");
        Assert.AreEqual(0, FlaxguardProcess.Run(password + "\n", "device", "add", "router", "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "openwrt",
            "--ports", "2323", "--user", "root", "--password-stdin", "--data-dir", host).ExitCode);
        var key = JsonDocument.Parse(File.ReadAllBytes(provisioning)).RootElement.GetProperty("key").GetString()!;

        // The real host (its CA was created by 'agent add' and is used by serve): job fetched and report stored over TLS.
        using (var serve = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", host))
        {
            StringAssert.Contains(serve.Output, $"listening on https://127.0.0.1:{port}/");
            Assert.IsFalse(serve.Output.Contains("host CA created", StringComparison.Ordinal), "serve reuses the CA 'agent add' created: " + serve.Output);
            var first = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
            Assert.AreEqual(0, first.ExitCode, first.All);
            StringAssert.Contains(first.Stdout, "CA pinned");
            StringAssert.Contains(first.Stdout, "upload: 1 stored");
        }

        // An impostor on the same address and port: a real serve with its own, different host CA.
        using (var fake = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", impostor))
        {
            StringAssert.Contains(fake.Output, "host CA created");
            var refused = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
            TestContext.WriteLine(refused.Stdout);
            Assert.AreEqual(1, refused.ExitCode, "the stored job ran, its report stays queued: " + refused.All);
            var jobLine = refused.Stdout.Split('\n').Single(l => l.Contains("job fetch failed", StringComparison.Ordinal));
            StringAssert.Contains(jobLine, "TLS refused: the host's certificate is not from the CA pinned in the provisioning file");
            StringAssert.Contains(refused.Stdout, "nothing was sent");
            Assert.IsFalse(refused.All.Contains(key, StringComparison.Ordinal), "the appliance key reached the log");
            Assert.IsFalse(refused.All.Contains(password, StringComparison.Ordinal), "the device password reached the log");
            FlaxguardProcess.AssertNoStackTrace(refused);
            Assert.HasCount(1, Directory.GetFiles(state, "rq-*"), "the report waits for the real host");

            // The impostor saw no request at all: no job request, no report, not even a refused one.
            using var http = PinnedHttp.Create(impostor, new Uri($"https://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20));
            using var health = JsonDocument.Parse(await http.GetStringAsync("api/v1/health", ct));
            Assert.AreEqual(0, health.RootElement.GetProperty("reports").GetInt32(), health.RootElement.ToString());
            Assert.AreEqual(0, health.RootElement.GetProperty("refusals").EnumerateObject().Count(), "requests reached the impostor: " + health.RootElement);
        }

        // The real host again: the queued report arrives.
        using (ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", host))
        {
            var back = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once");
            Assert.AreEqual(0, back.ExitCode, back.All);
            StringAssert.Contains(back.Stdout, "upload: 2 stored");
        }
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task PlainHttp_WhenAskedFor_StillDelivers_AndServeWarns()
    {
        var ct = TestContext.CancellationToken;
        using var dir = new TempDir("agent-plain");
        var host = dir.File("host");
        var port = FreePort.Tcp();
        var password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await using var twin = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{RandomNumberGenerator.GetInt32(1, 250)}.10"), 0, "root", password, ct);
        var provisioning = dir.File("agent.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "plain-agent", "--host-url", $"http://127.0.0.1:{port}", "--out", provisioning, "--data-dir", host);
        Assert.AreEqual(0, add.ExitCode, add.All);
        StringAssert.Contains(add.Stdout, "--plain-http");
        Assert.AreEqual(JsonValueKind.Null, JsonDocument.Parse(File.ReadAllBytes(provisioning)).RootElement.GetProperty("caCertificatePem").ValueKind);
        Assert.AreEqual(0, FlaxguardProcess.Run(password + "\n", "device", "add", "router", "--address", twin.BaseUri.ToString().TrimEnd('/'), "--profile", "openwrt",
            "--ports", "2323", "--user", "root", "--password-stdin", "--data-dir", host).ExitCode);

        using var serve = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--discovery-interval", "0", "--listen", $"127.0.0.1:{port}", "--data-dir", host, "--plain-http");
        StringAssert.Contains(serve.Output, $"listening on http://127.0.0.1:{port}/");
        StringAssert.Contains(serve.Output, "flaxguard serve: warning: TLS is off (--plain-http)");
        var run = FlaxguardProcess.Run(null, "agent", "run", "--provisioning", provisioning, "--state-dir", dir.File("state"), "--once");
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.Stdout, "upload: 1 stored");
    }
}
