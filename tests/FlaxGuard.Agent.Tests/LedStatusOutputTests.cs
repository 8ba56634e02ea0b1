using System.Device.Gpio;
using FlaxGuard.Agent.Status;
using FlaxGuard.Agent.Tests.Fakes;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Agent.Tests;

[TestClass]
public sealed class LedStatusOutputTests
{
    private const int Pin = 17;

    private static AgentStatusView View(ApplianceStatus status) => new(status, "pi", 3, Severity.None, 0, 1, null);

    private static (LedStatusOutput Led, RecordingGpioDriver Driver) OpenLed()
    {
        var driver = new RecordingGpioDriver();
        var led = new LedStatusOutput(new GpioController(driver), Pin, ownsController: true);
        driver.Writes.Clear();
        return (led, driver);
    }

    [TestMethod]
    public void Open_MakesThePinAnOutputThatStartsDark()
    {
        var driver = new RecordingGpioDriver();
        using var led = new LedStatusOutput(new GpioController(driver), Pin, ownsController: true);
        Assert.Contains(Pin, driver.OpenPins);
        Assert.IsFalse(driver.Writes.Any(w => w.Value == PinValue.High), "the LED lit before any status was shown");
    }

    [TestMethod]
    public void Critical_FlickersAtTheEnginePatternEdgesOnly()
    {
        var (led, driver) = OpenLed();
        using (led)
        {
            led.Show(View(ApplianceStatus.Critical));
            foreach (var t in new long[] { 5000, 5050, 5099, 5100, 5150, 5200, 5299, 5300 }) led.Tick(t);
            CollectionAssert.AreEqual(new[] { (Pin, PinValue.High), (Pin, PinValue.Low), (Pin, PinValue.High), (Pin, PinValue.Low) }, driver.Writes);
        }
    }

    [TestMethod]
    [DataRow(ApplianceStatus.Ok, 1)]
    [DataRow(ApplianceStatus.Drift, 2)]
    [DataRow(ApplianceStatus.Offline, 1)]
    [DataRow(ApplianceStatus.Critical, 1)]
    public void EachStatus_FlashesAsOftenPerCycleAsItsPattern(ApplianceStatus status, int flashesPerPatternCycle)
    {
        var (led, driver) = OpenLed();
        using (led)
        {
            led.Show(View(status));
            var pattern = BlinkPattern.For(status);
            for (long t = 0; t < pattern.CycleMs; t += 10) led.Tick(1_000_000 + t);
            Assert.AreEqual(flashesPerPatternCycle, driver.Writes.Count(w => w.Value == PinValue.High));
            Assert.AreEqual(pattern.FlashesPerCycle, flashesPerPatternCycle);
            Assert.IsTrue(driver.Writes.All(w => w.Pin == Pin));
            for (var i = 1; i < driver.Writes.Count; i++) Assert.AreNotEqual(driver.Writes[i - 1].Value, driver.Writes[i].Value, "the same level was written twice in a row");
        }
    }

    [TestMethod]
    public void OkHeartbeat_IsShortThenLongDark()
    {
        var (led, driver) = OpenLed();
        using (led)
        {
            led.Show(View(ApplianceStatus.Ok));
            led.Tick(10_000);
            led.Tick(10_079);
            Assert.HasCount(1, driver.Writes);
            led.Tick(10_080);
            led.Tick(12_999);
            led.Tick(13_000);
            CollectionAssert.AreEqual(new[] { (Pin, PinValue.High), (Pin, PinValue.Low), (Pin, PinValue.High) }, driver.Writes);
        }
    }

    [TestMethod]
    public void NewStatus_StartsItsPatternAtTheNextTick()
    {
        var (led, driver) = OpenLed();
        using (led)
        {
            led.Show(View(ApplianceStatus.Offline));
            led.Tick(0);
            led.Tick(1000); // offline: dark from 1000 to 2000
            driver.Writes.Clear();
            led.Show(View(ApplianceStatus.Critical));
            led.Tick(1500);
            CollectionAssert.AreEqual(new[] { (Pin, PinValue.High) }, driver.Writes);
            Assert.AreEqual(ApplianceStatus.Critical, led.Status);
        }
    }

    [TestMethod]
    public void SameStatusAgain_DoesNotRestartThePattern()
    {
        var (led, driver) = OpenLed();
        using (led)
        {
            led.Show(View(ApplianceStatus.Ok));
            led.Tick(0);
            led.Tick(100); // dark part of the heartbeat
            driver.Writes.Clear();
            led.Show(View(ApplianceStatus.Ok));
            led.Tick(200);
            Assert.IsEmpty(driver.Writes);
        }
    }

    [TestMethod]
    public void Dispose_LeavesTheLedDarkAndReleasesThePin()
    {
        var (led, driver) = OpenLed();
        led.Show(View(ApplianceStatus.Critical));
        led.Tick(0);
        led.Dispose();
        Assert.AreEqual((Pin, PinValue.Low), driver.Writes[^1]);
        Assert.DoesNotContain(Pin, driver.OpenPins);
    }
}
