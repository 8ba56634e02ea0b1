using System.Diagnostics;
using System.Text.Json;
using FlaxGuard.Lab.Twins.Onvif;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Discovery;

/// <summary>
/// <c>flaxguard discover</c>, run as a child process inside a namespace of a LAN of real daemons: miniupnpd (a
/// router answering SSDP), avahi-daemon with busybox httpd (a NAS announcing SMB and its web page over mDNS) and
/// the ONVIF camera twin with its WS-Discovery responder (in the test's own namespace). The inventory and the
/// suggested profiles must match what runs there, within the /24 time target, and nothing can leave the LAN.
/// </summary>
// Its LAN joins the test's own namespace: never alongside another namespace LAN, whose multicast it would hear.
[TestClass]
[DoNotParallelize]
public sealed class LanDiscoveryTests
{
    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Discover_FindsRouterNasAndCamera_WithTheirProfiles()
    {
        using var lan = new DiscoveryLan();
        var dir = Directory.CreateTempSubdirectory("flaxguard-discovery-").FullName;
        try
        {
            var client = lan.AddMember("cli", 2);
            var router = lan.AddMember("rtr", 10);
            var nas = lan.AddMember("nas", 20);
            using var miniupnpd = LanDevices.StartMiniupnpd(router, Directory.CreateDirectory(Path.Combine(dir, "rtr")).FullName);
            using var avahi = LanDevices.StartAvahi(nas, Directory.CreateDirectory(Path.Combine(dir, "nas")).FullName);
            using var web = LanDevices.StartWebPage(nas, Path.Combine(dir, "nas"), LanDevices.NasTitle);
            await using var twin = await OnvifTwin.StartAsync(lan.RootAddress, 0, "admin", "twin-password-1", CancellationToken.None);
            using var responder = new OnvifDiscoveryResponder(lan.RootAddress, twin.DeviceServiceUri, "FlaxCam", "FC-IPC2431");
            web.WaitForTcp(System.Net.IPAddress.Parse(lan.Prefix + ".20"), 80);

            // A bridge port that has just come up, on a loaded machine, may lose the first multicast search; like a user, the
            // test asks once more (at most) when the router or the NAS did not answer in time.
            var (code, stdout, stderr) = RunDiscover(client, lan.Cidr, "--json");
            if (code == 0 && !(stdout.Contains($"\"{lan.Prefix}.10\"", StringComparison.Ordinal) && stdout.Contains($"\"{lan.Prefix}.20\"", StringComparison.Ordinal)))
            {
                Console.WriteLine("first discovery round missed a device; asking again:\n" + stdout);
                (code, stdout, stderr) = RunDiscover(client, lan.Cidr, "--json");
            }
            var shown = $"exit {code}\n{stdout}\n{stderr}\n-- avahi:\n{avahi.Output}";
            Assert.AreEqual(0, code, shown);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            var devices = root.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("address").GetString()!);

            var r = devices.GetValueOrDefault(lan.Prefix + ".10");
            Assert.AreEqual(JsonValueKind.Object, r.ValueKind, "the router was not found\n" + shown);
            Assert.AreEqual(LanDevices.UpnpManufacturer, r.GetProperty("manufacturer").GetString(), shown);
            Assert.AreEqual(LanDevices.UpnpModel, r.GetProperty("modelName").GetString(), shown);
            Assert.IsTrue(r.GetProperty("gateway").GetBoolean(), shown);
            Assert.AreEqual("router", r.GetProperty("kind").GetString(), shown);
            Assert.AreEqual("openwrt", r.GetProperty("suggestedProfile").GetString(), shown);
            Assert.AreEqual("high", r.GetProperty("confidence").GetString(), shown);
            CollectionAssert.Contains(r.GetProperty("openPorts").EnumerateArray().Select(p => p.GetInt32()).ToList(), 5000, shown);

            var n = devices.GetValueOrDefault(lan.Prefix + ".20");
            Assert.AreEqual(JsonValueKind.Object, n.ValueKind, "the NAS was not found\n" + shown);
            var services = n.GetProperty("mdnsServices").EnumerateArray().Select(s => s.GetString()).ToList();
            CollectionAssert.Contains(services, "_smb._tcp", shown);
            CollectionAssert.Contains(services, "_http._tcp", shown);
            CollectionAssert.Contains(n.GetProperty("mdnsTxt").EnumerateArray().Select(s => s.GetString()).ToList(), "model=" + LanDevices.NasModel, shown);
            Assert.AreEqual("flaxnas", n.GetProperty("mdnsName").GetString(), shown);
            Assert.AreEqual(LanDevices.NasTitle, n.GetProperty("httpTitle").GetString(), shown);
            Assert.AreEqual("nas", n.GetProperty("kind").GetString(), shown);
            Assert.AreEqual("web", n.GetProperty("suggestedProfile").GetString(), shown);
            Assert.AreEqual("medium", n.GetProperty("confidence").GetString(), shown);

            var c = devices.GetValueOrDefault(lan.Prefix + ".1");
            Assert.AreEqual(JsonValueKind.Object, c.ValueKind, "the camera was not found\n" + shown);
            Assert.AreEqual("FlaxCam", c.GetProperty("onvifName").GetString(), shown);
            Assert.AreEqual("FC-IPC2431", c.GetProperty("onvifHardware").GetString(), shown);
            Assert.AreEqual(twin.DeviceServiceUri.ToString(), c.GetProperty("onvifAddress").GetString(), shown);
            Assert.AreEqual("camera", c.GetProperty("kind").GetString(), shown);
            Assert.AreEqual("onvif", c.GetProperty("suggestedProfile").GetString(), shown);

            Assert.IsFalse(devices.ContainsKey(lan.Prefix + ".2"), "the discovering machine listed itself\n" + shown);
            var elapsed = root.GetProperty("elapsedMs").GetInt64();
            Assert.IsLessThan(10_000L, elapsed, "a /24 must be discovered in under 10 s\n" + shown);
            Console.WriteLine($"discover /24: {elapsed} ms, {root.GetProperty("packetsSent").GetInt32()} packets and connection attempts sent, {root.GetProperty("datagramsReceived").GetInt32()} datagrams received, {root.GetProperty("allocatedBytes").GetInt64()} bytes allocated, {devices.Count} devices");

            // Nothing can leave: the client's only routes are the LAN and multicast on eth0, no default route.
            var routes = DiscoveryLan.Routes(client);
            Assert.IsFalse(routes.Contains("default", StringComparison.Ordinal), routes);
            foreach (var line in routes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Assert.IsTrue(line.StartsWith(lan.Prefix, StringComparison.Ordinal) || line.StartsWith("224.0.0.0/4", StringComparison.Ordinal) || line.Contains("table local", StringComparison.Ordinal), "unexpected route: " + line);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Discover_RefusesANetworkThisMachineIsNotOn_AndBadBlocks()
    {
        using var lan = new DiscoveryLan();
        var client = lan.AddMember("cl2", 2);
        var (code, stdout, stderr) = RunDiscover(client, "198.19.250.0/24");
        Assert.AreEqual(3, code, stdout + stderr);
        StringAssert.Contains(stdout + stderr, "No interface of this machine has an address in 198.19.250.0/24");
        (code, stdout, stderr) = RunDiscover(client, "10.0.0.0/8");
        Assert.AreEqual(3, code, stdout + stderr);
        StringAssert.Contains(stdout + stderr, "prefix length from /22");
        Assert.IsFalse((stdout + stderr).Contains("   at ", StringComparison.Ordinal), stdout + stderr);
    }

    private static (int Code, string Stdout, string Stderr) RunDiscover(string member, params string[] args)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", member, "dotnet", Path.Combine(AppContext.BaseDirectory, "flaxguard.dll"), "discover" }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "200";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("flaxguard discover did not finish within 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
