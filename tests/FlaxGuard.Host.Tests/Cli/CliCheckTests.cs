using System.Text.Json;
using FlaxGuard.Lab;

namespace FlaxGuard.Host.Tests.Cli;

[TestClass]
public sealed class CliCheckTests
{
    [TestMethod]
    public async Task SaveBaseline_ThenCompare_ShowsNoDriftThenTheCompromise()
    {
        var address = Loopback.NextAddress();
        await using var lab = await LabWebDevice.StartAsync(address);
        var url = $"http://{address}:{lab.HttpPort}";
        var baseline = Path.Combine(Path.GetTempPath(), "flaxguard-tests", Guid.NewGuid().ToString("n"), "router.baseline");

        var first = FlaxguardProcess.Run("check", url, "--save-baseline", baseline);
        Assert.AreEqual(0, first.ExitCode, first.All);
        StringAssert.Contains(first.Stdout, "Saved the approved baseline");
        StringAssert.Contains(File.ReadAllText(baseline), "fact asset http.asset./js/app.js.sha256 ");

        var refused = FlaxguardProcess.Run("check", url, "--save-baseline", baseline);
        Assert.AreEqual(3, refused.ExitCode);
        StringAssert.Contains(refused.Stderr, "--force");

        var clean = FlaxguardProcess.Run("check", url, "--baseline", baseline, "--json");
        Assert.AreEqual(0, clean.ExitCode, clean.All);
        using (var json = JsonDocument.Parse(clean.Stdout))
        {
            Assert.AreEqual("OK", json.RootElement.GetProperty("status").GetString());
            Assert.AreEqual(0, json.RootElement.GetProperty("drift").GetArrayLength());
        }

        await lab.CompromiseAsync();
        var compromised = FlaxguardProcess.Run("check", url, "--baseline", baseline, "--json");
        Assert.AreEqual(2, compromised.ExitCode, compromised.All);
        using (var json = JsonDocument.Parse(compromised.Stdout))
        {
            var drift = json.RootElement.GetProperty("drift").EnumerateArray()
                .ToDictionary(d => d.GetProperty("key").GetString()!, d => (d.GetProperty("change").GetString(), d.GetProperty("severity").GetString()));
            Assert.AreEqual(("added", "critical"), drift["net.tcp.2323"]);
            Assert.AreEqual(("changed", "high"), drift["http.asset./js/app.js.sha256"]);
            Assert.AreEqual("CRITICAL", json.RootElement.GetProperty("status").GetString());
        }

        var human = FlaxguardProcess.Run("check", url, "--baseline", baseline);
        Assert.AreEqual(2, human.ExitCode);
        StringAssert.Contains(human.Stdout, "Drift from the approved baseline");
        StringAssert.Contains(human.Stdout, "treat the device as compromised");

        // Another device's baseline is refused in words (its whole difference would show as drift), unless asked for.
        var other = Loopback.NextAddress();
        await using var otherLab = await LabWebDevice.StartAsync(other);
        var otherUrl = $"http://{other}:{otherLab.HttpPort}";
        var wrong = FlaxguardProcess.Run("check", otherUrl, "--baseline", baseline);
        Assert.AreEqual(3, wrong.ExitCode, wrong.All);
        StringAssert.Contains(wrong.Stderr, $"is the baseline of {address}, not of {other}");
        var moved = FlaxguardProcess.Run("check", otherUrl, "--baseline", baseline, "--baseline-any-device", "--ports", "none");
        Assert.AreEqual(0, moved.ExitCode, moved.All);
        StringAssert.Contains(moved.Stdout, "the baseline was approved for");
    }

    [TestMethod]
    public void UnreachableWebInterface_IsUnknown_AndRefusesToSaveABaseline()
    {
        var address = Loopback.NextAddress();
        var baseline = Path.Combine(Path.GetTempPath(), "flaxguard-tests", Guid.NewGuid().ToString("n") + ".baseline");
        var r = FlaxguardProcess.Run("check", address.ToString(), "--http-port", Loopback.ClosedPort(address).ToString(), "--save-baseline", baseline);
        Assert.AreEqual(3, r.ExitCode, r.All);
        StringAssert.Contains(r.Stdout, "Could not verify");
        StringAssert.Contains(r.Stderr, "not saving a baseline");
        Assert.IsFalse(File.Exists(baseline));
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public void Demo_CatchesTheCompromise()
    {
        var r = FlaxguardProcess.Run(TimeSpan.FromSeconds(90), null, "demo", "--quick");
        Assert.AreEqual(0, r.ExitCode, r.All);
        StringAssert.Contains(r.Stdout, "Drift from the approved baseline");
        StringAssert.Contains(r.Stdout, "net.tcp.2323");
        StringAssert.Contains(r.Stdout, "critical");
        StringAssert.Contains(r.Stdout, "CRITICAL");
        FlaxguardProcess.AssertNoStackTrace(r);
    }

    [TestMethod]
    public void Demo_RefusesNonLoopbackAddresses()
    {
        var r = FlaxguardProcess.Run("demo", "--address", "192.0.2.1");
        Assert.AreEqual(3, r.ExitCode);
        StringAssert.Contains(r.Stderr, "not a loopback address");
    }
}
