using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Bench;

/// <summary>
/// Dashboard overview at scale: <c>--dashboard-harness [devices] [reports] [iterations]</c> (defaults 1,000 / 100,000 / 60).
/// Seeds SQLite through the store's real ingest path (verified Report objects in large batches: drift, findings and
/// baselines are computed as for posted reports, only HTTP and signatures are skipped), approves every baseline after
/// the first round, lets a tenth of the devices drift, then times GET /dashboard on the real server (request to last byte,
/// on loopback) and prints median/p95/max.
/// </summary>
public static class DashboardHarness
{
    private const int DevicesPerAppliance = 20;
    private const int BatchSize = 500;

    public static int Run(string[] args)
    {
        var devices = args.Length > 1 ? int.Parse(args[1]) : 1_000;
        var reports = args.Length > 2 ? int.Parse(args[2]) : 100_000;
        var iterations = args.Length > 3 ? int.Parse(args[3]) : 60;
        return RunAsync(Math.Clamp(devices, 1, 100_000), Math.Clamp(reports, 1, 10_000_000), Math.Clamp(iterations, 5, 10_000)).GetAwaiter().GetResult();
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static FactSet Facts(int device, bool drifted)
    {
        var facts = new FactSet();
        facts.Add("fw.vendor", "openwrt", FactKind.Firmware);
        facts.Add("fw.version", "23.05.3", FactKind.Firmware);
        facts.Add("cfg.user.root", "admin", FactKind.Config);
        facts.Add("cfg.dns.server.192.0.2.1", "configured", FactKind.Config);
        facts.Add("net.tcp.443", "open", FactKind.Exposure);
        for (var i = 0; i < 12; i++) facts.Add($"http.asset./js/{i:D2}.js", Convert.ToHexStringLower(BitConverter.GetBytes((device + 1) * 2654435761L + i)), FactKind.Asset);
        if (drifted)
        {
            if (device % 2 == 0) facts.Add("cfg.service.telnet", "port=23 from=any", FactKind.Config);
            else facts.Add("cfg.service.ssh", "port=22 from=any", FactKind.Config);
        }
        return facts;
    }

    private static async Task<int> RunAsync(int deviceCount, int reportCount, int iterations)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "fg-dashboard-bench-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDir);
        var store = new SqliteFlaxStore(Path.Combine(dataDir, "flaxguard.db"));
        try
        {
            await store.MigrateAsync(null, CancellationToken.None);
            var master = MasterKey.LoadOrCreate(dataDir);
            var ct = CancellationToken.None;

            var seed = Stopwatch.StartNew();
            var applianceIds = new List<string>();
            var devices = new List<(string Appliance, string Device)>();
            for (var i = 0; i < deviceCount; i++)
            {
                if (i % DevicesPerAppliance == 0)
                    applianceIds.Add((await Enrollment.AddApplianceAsync(store, master, $"dongle-{i / DevicesPerAppliance:D4}", 300, Now(), ct)).Appliance.Id);
                var d = await Enrollment.AddDeviceAsync(store, master, $"router-{i:D5}", applianceIds[^1], $"10.{i / 250}.{i % 250}.1", "openwrt", "", "root", "pw", Now(), ct);
                devices.Add((applianceIds[^1], d.Id));
            }
            var enrolled = seed.Elapsed;
            var counters = applianceIds.ToDictionary(a => a, _ => 0L);
            var clean = Enumerable.Range(0, deviceCount).Select(i => Facts(i, false)).ToArray();
            var drifted = Enumerable.Range(0, deviceCount).Select(i => Facts(i, true)).ToArray();
            var batch = new List<IngestItem>(BatchSize);
            var sent = 0;
            var round = 0;
            async Task Flush()
            {
                if (batch.Count == 0) return;
                var results = await store.StoreReportsAsync(batch, ct);
                if (results.Any(r => r.Status != IngestStatus.Stored)) throw new InvalidOperationException("a seeded report was not stored");
                batch.Clear();
            }
            while (sent < reportCount)
            {
                for (var i = 0; i < deviceCount && sent < reportCount; i++, sent++)
                {
                    var (appliance, device) = devices[i];
                    var counter = ++counters[appliance];
                    var facts = round >= 2 && i % 10 == 0 ? drifted[i] : clean[i];
                    var report = new Report(appliance, counter, Now(), [new ReportTarget(device, facts, [])]);
                    batch.Add(new IngestItem(report, 2048, Now(), i % 7, System.Security.Cryptography.SHA256.HashData(System.BitConverter.GetBytes(counter))));
                    if (batch.Count == BatchSize) await Flush();
                }
                await Flush();
                if (round == 0)
                    foreach (var (_, device) in devices) await store.ApproveBaselineAsync(device, false, Now(), ct);
                round++;
            }
            var seeded = seed.Elapsed;
            Console.WriteLine($"dashboard harness: {deviceCount} devices on {applianceIds.Count} appliances, {await store.CountReportsAsync(null, ct)} reports " +
                $"(enrolled in {enrolled.TotalSeconds:0.0} s, seeded in {seeded.TotalSeconds:0.0} s = {reportCount / (seeded - enrolled).TotalSeconds:0} reports/s), " +
                $"{new FileInfo(store.FilePath).Length / 1048576.0:0.0} MiB + WAL, {Environment.ProcessorCount} cores");

            await using var server = DashboardHost.Create(new ServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) }, store, master,
                new DashboardOptions { PasswordFile = Path.Combine(dataDir, DashboardOptions.PasswordFileName) });
            await server.StartAsync(ct);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

            var warm = await http.GetStringAsync("/dashboard", ct);
            var rows = warm.Split("<tr data-device=").Length - 1;
            if (rows != deviceCount) throw new InvalidOperationException($"the overview shows {rows} devices, expected {deviceCount}");
            for (var i = 0; i < 4; i++) await http.GetStringAsync("/dashboard", ct);

            var times = new List<double>(iterations);
            for (var i = 0; i < iterations; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("/dashboard", HttpCompletionOption.ResponseContentRead, ct);
                response.EnsureSuccessStatusCode();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            Console.WriteLine($"GET /dashboard ({warm.Length / 1024} KiB, {rows} rows), {iterations} requests one after another: {Summary(times)}  (target < 200 ms)");

            var status = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await StatusEvaluator.EvaluateAsync(store, Now(), ct);
                status.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            Console.WriteLine($"  of which the status query (StatusEvaluator, one latest-result query for all devices): {Summary(status)}");

            var latestOnly = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                await store.LatestResultsAsync(ct);
                latestOnly.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            Console.WriteLine($"  of which the latest-result query alone: {Summary(latestOnly)}");

            // The per-device lookup the overview would otherwise make (one LatestResultAsync per device), for comparison.
            var perDevice = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                foreach (var (_, device) in devices) await store.LatestResultAsync(device, ct);
                perDevice.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            Console.WriteLine($"  for comparison, one LatestResultAsync per device: {Summary(perDevice)}");
            return Percentile(times, 0.95) < 200 ? 0 : 1;
        }
        finally
        {
            await store.DisposeAsync();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Summary(List<double> ms) => $"median {Percentile(ms, 0.5):0.0} ms, p95 {Percentile(ms, 0.95):0.0} ms, max {ms.Max():0.0} ms";
}
