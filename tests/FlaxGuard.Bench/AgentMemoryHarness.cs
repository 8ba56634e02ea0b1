using System.Net;
using System.Security.Cryptography;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Lab.Twins.Onvif;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Lab.Twins.RouterOs;
using FlaxGuard.NanoGate.Pe;
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// <c>--agent-memory [--large] [--calls]</c>: the engine's allocations during a full job round against the four vendor lab
/// twins (OpenWrt, RouterOS, Hikvision, ONVIF on loopback), as a proxy for the ESP32's managed heap (about 79 KB in
/// total on a board without PSRAM; the target is under 48 KiB per probe).
/// Phase 1, twins running: after a warm-up round (JIT, first connections), each probe and each whole target
/// (<see cref="JobRound.RunTarget"/>: probes, drift, sealing, queueing) runs live through the .NET transport, which
/// records the answers; whole targets are then played back (their TCP probe still connects to the running twin). "thread" counts what the checking thread allocates (GC.GetAllocatedBytesForCurrentThread,
/// .NET's HttpClient included), "process" adds every other thread (HttpClient's I/O, the in-process twins' servers).
/// Phase 2, twins stopped so nothing else allocates: the recordings are played back. "engine" is what the engine
/// alone allocates per run (the transport hands over recorded bytes without allocating): an upper bound of its peak.
/// "live peak" samples the live heap after a full collection before each call, after each answer and at the end:
/// a lower bound of the peak. The whole-target playback also counts the TCP probe's sockets and the queue's file writes.
/// </summary>
public static class AgentMemoryHarness
{
    private const long TargetBytesPerProbe = 48 * 1024;
    private const string User = "admin";

    public static int Run(string[] args) => RunAsync(args.Contains("--calls"), args.Contains("--large")).GetAwaiter().GetResult();

    private sealed record ProbeRun(JobTarget Target, IProbe Probe, ProbeContext Context, ReplayHttpTransport Recording,
        long ThreadBytes, long ProcessBytes, int Facts, long Milliseconds);

    /// <summary>One probe's measured bytes, for the per-probe verdict after the runtime records are known.</summary>
    private sealed record ProbeMemory(string Name, long EngineBytes, long LivePeak, bool PeakSampled);

    private sealed record TargetRun(JobTarget Target, ReplayHttpTransport Recording, long ThreadBytes, long ProcessBytes, TargetSummary Summary, long Milliseconds);

    private static async Task<int> RunAsync(bool showCalls, bool large)
    {
        var password = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        ILabTwin[] twins =
        [
            await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{block}.2"), 0, User, password, cts.Token),
            await RouterOsTwin.StartAsync(IPAddress.Parse($"127.82.{block}.2"), 0, User, password, cts.Token),
            await HikvisionTwin.StartAsync(IPAddress.Parse($"127.83.{block}.2"), 0, User, password, cts.Token),
            await OnvifTwin.StartAsync(IPAddress.Parse($"127.84.{block}.2"), 0, User, password, cts.Token),
            // An OpenWrt 21.02 router: firewall3, so the live firewall is read with iptables instead of nft.
            await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.86.{block}.2"), 0, User, password, firewall3: true, cts.Token),
        ];
        string[] names = ["openwrt", "routeros", "hikvision", "onvif", "openwrt-21.02"];
        if (large)
        {
            // A busy office's configuration instead of the factory one (see LargeOfficeConfig).
            LargeOfficeConfig.Load((OpenWrtTwin)twins[0]);
            LargeOfficeConfig.Load((RouterOsTwin)twins[1]);
            LargeOfficeConfig.Load((HikvisionTwin)twins[2]);
            LargeOfficeConfig.Load((OnvifTwin)twins[3]);
            LargeOfficeConfig.Load((OpenWrtTwin)twins[4]);
            Console.WriteLine("Twins loaded with a large office configuration (--large).");
        }
        // The web profile (HTTP fingerprint of the admin page, TLS certificate) is pointed at the OpenWrt twin's page.
        var targets = twins.Select((t, i) => new JobTarget("dev-" + i, names[i] + "-twin", t.BaseUri.ToString().TrimEnd('/'), t.Profile, "", User, password, null))
            .Append(new JobTarget("dev-web", "web-twin", twins[0].BaseUri.ToString().TrimEnd('/'), "web", "", "", "", null)).ToArray();

        var stateDir = Path.Combine(Path.GetTempPath(), "fg-agent-memory-" + Guid.NewGuid().ToString("N")[..10]);
        using var http = new HttpClientTransport();
        var tcp = new SocketTcpConnector();
        var udp = new SocketUdpExchange();
        try
        {
            var state = new DirectoryKeyValueStore(stateDir);
            var key = RandomNumberGenerator.GetBytes(32);
            var rounds = targets.Select(_ => new ReplayHttpTransport(http)).ToArray();
            var round = targets.Select((_, i) => new JobRound("fg-bench", key, new ReportCounter(state), new ReportQueue(state, ReportQueueOptions.ForLinux()),
                rounds[i], tcp, udp, SystemClock.Instance, SecureRandomSource.Instance, null)).ToArray();

            Console.WriteLine("Phase 1: warm-up round, then each probe and target live against the twins (recording)...");
            for (var i = 0; i < targets.Length; i++)
            {
                RecordProbes(targets[i], http, tcp, udp);
                rounds[i].StartRecording();
                round[i].RunTarget(targets[i]);
            }
            var probeRuns = targets.Select(t => RecordProbes(t, http, tcp, udp)).ToArray();
            var targetRuns = new TargetRun[targets.Length];
            for (var i = 0; i < targets.Length; i++)
            {
                rounds[i].StartRecording();
                var index = i;
                var (threadBytes, processBytes, ms, summary) = Allocations(() => round[index].RunTarget(targets[index]));
                targetRuns[i] = new TargetRun(targets[i], rounds[i], threadBytes, processBytes, summary, ms);
            }
            // What .NET's HttpClient itself costs per request, which the ESP32's native HTTP stack does not spend.
            var (adapterBytes, _, _, _) = Allocations(() => http.Send(new FlaxGuard.Engine.Platform.HttpRequest("GET", twins[0].BaseUri.ToString()), null));

            // Whole targets are played back while the twins still run: their TCP exposure probe connects for real.
            var targetEngineBytes = new long[targets.Length];
            for (var i = 0; i < targets.Length; i++)
            {
                var index = i;
                targetRuns[i].Recording.StartReplay();
                (targetEngineBytes[i], _, _, _) = Allocations(() => round[index].RunTarget(targets[index]));
            }

            Console.WriteLine("Phase 2: twins stopped; the recorded answers played back to each probe alone.");
            await StopAsync(twins);
            Console.WriteLine();
            Console.WriteLine($"{"target / probe",-34} {"engine bytes",14} {"live peak",10} {"thread bytes",14} {"process bytes",14} {"facts",6} {"calls",6} {"ms",6} {"answers",9} {"largest",8}");
            var worstProbe = 0L;
            var measured = new List<ProbeMemory>();
            for (var i = 0; i < targets.Length; i++)
            {
                foreach (var run in probeRuns[i])
                {
                    var (engineBytes, livePeak) = Replay(run, showCalls);
                    worstProbe = Math.Max(worstProbe, engineBytes);
                    measured.Add(new ProbeMemory(Label(run.Target) + " / " + run.Probe.Name, engineBytes, livePeak, run.Recording.Calls > 0));
                    Console.WriteLine($"  {Label(run.Target) + " / " + run.Probe.Name,-32} {engineBytes,14:N0} {livePeak,10:N0} {run.ThreadBytes,14:N0} {run.ProcessBytes,14:N0} {run.Facts,6} {run.Recording.Calls,6} {run.Milliseconds,6} {run.Recording.AnswerBytes,9:N0} {run.Recording.LargestAnswer,8:N0}");
                }
                var t = targetRuns[i];
                Console.WriteLine($"{Label(t.Target) + " whole target (RunTarget)",-34} {targetEngineBytes[i],14:N0} {"",10} {t.ThreadBytes,14:N0} {t.ProcessBytes,14:N0} {t.Summary.Facts,6} {t.Recording.Calls,6} {t.Milliseconds,6}   report {t.Summary.ReportBytes} bytes, worst {t.Summary.Highest.ToString().ToLowerInvariant()}");
            }
            Console.WriteLine($"{"(.NET HttpClientTransport, one GET)",-34} {"",14} {"",10} {adapterBytes,14:N0}");
            Console.WriteLine();
            var pass = worstProbe < TargetBytesPerProbe;
            Console.WriteLine($"Largest probe (engine bytes): {worstProbe:N0} bytes = {worstProbe / 1024.0:0.0} KiB; target < {TargetBytesPerProbe / 1024} KiB per probe: {(pass ? "met" : "NOT met")}");
            var fits = FirmwareRuntimeRecords.Report(worstProbe, out var records);
            if (records > 0) PrintProbeVerdicts(measured, records);
            return pass && fits ? 0 : 1;
        }
        finally
        {
            await StopAsync(twins);
            Directory.Delete(stateDir, recursive: true);
        }
    }

    private static readonly HashSet<ILabTwin> Stopped = [];

    private static async Task StopAsync(ILabTwin[] twins)
    {
        foreach (var twin in twins)
            if (Stopped.Add(twin)) await twin.DisposeAsync();
    }

    /// <summary>Each probe of the target once, live through the .NET transport, its exchanges recorded.</summary>
    private static List<ProbeRun> RecordProbes(JobTarget target, HttpClientTransport http, SocketTcpConnector tcp, SocketUdpExchange udp)
    {
        var plan = TargetPlan.For(target);
        if (plan.Host is null) throw new InvalidOperationException($"{target.Profile}: {plan.Problem}");
        var runs = new List<ProbeRun>();
        foreach (var probe in plan.Probes)
        {
            var recording = new ReplayHttpTransport(http);
            recording.StartRecording();
            var output = new ProbeOutput();
            var context = new ProbeContext(plan.Host, recording, tcp, udp, SystemClock.Instance, SecureRandomSource.Instance);
            var (threadBytes, processBytes, ms, _) = Allocations(() =>
            {
                probe.Run(context, output);
                return 0;
            });
            runs.Add(new ProbeRun(target, probe, context, recording, threadBytes, processBytes, output.Facts.Count, ms));
        }
        return runs;
    }

    /// <summary>
    /// Plays a recorded probe run back twice (the first JITs the playback path) and measures the second: engine bytes
    /// allocated and the live peak. A probe without HTTP (the TCP exposure probe) runs live: its sockets are real.
    /// </summary>
    private static (long EngineBytes, long LivePeak) Replay(ProbeRun run, bool showCalls)
    {
        if (run.Recording.Calls == 0)
        {
            var (live, _, _, _) = Allocations(() =>
            {
                run.Probe.Run(run.Context, new ProbeOutput());
                return 0;
            });
            return (live, 0);
        }
        long engineBytes = 0, start = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            run.Recording.StartReplay();
            var replayed = new ProbeOutput();
            (engineBytes, _, _, start) = Allocations(() =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                run.Probe.Run(run.Context, replayed);
                return before;
            });
            if (replayed.Facts.Count != run.Facts)
                throw new InvalidOperationException($"{run.Probe.Name}: played back {replayed.Facts.Count} facts, live {run.Facts}");
        }
        if (showCalls) PrintCalls(run.Probe.Name, run.Recording, start, start + engineBytes);
        return (engineBytes, LivePeak(run.Probe, run.Context, run.Recording));
    }

    /// <summary>
    /// The most the probe holds at once, sampled at every call boundary of a replay (before each request and after
    /// each answer) and at its end, each after a full collection: a lower bound of the peak live heap, where the
    /// engine bytes are its upper bound. The recording itself stays referenced throughout, so it cancels out.
    /// </summary>
    private static long LivePeak(IProbe probe, ProbeContext context, ReplayHttpTransport replay)
    {
        var output = new ProbeOutput();
        replay.StartReplay();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        replay.OnBoundary = () => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
        try
        {
            probe.Run(context, output);
            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            GC.KeepAlive(output);
        }
        finally
        {
            replay.OnBoundary = null;
        }
        return peak;
    }

    /// <summary>
    /// Each probe against the budget and the heap, stated plainly: everything it allocates in one run (the 48 KiB budget;
    /// what a heap must hold if the collector never ran), its live peak, and the live peak with the firmware's runtime
    /// records against ESP32_REV0's 79 KB (what a plain ESP32 must hold at once at best, TLS and lwIP not counted).
    /// </summary>
    private static void PrintProbeVerdicts(List<ProbeMemory> measured, long records)
    {
        Console.WriteLine();
        Console.WriteLine($"Per probe (KiB; runtime records {records / 1024.0:0.0} KiB; heap {Esp32Heap.Rev0FreeBytes / 1000} KB = {Esp32Heap.Rev0FreeBytes / 1024.0:0.0} KiB on ESP32_REV0 without PSRAM):");
        Console.WriteLine($"  {"target / probe",-32} {"allocated",10} {"budget 48",10} {"live peak",10} {"peak+records",13} {"heap",14} {"alloc+records",14} {"heap",14}");
        foreach (var m in measured)
        {
            long peakNeeded = m.LivePeak + records, allNeeded = m.EngineBytes + records;
            // A probe without HTTP runs live (real sockets): its peak is not sampled, only its allocation.
            string peak = m.PeakSampled ? $"{m.LivePeak / 1024.0,10:0.0} {peakNeeded / 1024.0,13:0.0} {Fits(peakNeeded),14}" : $"{"-",10} {"-",13} {"-",14}";
            Console.WriteLine($"  {m.Name,-32} {m.EngineBytes / 1024.0,10:0.0} {(m.EngineBytes < TargetBytesPerProbe ? "met" : "NOT met"),10} {peak} {allNeeded / 1024.0,14:0.0} {Fits(allNeeded),14}");
        }
        Console.WriteLine("  allocated: all the probe allocates in one run; peak+records: what the heap must hold at once at best (a lower bound);");
        Console.WriteLine("  alloc+records: what it must hold if nothing were collected during the run (an upper bound).");
    }

    // The name a row goes by: the target's name without "-twin" ("openwrt", "openwrt-21.02", "web").
    private static string Label(JobTarget target) => target.Name.EndsWith("-twin", StringComparison.Ordinal) ? target.Name[..^5] : target.Name;

    private static string Fits(long bytes) => bytes < Esp32Heap.Rev0FreeBytes ? "fits" : "does not fit";

    /// <summary>What the engine allocated before each call (building it, digesting the previous answer), and after the last.</summary>
    private static void PrintCalls(string probe, ReplayHttpTransport replay, long start, long end)
    {
        var marks = replay.AllocatedAtCall;
        Console.WriteLine($"    {probe}: engine bytes up to each call");
        var previous = start;
        for (var i = 0; i < marks.Length; i++)
        {
            Console.WriteLine($"      {marks[i] - previous,10:N0}  before {replay.DescribeCall(i)}");
            previous = marks[i];
        }
        Console.WriteLine($"      {end - previous,10:N0}  after the last answer");
    }

    private static (long ThreadBytes, long ProcessBytes, long Milliseconds, T Result) Allocations<T>(Func<T> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var thread = GC.GetAllocatedBytesForCurrentThread();
        var process = GC.GetTotalAllocatedBytes(precise: true);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = action();
        var ms = started.ElapsedMilliseconds;
        return (GC.GetAllocatedBytesForCurrentThread() - thread, GC.GetTotalAllocatedBytes(precise: true) - process, ms, result);
    }
}
