using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Snmp;
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// Bytes allocated by one SNMPv2c probe run (system group GET, two ENTITY-MIB walks, the hrSWRunName walk) against
/// Debian's snmpd on loopback, started in GlobalSetup in its own PID namespace so hrSWRun holds a fixed, small
/// process list (snmpd and two sleeps) as on a small router. Target: under 32 KiB per run.
/// </summary>
[MemoryDiagnoser]
public class SnmpBenchmarks
{
    private const string Community = "bench-community";
    private Process _snmpd = null!;
    private string _dir = null!;
    private ProbeContext _context = null!;
    private SnmpProbe _probe = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("flaxguard-bench-snmpd-").FullName;
        var persist = Path.Combine(_dir, "persist");
        Directory.CreateDirectory(persist);
        var address = IPAddress.Parse("127.61.250." + Random.Shared.Next(1, 250));
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            probe.Bind(new IPEndPoint(address, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        var config = Path.Combine(_dir, "snmpd.conf");
        File.WriteAllText(config, $"""
            rocommunity {Community} 127.0.0.0/8
            sysContact noc@example.test
            sysLocation Bench rack
            sysName bench-router
            sysDescr FlaxGuard bench router fw 1.0
            override 1.3.6.1.2.1.47.1.1.1.1.9.1 octet_str "BIOS 2.17"
            override 1.3.6.1.2.1.47.1.1.1.1.10.1 octet_str "RouterOS 7.14.2"
            """);
        var info = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--pid", "--fork", "--kill-child", "--mount-proc", "sh", "-c", $"sleep 3600 & sleep 3601 & exec /usr/sbin/snmpd -f -Lo -C -c {config} -p {Path.Combine(_dir, "pid")} udp:{address}:{port}" })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["SNMP_PERSISTENT_DIR"] = persist;
        info.Environment["MIBS"] = "";
        info.Environment["MIBDIRS"] = _dir;
        _snmpd = Process.Start(info)!;
        _snmpd.BeginOutputReadLine();
        _snmpd.BeginErrorReadLine();

        _context = new ProbeContext(address.ToString(), null!, null!, new SocketUdpExchange(), SystemClock.Instance);
        _probe = new SnmpProbe(new SnmpOptions { Port = port, Community = Community, RequestTimeoutMs = 1000, Retries = 1, TotalTimeoutMs = 10_000 });

        // snmpd is ready when it answers; bounded wait.
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            var output = new ProbeOutput();
            _probe.Run(_context, output);
            if (output.VerdictCount == 0) break;
            if (Environment.TickCount64 > deadline || _snmpd.HasExited) throw new InvalidOperationException("snmpd did not come up: " + output.Verdicts()[0]);
            Thread.Sleep(200);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (!_snmpd.HasExited) _snmpd.Kill(entireProcessTree: true);
        _snmpd.WaitForExit(5000);
        _snmpd.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Benchmark]
    public int SnmpV2cProbeRun()
    {
        var output = new ProbeOutput();
        _probe.Run(_context, output);
        if (output.VerdictCount != 0) throw new InvalidOperationException(output.Verdicts()[0].ToString());
        return output.Facts.Count;
    }
}
