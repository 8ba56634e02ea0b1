using System.Diagnostics;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Exposure;
using FlaxGuard.Platform;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Bench;

/// <summary>
/// A timed harness: FlaxGuard's exposure sweep against <c>nmap -sT -Pn -n -T4</c> over the same hosts and
/// ports, in network namespaces with real sshd and telnetd. Prints the median wall time of each, the
/// ratio (target at most 1.0) and whether both found the same open ports.
/// Run: <c>dotnet run -c Release --project tests/FlaxGuard.Bench -- --sweep-vs-nmap [rounds] [concurrency]</c> (as root).
/// </summary>
public static class SweepVsNmapHarness
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 && int.TryParse(args[1], out var r) ? Math.Clamp(r, 1, 20) : 5;
        var concurrency = args.Length > 2 && int.TryParse(args[2], out var c) ? Math.Clamp(c, 1, 512) : 32;
        var namespaces = new List<NetworkNamespace>();
        var services = new List<RealProcess>();
        try
        {
            // Three devices: SSH + telnet, telnet on 2323, and one with nothing open.
            for (var i = 0; i < 3; i++) namespaces.Add(NetworkNamespace.Create("bench"));
            services.Add(LabServices.StartSshd(namespaces[0]));
            services.Add(LabServices.StartTelnetd(namespaces[0], 23));
            services.Add(LabServices.StartTelnetd(namespaces[1], 2323));
            var hosts = namespaces.Select(n => n.DeviceAddress.ToString()).ToArray();
            int[] ports = [.. RiskyPorts.DefaultPortNumbers().Concat(Enumerable.Range(1, 1024)).Distinct().Order()];
            Console.WriteLine($"{hosts.Length} hosts x {ports.Length} ports, {rounds} rounds each, FlaxGuard concurrency {concurrency}");

            var options = new TcpExposureOptions { Ports = ports, Concurrency = concurrency, ConnectTimeoutMs = 1000, BannerTimeoutMs = 700 };
            var connector = new SocketTcpConnector();
            ExposureSweep.Run(connector, SystemClock.Instance, hosts, options); // warm-up (JIT)
            var ours = new List<double>();
            Dictionary<string, int[]>? ourOpen = null;
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                var results = ExposureSweep.Run(connector, SystemClock.Instance, hosts, options);
                ours.Add(watch.Elapsed.TotalMilliseconds);
                ourOpen = results.ToDictionary(x => x.Host, x => x.Facts.ToArray().Where(f => f.Value == "open").Select(f => int.Parse(f.Key["net.tcp.".Length..])).Order().ToArray());
            }

            var nmap = DebianTool.Require("nmap", "nmap");
            var theirs = new List<double>();
            var nmapOutput = "";
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                var (code, stdout, stderr) = DebianTool.Run(nmap, ["-sT", "-Pn", "-n", "-T4", "-p", string.Join(',', ports), "-oG", "-", .. hosts], 300_000);
                theirs.Add(watch.Elapsed.TotalMilliseconds);
                if (code != 0) throw new InvalidOperationException("nmap failed: " + stderr);
                nmapOutput = stdout;
            }
            var nmapOpen = hosts.ToDictionary(h => h, h => System.Text.RegularExpressions.Regex
                .Matches(nmapOutput.Split('\n').FirstOrDefault(l => l.StartsWith($"Host: {h} ", StringComparison.Ordinal) && l.Contains("Ports:")) ?? "", @"(\d+)/open/tcp")
                .Select(m => int.Parse(m.Groups[1].Value)).Order().ToArray());

            var same = hosts.All(h => ourOpen![h].SequenceEqual(nmapOpen[h]));
            double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
            Console.WriteLine($"FlaxGuard sweep (with banners): median {Median(ours):F0} ms  [{string.Join(", ", ours.Select(x => x.ToString("F0")))}]");
            Console.WriteLine($"nmap -sT -Pn -n -T4:            median {Median(theirs):F0} ms  [{string.Join(", ", theirs.Select(x => x.ToString("F0")))}]");
            Console.WriteLine($"ratio FlaxGuard/nmap: {Median(ours) / Median(theirs):F2} (target <= 1.0)");
            foreach (var h in hosts) Console.WriteLine($"  {h}: FlaxGuard [{string.Join(',', ourOpen![h])}]  nmap [{string.Join(',', nmapOpen[h])}]");
            Console.WriteLine(same ? "same open ports: yes" : "same open ports: NO");
            return same ? 0 : 1;
        }
        finally
        {
            services.ForEach(s => s.Dispose());
            namespaces.ForEach(n => n.Dispose());
        }
    }
}
