using System.Collections.Concurrent;
using System.Net;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Durability;

/// <summary>
/// The real server is SIGKILLed in the middle of an ingest burst from concurrent clients; after a restart
/// every report it acknowledged must be in the database, and the database must open and check clean.
/// </summary>
[TestClass]
public sealed class KillDuringIngestTests
{
    private const int Clients = 6;

    [TestMethod]
    public async Task EveryAcknowledgedReport_SurvivesSigkill_Sqlite()
    {
        using var dir = new TempDir("kill");
        var dbPath = dir.File("flaxguard.db");
        await RunKillScenario(dir.Path, null, () => new SqliteFlaxStore(dbPath));
        await using var store = new SqliteFlaxStore(dbPath);
        Assert.AreEqual("ok", await store.IntegrityCheckAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task EveryAcknowledgedReport_SurvivesSigkill_Postgres()
    {
        using var dir = new TempDir("kill-pg");
        var url = PostgresCluster.Instance.NewDatabaseUrl();
        await RunKillScenario(dir.Path, PostgresCluster.WithPasswordFile(url, dir.File("db.pass")), () => new PostgresFlaxStore(PostgresFlaxStore.ConnectionStringFromUrl(url)));
    }

    private static async Task RunKillScenario(string dataDir, string? db, Func<IFlaxStore> open)
    {
        var master = MasterKey.LoadOrCreate(dataDir);
        var appliances = new List<(string Id, byte[] Key, string Device)>();
        await using (var store = open())
        {
            await store.MigrateAsync(null, CancellationToken.None);
            for (var i = 0; i < Clients; i++)
            {
                var (a, key) = await Enrollment.AddApplianceAsync(store, master, $"dongle-{i}", 300, TestReports.Now, CancellationToken.None);
                var d = await Enrollment.AddDeviceAsync(store, master, $"router-{i}", a.Id, $"192.168.{i}.1", "openwrt", "", "root", "pw", TestReports.Now, CancellationToken.None);
                appliances.Add((a.Id, key, d.Id));
            }
        }

        var acknowledged = new ConcurrentBag<(string Appliance, long Counter)>();
        using (var serve = ServeProcess.Start(dataDir, db))
        {
            using var http = serve.CreateClient(TimeSpan.FromSeconds(10));
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var killAt = 400 + Random.Shared.Next(200);
            var clients = appliances.Select(a => Task.Run(async () =>
            {
                // Each appliance posts in order, as a real one does; the burst is bounded in count and time.
                for (long counter = 1; counter <= 5000 && !stop.IsCancellationRequested; counter++)
                {
                    var body = TestReports.Seal(TestReports.Make(a.Id, counter, a.Device, TestReports.RouterFacts(padding: 30)), a.Key);
                    try
                    {
                        using var response = await http.PostAsync("api/v1/reports", new ByteArrayContent(body), stop.Token);
                        if (response.StatusCode != HttpStatusCode.OK) Assert.Fail($"report {counter} of {a.Id} refused: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        acknowledged.Add((a.Id, counter));
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // the server is gone
                    }
                }
            })).ToArray();
            while (acknowledged.Count < killAt && !stop.IsCancellationRequested && clients.Any(c => !c.IsCompleted)) await Task.Delay(5);
            serve.Kill();
            await Task.WhenAll(clients);
            Assert.IsGreaterThanOrEqualTo(killAt, acknowledged.Count, "the burst did not get going before the kill: " + serve.Output);
        }

        // Restart the real server on the same database: it must open cleanly and carry on from the stored counters.
        using (var restarted = ServeProcess.Start(dataDir, db))
        {
            using var http = restarted.CreateClient(TimeSpan.FromSeconds(10));
            await using var store = open();
            foreach (var a in appliances)
            {
                var stored = (await store.ReportCountersAsync(a.Id, CancellationToken.None)).ToHashSet();
                var acked = acknowledged.Where(x => x.Appliance == a.Id).Select(x => x.Counter).ToList();
                var lost = acked.Where(c => !stored.Contains(c)).ToList();
                Assert.IsEmpty(lost, $"{a.Id}: acknowledged but lost after SIGKILL: {string.Join(',', lost)}");
                var next = stored.Count == 0 ? 1 : stored.Max() + 1;
                var body = TestReports.Seal(TestReports.Make(a.Id, next, a.Device, TestReports.RouterFacts()), a.Key);
                using var response = await http.PostAsync("api/v1/reports", new ByteArrayContent(body));
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }
    }
}
