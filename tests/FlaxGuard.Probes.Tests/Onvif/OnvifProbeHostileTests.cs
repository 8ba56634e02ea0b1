using FlaxGuard.Lab;
using FlaxGuard.Lab.Twins.Onvif;
using static FlaxGuard.Probes.Tests.Onvif.OnvifTwinFixture;

namespace FlaxGuard.Probes.Tests.Onvif;

/// <summary>
/// Bad input: truncated, oversized, deeply nested, wrongly typed and DTD-carrying answers from the twin's hostile
/// modes, and broken HTTP from the hostile server. Each must end within the probe's bounds as "could not verify"
/// with a plain reason, never an exception and never facts from the bad answer.
/// </summary>
[TestClass]
public sealed class OnvifProbeHostileTests
{
    private const long SlackMs = 3000;

    [TestMethod]
    [DataRow(OnvifHostility.Truncated, "GetUsers", "ended before the document was complete", "cfg.user.")]
    [DataRow(OnvifHostility.Oversized, "GetUsers", "lists more than 512 values", "cfg.user.")]
    [DataRow(OnvifHostility.DeeplyNested, "GetNetworkProtocols", "nested deeper than 16 levels", "cfg.service.")]
    [DataRow(OnvifHostility.Doctype, "GetDeviceInformation", "document type (DTD)", "fw.")]
    [DataRow(OnvifHostility.Html, "GetDNS", "content type \"text/html\"", "cfg.dns.")]
    [DataRow(OnvifHostility.WrongTypes, "GetSystemDateAndTime", "not a valid date and time", "fw.")]
    [DataRow(OnvifHostility.WrongTypes, "GetDeviceInformation", "repeats FirmwareVersion", "fw.")]
    [DataRow(OnvifHostility.WrongTypes, "GetUsers", "which ONVIF does not define", "cfg.user.")]
    [DataRow(OnvifHostility.WrongTypes, "GetNetworkProtocols", "port (\"eighty\") that is not a number", "cfg.service.")]
    [DataRow(OnvifHostility.WrongTypes, "GetDNS", "is not an IP address", "cfg.dns.")]
    [DataRow(OnvifHostility.WrongTypes, "GetNTP", "true or false", "cfg.ntp.")]
    public async Task HostileAnswerIsUnverifiedWithItsReason(OnvifHostility hostility, string action, string reason, string absentPrefix)
    {
        await using var twin = await StartAsync();
        twin.Hostility = hostility;
        twin.HostileAction = action;
        var (output, elapsed) = Run(twin.Address.ToString(), Options(twin.Port));
        var unverified = Unverified(output);
        Assert.HasCount(1, unverified, Describe(output));
        StringAssert.Contains(unverified[0].Message, reason, Describe(output));
        StringAssert.Contains(unverified[0].Message, action);
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith(absentPrefix)), Describe(output));
        Assert.IsLessThan(TotalTimeMs + SlackMs, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public async Task OversizedAnswerStopsAtTheByteLimit()
    {
        await using var twin = await StartAsync();
        twin.Hostility = OnvifHostility.Oversized;
        twin.HostileAction = "GetUsers";
        var options = Options(twin.Port);
        options.MaxValues = 1_000_000;
        var (output, elapsed) = Run(twin.Address.ToString(), options);
        var message = Unverified(output).Single().Message;
        Assert.IsTrue(message.Contains("size limit") || message.Contains("larger than 65536 bytes"), message);
        Assert.IsLessThan(TotalTimeMs + SlackMs, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public async Task HostileOnEveryCallStopsAtTheFirstSignedOne()
    {
        await using var twin = await StartAsync();
        twin.Hostility = OnvifHostility.DeeplyNested;
        var output = Run(twin);
        StringAssert.Contains(Unverified(output).Single().Message, "GetDeviceInformation");
        Assert.IsFalse(output.Facts.ToArray().Any(f => f.Key.StartsWith("fw.") || f.Key.StartsWith("cfg.")));
    }

    [TestMethod]
    [DataRow(HostileBehavior.HugeBody, "has text outside its root element")]
    [DataRow(HostileBehavior.SlowBody, "GetSystemDateAndTime")]
    [DataRow(HostileBehavior.SlowHeaders, "time limit")]
    [DataRow(HostileBehavior.EndlessHeaders, "headers were larger than the limit")]
    [DataRow(HostileBehavior.CloseMidBody, "GetSystemDateAndTime")]
    [DataRow(HostileBehavior.CloseMidHeaders, "GetSystemDateAndTime")]
    [DataRow(HostileBehavior.NotHttp, "did not speak valid HTTP")]
    [DataRow(HostileBehavior.Silent, "time limit")]
    public async Task BrokenHttpIsUnverifiedWithinBounds(HostileBehavior behavior, string reason)
    {
        await using var server = new HostileHttpServer(NextAddress(), behavior);
        var (output, elapsed) = Run(server.Address.ToString(), Options(server.Port));
        var unverified = Unverified(output);
        Assert.HasCount(1, unverified, Describe(output));
        StringAssert.Contains(unverified[0].Message, reason, Describe(output));
        Assert.AreEqual(0, output.Facts.Count);
        Assert.IsLessThan(HttpTimeoutMs + SlackMs, elapsed, $"took {elapsed} ms");
    }

    [TestMethod]
    public void NothingListeningIsUnverified()
    {
        var (output, elapsed) = Run(NextAddress().ToString(), Options(9));
        StringAssert.Contains(Unverified(output).Single().Message, "connection failed");
        Assert.IsLessThan(HttpTimeoutMs + SlackMs, elapsed);
    }
}
