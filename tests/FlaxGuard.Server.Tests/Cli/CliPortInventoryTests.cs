using System.Text.Json;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary><c>device add/set --port-inventory</c>: each device's full TCP inventory schedule, daily unless set, shown by <c>device list</c>.</summary>
[TestClass]
public sealed class CliPortInventoryTests
{
    private static FlaxguardProcess.Result Flax(TempDir dir, string? stdin, params string[] args) =>
        FlaxguardProcess.Run(stdin, [.. args, "--data-dir", dir.Path]);

    private static Dictionary<string, int> Schedules(TempDir dir)
    {
        var list = Flax(dir, null, "device", "list", "--json");
        Assert.AreEqual(0, list.ExitCode, list.All);
        return JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray()
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("portInventorySeconds").GetInt32());
    }

    [TestMethod]
    public void PortInventory_DefaultsToDaily_IsSetPerDevice_AndListed()
    {
        using var dir = new TempDir("cli-port-inventory");
        var agent = Flax(dir, null, "agent", "add", "dongle", "--host-url", "http://127.0.0.1:8443", "--out", dir.File("dongle.json"));
        Assert.AreEqual(0, agent.ExitCode, agent.All);

        Assert.AreEqual(0, Flax(dir, null, "device", "add", "router", "--address", "192.0.2.1", "--profile", "router").ExitCode);
        var nas = Flax(dir, null, "device", "add", "nas", "--address", "192.0.2.20", "--profile", "web", "--port-inventory", "6h");
        Assert.AreEqual(0, nas.ExitCode, nas.All);
        StringAssert.Contains(nas.Stdout, "every 6 h");
        Assert.AreEqual(0, Flax(dir, null, "device", "add", "tv", "--address", "192.0.2.21", "--profile", "web", "--port-inventory", "off").ExitCode);
        var schedules = Schedules(dir);
        Assert.AreEqual((86_400, 6 * 3600, 0), (schedules["router"], schedules["nas"], schedules["tv"]));

        var set = Flax(dir, null, "device", "set", "router", "--port-inventory", "weekly");
        Assert.AreEqual(0, set.ExitCode, set.All);
        StringAssert.Contains(set.Stdout, "port inventory weekly");
        Assert.AreEqual(0, Flax(dir, null, "device", "set", "tv", "--port-inventory", "2d").ExitCode);
        schedules = Schedules(dir);
        Assert.AreEqual((7 * 86_400, 6 * 3600, 2 * 86_400), (schedules["router"], schedules["nas"], schedules["tv"]));

        var table = Flax(dir, null, "device", "list");
        StringAssert.Contains(table.Stdout, "weekly");
        StringAssert.Contains(table.Stdout, "inventory");

        foreach (var bad in new[] { "5m", "31d", "often", "-1h", "12x" })
        {
            var refused = Flax(dir, null, "device", "set", "nas", "--port-inventory", bad);
            Assert.AreEqual(3, refused.ExitCode, bad + ": " + refused.All);
            StringAssert.Contains(refused.Stderr, "port inventory interval", bad);
            FlaxguardProcess.AssertNoStackTrace(refused);
        }
        Assert.AreEqual(6 * 3600, Schedules(dir)["nas"], "a refused value changes nothing");
    }
}
