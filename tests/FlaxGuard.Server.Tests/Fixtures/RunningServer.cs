using System.Collections.Concurrent;
using System.Net;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Tests.Fixtures;

/// <summary>The real collector on 127.0.0.1 at a free port over a fresh SQLite (or given) store, with one enrolled appliance and device.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDir _dir = new("api");

    public sealed class RecordingSink : IFindingSink
    {
        public ConcurrentQueue<FindingChange> Changes { get; } = new();

        public Task PublishAsync(IReadOnlyList<FindingChange> changes, CancellationToken ct)
        {
            foreach (var c in changes) Changes.Enqueue(c);
            return Task.CompletedTask;
        }
    }

    public FlaxServer Server { get; private set; } = null!;
    public IFlaxStore Store { get; private set; } = null!;
    public MasterKey Master { get; } = MasterKey.Ephemeral();
    public RecordingSink Sink { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public ApplianceRecord Appliance { get; private set; } = null!;
    public byte[] Key { get; private set; } = null!;
    public DeviceRecord Device { get; private set; } = null!;

    public static async Task<RunningServer> StartAsync(IFlaxStore? store = null, int maxReportBytes = 512 * 1024, Func<IFlaxStore, IEnumerable<IFindingSink>>? moreSinks = null,
        long applianceBytesPerHour = ApplianceQuota.DefaultBytesPerHour, TimeProvider? clock = null)
    {
        var s = new RunningServer();
        s.Store = store ?? new SqliteFlaxStore(s._dir.File("flaxguard.db"));
        await s.Store.MigrateAsync(null, CancellationToken.None);
        (s.Appliance, s.Key) = await Enrollment.AddApplianceAsync(s.Store, s.Master, "dongle", 300, TestReports.Now, CancellationToken.None);
        s.Device = await Enrollment.AddDeviceAsync(s.Store, s.Master, "office-router", s.Appliance.Id, "192.0.2.1", "openwrt", "default", "root", "pässwörd-42", TestReports.Now, CancellationToken.None);
        s.Server = FlaxServer.Create(new ServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), MaxReportBytes = maxReportBytes, ApplianceBytesPerHour = applianceBytesPerHour, Clock = clock ?? TimeProvider.System }, s.Store, s.Master, [s.Sink, .. moreSinks?.Invoke(s.Store) ?? []]);
        await s.Server.StartAsync(CancellationToken.None);
        s.Http = new HttpClient { BaseAddress = s.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        return s;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
