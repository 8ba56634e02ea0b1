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
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// <c>--agent-memory</c>: the engine's allocations during a full job round against the four vendor lab twins
/// (OpenWrt, RouterOS, Hikvision, ONVIF on loopback), as a proxy for the ESP32's managed heap (about 79 KB in
/// total on a board without PSRAM; the target is under 48 KiB per probe). Each probe is measured alone, then each
/// whole target through <see cref="JobRound.RunTarget"/> (probes, drift, sealing, queueing). After one warm-up
/// round (JIT, first connections), so the numbers are the steady state an appliance runs in.
/// "thread" counts what the engine allocates on the checking thread (GC.GetAllocatedBytesForCurrentThread);
/// "process" adds every other thread (the TCP probe's workers, HttpClient's I/O, and the in-process twins'
/// servers), so it is an upper bound. Both are bytes allocated, which bounds the peak live heap from above.
/// </summary>
public static class AgentMemoryHarness
{
    private const long TargetBytesPerProbe = 48 * 1024;
    private const string User = "admin";

    public static int Run(string[] args) => RunAsync(args.Contains("--calls")).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(bool showCalls)
    {
        var password = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var openWrt = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{block}.2"), 0, User, password, cts.Token);
        await using var routerOs = await RouterOsTwin.StartAsync(IPAddress.Parse($"127.82.{block}.2"), 0, User, password, cts.Token);
        await using var hikvision = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.83.{block}.2"), 0, User, password, cts.Token);
        await using var onvif = await OnvifTwin.StartAsync(IPAddress.Parse($"127.84.{block}.2"), 0, User, password, cts.Token);
        ILabTwin[] twins = [openWrt, routerOs, hikvision, onvif];
        var targets = twins.Select((t, i) => new JobTarget("dev-" + i, t.Profile + "-twin", t.BaseUri.ToString().TrimEnd('/'), t.Profile, "", User, password, null)).ToArray();

        var stateDir = Path.Combine(Path.GetTempPath(), "fg-agent-memory-" + Guid.NewGuid().ToString("N")[..10]);
        using var http = new HttpClientTransport();
        var tcp = new SocketTcpConnector();
        var udp = new SocketUdpExchange();
        try
        {
            var state = new DirectoryKeyValueStore(stateDir);
            var key = RandomNumberGenerator.GetBytes(32);
            var roundHttp = new ReplayHttpTransport(http);
            var round = new JobRound("fg-bench", key, new ReportCounter(state), new ReportQueue(state, ReportQueueOptions.ForLinux()),
                roundHttp, tcp, udp, SystemClock.Instance, SecureRandomSource.Instance, null);

            Console.WriteLine("Warm-up round (JIT, first connections)...");
            foreach (var target in targets)
            {
                Measure(target, http, tcp, udp, false);
                roundHttp.StartRecording();
                round.RunTarget(target);
            }

            Console.WriteLine();
            Console.WriteLine($"{"target / probe",-34} {"engine bytes",14} {"live peak",10} {"thread bytes",14} {"process bytes",14} {"facts",6} {"calls",6} {"ms",6}");
            var worstProbe = 0L;
            foreach (var target in targets)
            {
                foreach (var m in Measure(target, http, tcp, udp, showCalls))
                {
                    worstProbe = Math.Max(worstProbe, m.EngineBytes);
                    Console.WriteLine($"  {target.Profile + " / " + m.Probe,-32} {m.EngineBytes,14:N0} {m.LiveBytes,10:N0} {m.ThreadBytes,14:N0} {m.ProcessBytes,14:N0} {m.Facts,6} {m.Calls,6} {m.Milliseconds,6}");
                }
                // The whole target as the appliance runs it: probes, drift against the baseline, sealing, queueing.
                // Replayed, it still counts the TCP probe's sockets and the report queue's file writes.
                roundHttp.StartRecording();
                var (threadBytes, processBytes, ms, summary) = Allocations(() => round.RunTarget(target));
                roundHttp.StartReplay();
                var (targetEngineBytes, _, _, _) = Allocations(() => round.RunTarget(target));
                Console.WriteLine($"{target.Profile + " whole target (RunTarget)",-34} {targetEngineBytes,14:N0} {"",10} {threadBytes,14:N0} {processBytes,14:N0} {summary.Facts,6} {roundHttp.Calls,6} {ms,6}   report {summary.ReportBytes} bytes, worst {summary.Highest.ToString().ToLowerInvariant()}");
            }
            // What the .NET adapter itself costs per request (HttpClient, headers, buffers), which the ESP32's
            // native HttpWebRequest does not spend from the managed heap: one GET of the OpenWrt twin's page.
            var (adapterBytes, _, _, _) = Allocations(() => http.Send(new FlaxGuard.Engine.Platform.HttpRequest("GET", openWrt.BaseUri.ToString()), null));
            Console.WriteLine($"{"(.NET HttpClientTransport, one GET)",-34} {adapterBytes,14:N0}");
            Console.WriteLine();
            var pass = worstProbe < TargetBytesPerProbe;
            Console.WriteLine($"Largest probe (engine bytes): {worstProbe:N0} bytes = {worstProbe / 1024.0:0.0} KiB; target < {TargetBytesPerProbe / 1024} KiB per probe: {(pass ? "met" : "NOT met")}");
            return pass ? 0 : 1;
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
        }
    }

    private sealed record ProbeMeasurement(string Probe, long EngineBytes, long LiveBytes, long ThreadBytes, long ProcessBytes, int Facts, int Calls, long Milliseconds);

    /// <summary>
    /// Each probe twice: live through the .NET transport (thread and process bytes, recording the exchanges), then
    /// played back from the recording (engine bytes: everything the probe allocates, nothing the adapter does).
    /// </summary>
    private static List<ProbeMeasurement> Measure(JobTarget target, HttpClientTransport http, SocketTcpConnector tcp, SocketUdpExchange udp, bool showCalls)
    {
        var plan = TargetPlan.For(target);
        if (plan.Host is null) throw new InvalidOperationException($"{target.Profile}: {plan.Problem}");
        var replay = new ReplayHttpTransport(http);
        var results = new List<ProbeMeasurement>();
        foreach (var probe in plan.Probes)
        {
            replay.StartRecording();
            var output = new ProbeOutput();
            var context = new ProbeContext(plan.Host, replay, tcp, udp, SystemClock.Instance, SecureRandomSource.Instance);
            var (threadBytes, processBytes, ms, _) = Allocations(() =>
            {
                probe.Run(context, output);
                return 0;
            });
            var calls = replay.Calls;
            var engineBytes = threadBytes;
            var liveBytes = 0L;
            if (calls > 0)
            {
                replay.StartReplay();
                var replayed = new ProbeOutput();
                var start = 0L;
                (engineBytes, _, _, start) = Allocations(() =>
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    probe.Run(context, replayed);
                    return before;
                });
                if (replayed.Facts.Count != output.Facts.Count)
                    throw new InvalidOperationException($"{probe.Name}: played back {replayed.Facts.Count} facts, live {output.Facts.Count}");
                if (showCalls) PrintCalls(probe.Name, replay, start, start + engineBytes);
                liveBytes = LivePeak(probe, context, replay);
            }
            results.Add(new ProbeMeasurement(probe.Name, engineBytes, liveBytes, threadBytes, processBytes, output.Facts.Count, calls, ms));
        }
        return results;
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
