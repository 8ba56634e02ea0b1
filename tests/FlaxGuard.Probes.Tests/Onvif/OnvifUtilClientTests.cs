using System.Diagnostics;
using FlaxGuard.Lab.Twins.Onvif;
using FlaxGuard.Probes.Tests.Fixtures;
using static FlaxGuard.Probes.Tests.Onvif.OnvifTwinFixture;

namespace FlaxGuard.Probes.Tests.Onvif;

/// <summary>
/// Validates the twin with a real ONVIF client: Debian's onvif-util (libonvif). It finds cameras only by
/// WS-Discovery multicast, with multicast loopback switched off, so it runs inside a network namespace and the
/// twin (with its discovery responder) listens on the test's end of the veth pair. What the client reads back
/// (camera name from the discovery scopes, serial number from GetDeviceInformation signed with its own
/// WS-UsernameToken, the clock offset from GetSystemDateAndTime) must be what the twin serves.
/// </summary>
[TestClass]
public sealed class OnvifUtilClientTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(5 * 3600)]
    public async Task OnvifUtilLogsInAndReadsTheTwin(int clockOffsetSeconds)
    {
        var onvifUtil = DebianTool.Require("onvif-util", "onvif-tools");
        using var ns = NetworkNamespace.Create("onvif");
        ns.Exec("ip", "route", "add", "224.0.0.0/4", "dev", ns.DeviceInterface);
        await using var twin = await OnvifTwin.StartAsync(ns.HostAddress, 0, User, Password, CancellationToken.None);
        twin.ClockOffset = TimeSpan.FromSeconds(clockOffsetSeconds);
        using var discovery = new OnvifDiscoveryResponder(ns.HostAddress, twin.DeviceServiceUri, "FlaxCam", "FC-IPC2431");

        var (code, stdout, stderr) = RunOnvifUtil(ns, onvifUtil, discovery, Password, "get time\nquit\n");
        var shown = $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}\nlast refusal: {twin.LastRefusal}";
        Console.WriteLine(shown);
        Assert.IsGreaterThanOrEqualTo(1, discovery.Answers, "onvif-util never sent a WS-Discovery probe\n" + shown);
        StringAssert.Contains(stdout, "found host: " + ns.HostAddress, shown);
        StringAssert.Contains(stdout, "successfully connected to host", shown);
        StringAssert.Contains(stdout, "FC2431A0017734", "the serial number comes from a signed GetDeviceInformation\n" + shown);
        StringAssert.Contains(stdout, "FlaxCam", shown);
        Assert.DoesNotContain("ERROR", stdout, shown);
        // libonvif learns the camera clock with an unsigned GetSystemDateAndTime and dates its tokens with it.
        var offset = System.Text.RegularExpressions.Regex.Match(stdout, @"Time Offset: (-?\d+) seconds");
        Assert.IsTrue(offset.Success, shown);
        Assert.IsLessThanOrEqualTo(2, Math.Abs(int.Parse(offset.Groups[1].Value) - clockOffsetSeconds), shown);
        // libonvif seeds rand() with time(NULL) for every token, so two signed calls within one second carry the
        // same nonce; the twin, like a strict camera, refuses the replay and the client then prints no NTP server.
        Assert.IsTrue(stdout.Contains("NTP Server:  ntp.office.example") || twin.LastRefusal == "nonce replayed", shown);
    }

    private static bool LinkUp(string[] command) => DebianTool.Run(command[0], command[1..], 5_000).Stdout.Contains("LOWER_UP");

    /// <summary>
    /// onvif-util sends one probe and waits 0.5 s; a veth pair that has just come up may drop it. So the link's carrier is
    /// awaited first, and the client is started again (at most three times) only when it did not find the twin in time.
    /// </summary>
    private static (int ExitCode, string Stdout, string Stderr) RunOnvifUtil(NetworkNamespace ns, string onvifUtil, OnvifDiscoveryResponder discovery, string password, string commands)
    {
        for (var i = 0; i < 25 && !(LinkUp(["ip", "-o", "link", "show", ns.HostInterface]) && LinkUp(["ip", "netns", "exec", ns.Name, "ip", "-o", "link", "show", ns.DeviceInterface])); i++) Thread.Sleep(200);
        (int, string, string) result = default;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            result = DebianTool.Run("ip", ["netns", "exec", ns.Name, onvifUtil, "-u", User, "-p", password, ns.HostAddress.ToString()], timeoutMs: 30_000, stdin: commands);
            if (result.Item2.Contains("found host")) break;
            Thread.Sleep(500);
        }
        return result;
    }

    [TestMethod]
    public async Task OnvifUtilWithAWrongPasswordIsRefusedByTheTwin()
    {
        var onvifUtil = DebianTool.Require("onvif-util", "onvif-tools");
        using var ns = NetworkNamespace.Create("onvif");
        ns.Exec("ip", "route", "add", "224.0.0.0/4", "dev", ns.DeviceInterface);
        await using var twin = await OnvifTwin.StartAsync(ns.HostAddress, 0, User, Password, CancellationToken.None);
        using var discovery = new OnvifDiscoveryResponder(ns.HostAddress, twin.DeviceServiceUri, "FlaxCam", "FC-IPC2431");
        var (code, stdout, stderr) = RunOnvifUtil(ns, onvifUtil, discovery, "not-the-password", "quit\n");
        var shown = $"exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}\nlast refusal: {twin.LastRefusal}";
        Console.WriteLine(shown);
        Assert.AreEqual("digest does not match", twin.LastRefusal, shown);
        StringAssert.Contains(stdout, "found host: " + ns.HostAddress, shown);
        StringAssert.Contains(stdout, "ERROR: get device information - ter:NotAuthorized", shown);
        Assert.DoesNotContain("FC2431A0017734", stdout, shown);
    }
}
