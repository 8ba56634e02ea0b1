using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlaxGuard.Probes.Tests.Discovery;

/// <summary>
/// The LAN inventory end to end with real processes: <c>flaxguard serve</c> with a webhook alert channel, and
/// <c>flaxguard agent run --once --lan</c> on the test's own leg of a namespace LAN where miniupnpd (a router) and
/// avahi-daemon with busybox httpd (a NAS) run. The agent's discovery round reaches the host as a signed inventory
/// report; the host lists it (<c>flaxguard inventory</c>), the first inventory alerts nothing, a device that appears
/// later alerts once, <c>device add --from-discovery</c> enrols it, and <c>status</c> counts the rest.
/// </summary>
// Its LAN joins the test's own namespace: never alongside another namespace LAN, whose multicast it would hear.
[TestClass]
[DoNotParallelize]
public sealed partial class LanInventoryEndToEndTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task AgentInventory_ReachesTheHost_NewDeviceAlerts_AndEnrolsFromDiscovery()
    {
        using var lan = new DiscoveryLan();
        using var dir = new TempDir("lan-inventory");
        var router = lan.AddMember("rtr", 10);
        var nas = lan.AddMember("nas", 20);
        using var miniupnpd = LanDevices.StartMiniupnpd(router, Directory.CreateDirectory(dir.File("rtr")).FullName);
        using var avahi = LanDevices.StartAvahi(nas, Directory.CreateDirectory(dir.File("nas")).FullName);
        using var web = LanDevices.StartWebPage(nas, dir.File("nas"), LanDevices.NasTitle);
        web.WaitForTcp(IPAddress.Parse(lan.Prefix + ".20"), 80);

        await using var webhook = await WebhookReceiver.StartAsync();
        var data = dir.File("host");
        var state = dir.File("state");
        var port = FreePort.Tcp();
        var provisioning = dir.File("agent.json");
        Assert.AreEqual(0, FlaxguardProcess.Run(null, "agent", "add", "lan-agent", "--host-url", $"https://127.0.0.1:{port}", "--out", provisioning, "--data-dir", data).ExitCode);
        using var serve = ChildProcess.Start("listening on", TimeSpan.FromSeconds(60), "serve", "--listen", $"127.0.0.1:{port}", "--data-dir", data,
            "--alert", "webhook+" + webhook.Url, "--discovery-interval", "300");

        // First round: the baseline inventory. The router and the NAS must be in it; a bridge port that has just come up
        // may lose the first multicast search, so (like a user) the test runs the agent once more at most.
        var first = RunAgent(provisioning, state, lan.Cidr);
        var listed = Inventory(data);
        if (!(listed.ContainsKey(lan.Prefix + ".10") && listed.ContainsKey(lan.Prefix + ".20")))
        {
            TestContext.WriteLine("first discovery round missed a device; running the agent again:\n" + first);
            first = RunAgent(provisioning, state, lan.Cidr);
            listed = Inventory(data);
        }
        var (bytes, ms) = Measured(first);
        TestContext.WriteLine($"agent discovery round of {lan.Cidr}: {ms} ms, inventory report {bytes} bytes for {listed.Count} device(s)");
        Assert.IsLessThan(20_000L, ms, "a /24 discovery round must stay bounded\n" + first);
        Assert.IsLessThan(4096, bytes, "the inventory of a small LAN is a small report\n" + first);

        var r = listed.GetValueOrDefault(lan.Prefix + ".10");
        Assert.AreEqual(JsonValueKind.Object, r.ValueKind, "the router is not in the host's inventory\n" + first + serve.Output);
        Assert.AreEqual("openwrt", r.GetProperty("suggestedProfile").GetString());
        Assert.AreEqual("high", r.GetProperty("confidence").GetString());
        StringAssert.Contains(r.GetProperty("vendor").GetString(), LanDevices.UpnpManufacturer);
        StringAssert.Matches(r.GetProperty("mac").GetString(), MacPattern(), "the Linux agent reads the MAC from the neighbour table");
        Assert.IsFalse(r.GetProperty("checked").GetBoolean());
        var n = listed[lan.Prefix + ".20"];
        Assert.AreEqual("web", n.GetProperty("suggestedProfile").GetString());
        Assert.AreEqual("nas", n.GetProperty("kind").GetString());
        Assert.IsFalse(listed.ContainsKey(lan.Prefix + ".1"), "the agent listed itself");

        // A device appears: the next inventory raises exactly one alert, for it.
        var newcomer = lan.AddMember("new", 30);
        using var newcomerWeb = LanDevices.StartWebPage(newcomer, Directory.CreateDirectory(dir.File("new")).FullName, "Camera setup");
        newcomerWeb.WaitForTcp(IPAddress.Parse(lan.Prefix + ".30"), 80);
        var second = RunAgent(provisioning, state, lan.Cidr);
        var alerts = await webhook.WaitForAsync(1, 15_000);
        var alert = alerts.Single(a => a.Text.Contains("lan.device.new", StringComparison.Ordinal));
        StringAssert.Contains(alert.Text, lan.Prefix + ".30", second);
        Assert.IsFalse(webhook.Received.Any(a => a.Text.Contains(lan.Prefix + ".10\"", StringComparison.Ordinal) || a.Text.Contains(lan.Prefix + ".20 ", StringComparison.Ordinal)),
            "the baseline devices must not alert: " + string.Join("\n", webhook.Received.Select(a => a.Text)));
        listed = Inventory(data);
        var id = listed[lan.Prefix + ".30"].GetProperty("id").GetInt64();
        StringAssert.Contains(alert.Text, $"--from-discovery {id}");

        var status = FlaxguardProcess.Run(null, "status", "--data-dir", data);
        StringAssert.Contains(status.Stdout, "Found on your network, not checked: 3 device(s)");

        // Enrolled from the inventory: address, profile and appliance come from there; then it is checked.
        var added = FlaxguardProcess.Run(null, "device", "add", "hall-cam", "--from-discovery", id.ToString(), "--data-dir", data);
        Assert.AreEqual(0, added.ExitCode, added.All);
        StringAssert.Contains(added.Stdout, $"web at {lan.Prefix}.30");
        Assert.IsTrue(Inventory(data)[lan.Prefix + ".30"].GetProperty("checked").GetBoolean());
        var again = FlaxguardProcess.Run(null, "device", "add", "hall-cam-2", "--from-discovery", id.ToString(), "--data-dir", data);
        Assert.AreEqual(3, again.ExitCode, again.All);
        StringAssert.Contains(again.All, "already checked");
        var unknown = FlaxguardProcess.Run(null, "device", "add", "ghost", "--from-discovery", "99999", "--data-dir", data);
        Assert.AreEqual(3, unknown.ExitCode, unknown.All);
        StringAssert.Contains(unknown.All, "no device 99999 in the LAN inventory");
        FlaxguardProcess.AssertNoStackTrace(unknown);
        status = FlaxguardProcess.Run(null, "status", "--data-dir", data);
        StringAssert.Contains(status.Stdout, "Found on your network, not checked: 2 device(s)");
        var table = FlaxguardProcess.Run(null, "inventory", "--data-dir", data);
        Assert.AreEqual(0, table.ExitCode, table.All);
        StringAssert.Contains(table.Stdout, "Found on your network");
        StringAssert.Contains(table.Stdout, "2 device(s) not checked");
    }

    private static string RunAgent(string provisioning, string state, string cidr)
    {
        var run = FlaxguardProcess.Run(TimeSpan.FromSeconds(120), null, "agent", "run", "--provisioning", provisioning, "--state-dir", state, "--once", "--lan", cidr);
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.Stdout, "inventory report of");
        StringAssert.Contains(run.Stdout, "upload: 1 stored");
        return run.All;
    }

    private static (int Bytes, long Ms) Measured(string agentOutput)
    {
        var m = MeasureLine().Match(agentOutput);
        Assert.IsTrue(m.Success, agentOutput);
        return (int.Parse(m.Groups["bytes"].Value), long.Parse(m.Groups["ms"].Value));
    }

    private static Dictionary<string, JsonElement> Inventory(string data)
    {
        var r = FlaxguardProcess.Run(null, "inventory", "--json", "--data-dir", data);
        Assert.AreEqual(0, r.ExitCode, r.All);
        using var json = JsonDocument.Parse(r.Stdout);
        return json.RootElement.GetProperty("devices").EnumerateArray().ToDictionary(d => d.GetProperty("address").GetString()!, d => d.Clone());
    }

    [GeneratedRegex(@"in (?<ms>\d+) ms.*inventory report of (?<bytes>\d+) bytes queued")]
    private static partial Regex MeasureLine();

    [GeneratedRegex("^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")]
    private static partial Regex MacPattern();
}
