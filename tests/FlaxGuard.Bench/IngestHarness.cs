using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Bench;

/// <summary>
/// Sustained ingest over real HTTP into the real collector: <c>--ingest-harness sqlite|postgres [seconds] [clients]</c>.
/// Phase 1 (saturation): every client appliance posts signed ~2 KB reports back to back; reports/s and ack latency.
/// Phase 2 (paced): 500 reports/s spread over the appliances on a fixed schedule; latency is measured from the
/// scheduled send time (so a stall is not hidden by sending later), p50/p99/max printed.
/// Phase 3 (under attack): 200 reports/s paced while 200 slow connections and an unauthenticated flood run.
/// </summary>
public static class IngestHarness
{
    public static int Run(string[] args)
    {
        var mode = args.Length > 1 ? args[1] : "sqlite";
        var seconds = args.Length > 2 ? int.Parse(args[2]) : 10;
        var clients = args.Length > 3 ? int.Parse(args[3]) : 16;
        if (mode is not ("sqlite" or "postgres")) { Console.Error.WriteLine("usage: --ingest-harness sqlite|postgres [seconds] [clients]"); return 2; }
        return RunAsync(mode, Math.Clamp(seconds, 1, 600), Math.Clamp(clients, 1, 256)).GetAwaiter().GetResult();
    }

    private sealed class Appliance(string id, byte[] key, string device)
    {
        public string Id { get; } = id;
        public byte[] Key { get; } = key;
        public string Device { get; } = device;
        public long Counter;
    }

    private static FactSet Facts(int padding)
    {
        var facts = new FactSet();
        facts.Add("fw.vendor", "openwrt", FactKind.Firmware);
        facts.Add("fw.version", "23.05.3", FactKind.Firmware);
        facts.Add("cfg.user.root", "admin", FactKind.Config);
        facts.Add("cfg.dns.server.192.0.2.1", "configured", FactKind.Config);
        facts.Add("net.tcp.443", "open", FactKind.Exposure);
        for (var i = 0; i < padding; i++) facts.Add($"http.asset./js/{i:D4}.js", Convert.ToHexStringLower(BitConverter.GetBytes(i * 2654435761L)) + new string('0', 48), FactKind.Asset);
        return facts;
    }

    private static async Task<int> RunAsync(string mode, int seconds, int clients)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "fg-ingest-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDir);
        IFlaxStore store = mode == "sqlite"
            ? new SqliteFlaxStore(Path.Combine(dataDir, "flaxguard.db"))
            : new PostgresFlaxStore(PostgresFlaxStore.ConnectionStringFromUrl(PostgresCluster.Instance.NewDatabaseUrl()));
        try
        {
            await store.MigrateAsync(null, CancellationToken.None);
            var master = MasterKey.LoadOrCreate(dataDir);
            var facts = Facts(24);
            var appliances = new List<Appliance>();
            for (var i = 0; i < clients; i++)
            {
                var (a, key) = await Enrollment.AddApplianceAsync(store, master, $"bench-{i}", 300, Now(), CancellationToken.None);
                var d = await Enrollment.AddDeviceAsync(store, master, $"router-{i}", a.Id, $"10.0.{i}.1", "openwrt", "", "root", "pw", Now(), CancellationToken.None);
                appliances.Add(new Appliance(a.Id, key, d.Id));
            }
            await using var server = FlaxServer.Create(new ServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) }, store, master);
            await server.StartAsync(CancellationToken.None);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            var sample = ReportEnvelope.Seal(new Report(appliances[0].Id, 1, Now(), [new ReportTarget(appliances[0].Device, facts, [])]), appliances[0].Key);
            Console.WriteLine($"ingest harness: {store.Description}, {clients} client appliances, report size {sample.Length} bytes, {Environment.ProcessorCount} cores");

            // Warm-up: first reports propose baselines, which are approved, so later reports run the drift path.
            foreach (var a in appliances) await Post(http, a, facts);
            foreach (var a in appliances) await store.ApproveBaselineAsync(a.Device, false, Now(), CancellationToken.None);
            for (var i = 0; i < 3; i++) await Task.WhenAll(appliances.Select(a => Post(http, a, facts)));

            // Warm-up at full load for the same duration: tiered JIT reaches optimised code only after many calls,
            // and on a shared machine its background compiler is slow to get a core.
            var warmUntil = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
            await Task.WhenAll(appliances.Select(a => Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < warmUntil) await Post(http, a, facts);
            })));

            // Phase 1: saturation.
            var latencies = new List<double>[clients];
            var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.WhenAll(appliances.Select((a, i) => Task.Run(async () =>
            {
                var mine = latencies[i] = [];
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await Post(http, a, facts);
                    mine.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            })));
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var all = latencies.SelectMany(l => l).Order().ToList();
            Console.WriteLine($"saturation: {all.Count} reports in {elapsed:F1} s = {all.Count / elapsed:F0} reports/s; ack p50 {P(all, 0.50):F1} ms, p99 {P(all, 0.99):F1} ms, max {all[^1]:F1} ms");
            // Under a shared machine wall-clock rates mislead; CPU time per report (server + clients in this process) does not.
            Console.WriteLine($"cpu: {cpu / all.Count:F3} ms of CPU per report (server and clients together) = {all.Count / (cpu / 1000.0):F0} reports per CPU-second; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

            // Phase 2: paced at 500 reports/s, latency from the scheduled send time.
            const double rate = 500;
            var total = (int)(rate * seconds);
            var paced = new List<double>[clients];
            var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
            await Task.WhenAll(appliances.Select((a, i) => Task.Run(async () =>
            {
                var mine = paced[i] = [];
                for (var k = i; k < total; k += clients)
                {
                    var due = origin + (long)(k / rate * Stopwatch.Frequency);
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                    await Post(http, a, facts);
                    mine.Add((Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency);
                }
            })));
            var p = paced.SelectMany(l => l).Order().ToList();
            Console.WriteLine($"paced 500/s: {p.Count} reports; ack latency from schedule p50 {P(p, 0.50):F1} ms, p99 {P(p, 0.99):F1} ms, max {p[^1]:F1} ms");
            var attacked = await UnderAttackAsync(server.BaseAddress!, http, appliances, facts, seconds);
            Console.WriteLine($"under attack (200 slow connections trickling headers, 8 clients flooding unsigned reports): paced 200/s legit p50 {P(attacked.Latencies, 0.50):F1} ms, " +
                              $"p99 {P(attacked.Latencies, 0.99):F1} ms, max {attacked.Latencies[^1]:F1} ms; flood {attacked.FloodRequests} requests ({attacked.FloodRequests / (double)seconds:F0}/s), " +
                              $"answered 400: {attacked.Flood400}, other: {attacked.FloodOther}; slow connections still open at the end: {attacked.SlowOpen}");
            var stored = await store.CountReportsAsync(null, CancellationToken.None);
            var expected = appliances.Sum(a => a.Counter);
            Console.WriteLine($"stored {stored} reports, acknowledged {expected}: {(stored == expected ? "all present" : "MISMATCH")}");
            return stored == expected ? 0 : 1;
        }
        finally
        {
            await store.DisposeAsync();
            try { Directory.Delete(dataDir, true); } catch (IOException) { }
        }
    }

    private sealed record AttackResult(List<double> Latencies, long FloodRequests, long Flood400, long FloodOther, int SlowOpen);

    /// <summary>
    /// Legit reports paced at 200/s while 200 connections send their headers one byte a second (slowloris) and 8
    /// clients post unsigned garbage as fast as the server answers; everything on loopback, bounded by
    /// <paramref name="seconds"/>. Latency is measured from the scheduled send time.
    /// </summary>
    private static async Task<AttackResult> UnderAttackAsync(Uri baseAddress, HttpClient http, List<Appliance> appliances, FactSet facts, int seconds)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 2));
        var endpoint = new IPEndPoint(IPAddress.Loopback, baseAddress.Port);
        var slow = new List<System.Net.Sockets.Socket>();
        for (var i = 0; i < 200; i++)
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint);
            await socket.SendAsync("POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"u8.ToArray());
            slow.Add(socket);
        }
        var trickle = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var socket in slow)
                {
                    try { if (socket.Connected) await socket.SendAsync("X"u8.ToArray()); } catch (System.Net.Sockets.SocketException) { }
                }
                try { await Task.Delay(1000, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        long floodRequests = 0, flood400 = 0, floodOther = 0;
        using var floodClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var garbage = new byte[64];
        Random.Shared.NextBytes(garbage);
        var flood = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await floodClient.PostAsync("api/v1/reports", new ByteArrayContent(garbage), stop.Token);
                    Interlocked.Increment(ref floodRequests);
                    if (response.StatusCode == HttpStatusCode.BadRequest) Interlocked.Increment(ref flood400); else Interlocked.Increment(ref floodOther);
                }
                catch (OperationCanceledException) { }
                catch (HttpRequestException) { Interlocked.Increment(ref floodOther); }
            }
        })).ToArray();

        const double rate = 200;
        var total = (int)(rate * seconds);
        var paced = new List<double>[appliances.Count];
        var origin = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        await Task.WhenAll(appliances.Select((a, i) => Task.Run(async () =>
        {
            var mine = paced[i] = [];
            for (var k = i; k < total; k += appliances.Count)
            {
                var due = origin + (long)(k / rate * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                await Post(http, a, facts);
                mine.Add((Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency);
            }
        })));
        stop.Cancel();
        await Task.WhenAll(flood);
        await trickle;
        var open = slow.Count(s => s.Connected && !(s.Poll(0, System.Net.Sockets.SelectMode.SelectRead) && s.Available == 0));
        slow.ForEach(s => s.Dispose());
        return new AttackResult(paced.SelectMany(l => l).Order().ToList(), floodRequests, flood400, floodOther, open);
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private static async Task Post(HttpClient http, Appliance a, FactSet facts)
    {
        var counter = Interlocked.Increment(ref a.Counter);
        var body = ReportEnvelope.Seal(new Report(a.Id, counter, Now(), [new ReportTarget(a.Device, facts, [])]), a.Key);
        using var response = await http.PostAsync("api/v1/reports", new ByteArrayContent(body));
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"report {counter} of {a.Id} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
