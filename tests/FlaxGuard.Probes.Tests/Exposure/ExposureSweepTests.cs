using System.Diagnostics;
using System.Text.RegularExpressions;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Exposure;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Exposure;

/// <summary>
/// Two devices in their own network namespaces: a camera with SSH and telnet, a router with an
/// implant's telnet on 2323. The sweep must find what nmap finds, read the greetings, and rate them.
/// </summary>
[TestClass]
public sealed class ExposureSweepTests
{
    private static NetworkNamespace _camera = null!;
    private static NetworkNamespace _router = null!;
    private static readonly List<RealProcess> Services = [];

    [ClassInitialize]
    public static void StartDevices(TestContext _)
    {
        _camera = NetworkNamespace.Create("cam");
        _router = NetworkNamespace.Create("rtr");
        Services.Add(LabServices.StartSshd(_camera));
        Services.Add(LabServices.StartTelnetd(_camera, 23));
        Services.Add(LabServices.StartTelnetd(_router, 2323));
    }

    [ClassCleanup]
    public static void StopDevices()
    {
        Services.ForEach(s => s.Dispose());
        _camera?.Dispose();
        _router?.Dispose();
    }

    private static int[] Ports => [.. RiskyPorts.DefaultPortNumbers().Append(8080).Distinct().Order()];

    [TestMethod]
    public void Sweep_FindsTheSameOpenPortsAsNmap_WithBanners()
    {
        var hosts = new[] { _camera.DeviceAddress.ToString(), _router.DeviceAddress.ToString() };
        var results = ExposureSweep.Run(new SocketTcpConnector(), SystemClock.Instance, hosts, new TcpExposureOptions { Ports = Ports, Concurrency = 32, BannerTimeoutMs = 1500 });

        var nmap = NmapOpenPorts(hosts, Ports);
        foreach (var r in results)
        {
            var open = r.Facts.ToArray().Where(f => f.Value == "open").Select(f => int.Parse(f.Key["net.tcp.".Length..])).Order().ToArray();
            CollectionAssert.AreEqual(nmap[r.Host], open, $"{r.Host}: FlaxGuard [{string.Join(',', open)}] vs nmap [{string.Join(',', nmap[r.Host])}]");
        }
        CollectionAssert.AreEqual(new[] { 22, 23 }, nmap[hosts[0]]);
        CollectionAssert.AreEqual(new[] { 2323 }, nmap[hosts[1]]);

        var camera = results[0];
        StringAssert.StartsWith(camera.Facts.Get("net.tcp.22.banner")!.Value, "SSH-2.0-OpenSSH_");
        StringAssert.EndsWith(camera.Facts.Get("net.tcp.23.banner")!.Value, "IPC login:");
        Assert.AreEqual(Severity.Critical, camera.Verdicts.Single(v => v.Subject == "net.tcp.23").Severity);
        Assert.AreEqual(Severity.Info, camera.Verdicts.Single(v => v.Subject == "net.tcp.22").Severity);
        var router = results[1];
        StringAssert.Contains(router.Facts.Get("net.tcp.2323.banner")!.Value, "built-in shell");
        Assert.AreEqual("exposure.telnet-alt", router.Verdicts.Single(v => v.Kind == VerdictKind.Exposure).Code);
        Assert.IsFalse(results.SelectMany(r => r.Verdicts).Any(v => v.IsUnverified));
    }

    [TestMethod]
    public void CliSweep_ReportsCritical_AsExitCodeTwo()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "flaxguard.dll");
        Assert.IsTrue(File.Exists(cli), "the CLI is built next to the tests");
        var (code, stdout, stderr) = DebianTool.Run("dotnet", [cli, "sweep", _camera.DeviceAddress.ToString(), _router.DeviceAddress.ToString(), "--json"], 60_000);
        Assert.AreEqual(2, code, stderr + stdout);
        StringAssert.Contains(stdout, "exposure.telnet");
        StringAssert.Contains(stdout, "SSH-2.0-OpenSSH_");
    }

    /// <summary>nmap's answer for the same hosts and ports, from its grepable output.</summary>
    internal static Dictionary<string, int[]> NmapOpenPorts(string[] hosts, int[] ports)
    {
        var nmap = DebianTool.Require("nmap", "nmap");
        var (code, stdout, stderr) = DebianTool.Run(nmap, ["-sT", "-Pn", "-n", "-T4", "-p", string.Join(',', ports), "-oG", "-", .. hosts], 120_000);
        Assert.AreEqual(0, code, stderr);
        var result = hosts.ToDictionary(h => h, _ => Array.Empty<int>());
        foreach (var line in stdout.Split('\n').Where(l => l.StartsWith("Host:", StringComparison.Ordinal) && l.Contains("Ports:")))
        {
            var host = line.Split(' ')[1];
            result[host] = Regex.Matches(line, @"(\d+)/open/tcp").Select(m => int.Parse(m.Groups[1].Value)).Order().ToArray();
        }
        return result;
    }
}
