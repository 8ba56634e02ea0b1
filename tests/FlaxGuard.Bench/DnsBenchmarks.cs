using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Dns;
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// Bytes allocated by one DNS integrity check on ordinary answers: three canary names, A and AAAA, asked of
/// the router and of the trusted resolver (12 lookups). Both resolvers are real Debian dnsmasq processes on
/// loopback (127.73.0.1 and 127.73.0.2, free ports), so their work is not counted in this process. Target:
/// under 32 KiB per check. <see cref="DnsIntegrityCheck"/> includes the .NET socket adapter's allocations (one
/// socket per datagram); <see cref="DnsIntegrityCheckEngineOnly"/> replays the same dnsmasq answers from memory,
/// so it counts only what the engine allocates (what the ESP32's heap pays, apart from its own UDP adapter).
/// </summary>
[MemoryDiagnoser]
public class DnsBenchmarks
{
    private Process _router = null!;
    private Process _trusted = null!;
    private ProbeContext _context = null!;
    private DnsIntegrityProbe _probe = null!;
    private ProbeContext _replayContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] records = ["one.canary.test=198.51.100.7", "one.canary.test=198.51.100.8", "one.canary.test=2001:db8::7", "two.canary.test=192.0.2.44", "two.canary.test=2001:db8::44", "three.canary.test=203.0.113.5", "three.canary.test=2001:db8::5"];
        var routerAddress = IPAddress.Parse("127.73.0.1");
        var trustedAddress = IPAddress.Parse("127.73.0.2");
        var routerPort = FreeUdpPort(routerAddress);
        var trustedPort = FreeUdpPort(trustedAddress);
        _router = StartDnsmasq(routerAddress, routerPort, records);
        _trusted = StartDnsmasq(trustedAddress, trustedPort, records);
        _context = new ProbeContext(routerAddress.ToString(), null, null, new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        _probe = new DnsIntegrityProbe(new DnsIntegrityOptions
        {
            RouterPort = routerPort,
            TrustedResolver = trustedAddress.ToString(),
            TrustedPort = trustedPort,
            CanaryNames = ["one.canary.test", "two.canary.test", "three.canary.test"],
        });
        // Wait (bounded) until both answer, so the first measured run is not a start-up race.
        var deadline = Environment.TickCount64 + 10_000;
        while (true)
        {
            var output = new ProbeOutput();
            _probe.Run(_context, output);
            if (output.VerdictCount == 0 && output.Facts.Count == 6) break;
            if (Environment.TickCount64 > deadline) throw new InvalidOperationException("dnsmasq did not answer: " + string.Join("; ", output.Verdicts().Select(v => v.ToString())));
            Thread.Sleep(100);
        }
        var replay = new ReplayingUdp(new SocketUdpExchange());
        var recordContext = new ProbeContext(routerAddress.ToString(), null, null, replay, SystemClock.Instance, SecureRandomSource.Instance);
        _probe.Run(recordContext, new ProbeOutput());
        replay.Recording = false;
        _replayContext = new ProbeContext(routerAddress.ToString(), null, null, replay, SystemClock.Instance, SecureRandomSource.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var p in new[] { _router, _trusted })
        {
            if (p is null) continue;
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
            p.Dispose();
        }
    }

    [Benchmark]
    public int DnsIntegrityCheck()
    {
        var output = new ProbeOutput();
        _probe.Run(_context, output);
        if (output.VerdictCount != 0) throw new InvalidOperationException(output.Verdicts()[0].ToString());
        return output.Facts.Count;
    }

    [Benchmark]
    public int DnsIntegrityCheckEngineOnly()
    {
        var output = new ProbeOutput();
        _probe.Run(_replayContext, output);
        if (output.VerdictCount != 0) throw new InvalidOperationException(output.Verdicts()[0].ToString());
        return output.Facts.Count;
    }

    /// <summary>Records real answers once, then hands them back with the new query's id, allocating nothing per exchange.</summary>
    private sealed class ReplayingUdp(SocketUdpExchange inner) : FlaxGuard.Engine.Platform.IUdpExchange
    {
        private readonly Dictionary<long, byte[]> _answers = [];

        public bool Recording { get; set; } = true;

        public int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out FlaxGuard.Engine.Platform.ConnectOutcome outcome)
        {
            // Port and an FNV-1a hash of the query without its id: no allocation on the measured path.
            long key = (long)port << 32;
            uint hash = 2166136261;
            for (var i = offset + 2; i < offset + count; i++) hash = (hash ^ request[i]) * 16777619;
            key |= hash;
            if (Recording)
            {
                var n = inner.Exchange(host, port, request, offset, count, response, timeoutMs, out outcome);
                if (n > 0) _answers[key] = response[..n];
                return n;
            }
            var answer = _answers[key];
            answer.CopyTo(response, 0);
            response[0] = request[offset];
            response[1] = request[offset + 1];
            outcome = FlaxGuard.Engine.Platform.ConnectOutcome.Connected;
            return answer.Length;
        }
    }

    private static Process StartDnsmasq(IPAddress address, int port, string[] records)
    {
        var info = new ProcessStartInfo("/usr/sbin/dnsmasq") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-k", "-C", "/dev/null", "--pid-file=", $"--port={port}", $"--listen-address={address}", "--bind-interfaces", "--no-resolv", "--no-hosts" }) info.ArgumentList.Add(a);
        foreach (var r in records) info.ArgumentList.Add($"--address=/{r[..r.IndexOf('=')]}/{r[(r.IndexOf('=') + 1)..]}");
        var process = Process.Start(info) ?? throw new InvalidOperationException("dnsmasq did not start (apt-get install dnsmasq)");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreeUdpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
