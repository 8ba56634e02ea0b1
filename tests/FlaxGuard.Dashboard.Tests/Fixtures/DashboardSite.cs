using System.Net;
using System.Net.Http.Headers;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Dashboard.Tests.Fixtures;

/// <summary>
/// The real collector with its dashboard on 127.0.0.1 at a free port over a fresh SQLite store. Devices are seeded
/// only through the real API: signed reports from an enrolled appliance, as a dongle would post them.
/// </summary>
public sealed class DashboardSite : IAsyncDisposable
{
    private readonly TempDir _dir = new("dashboard");
    private readonly Dictionary<string, (string Id, byte[] Key, long Counter)> _appliances = new(StringComparer.Ordinal);

    public FlaxServer Server { get; private set; } = null!;
    public IFlaxStore Store { get; private set; } = null!;
    public MasterKey Master { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string PasswordFile => _dir.File(DashboardOptions.PasswordFileName);
    public Uri BaseAddress => Server.BaseAddress;

    /// <param name="plainHttp">Without TLS, as 'serve --plain-http' runs (where a DNS-rebinding page reached the dashboard).</param>
    public static async Task<DashboardSite> StartAsync(DashboardAuthMode auth = DashboardAuthMode.Auto, string? password = null, bool plainHttp = false)
    {
        var site = new DashboardSite();
        if (password is not null) DashboardPassword.Save(site.PasswordFile, password);
        site.Master = MasterKey.LoadOrCreate(site._dir.Path);
        site.Store = new SqliteFlaxStore(site._dir.File("flaxguard.db"));
        await site.Store.MigrateAsync(null, CancellationToken.None);
        // HTTPS as 'flaxguard serve' runs it, with the run's shared host CA certificate.
        site.Server = DashboardHost.Create(new ServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), Certificate = plainHttp ? null : DashboardTls.ServerCertificate }, site.Store, site.Master,
            new DashboardOptions { Auth = auth, PasswordFile = site.PasswordFile });
        await site.Server.StartAsync(CancellationToken.None);
        site.Http = plainHttp
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = site.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }
            : PinnedHttp.Create(DashboardTls.Ca, site.Server.BaseAddress, TimeSpan.FromSeconds(30), allowRedirects: false);
        return site;
    }

    public async Task<string> AddApplianceAsync(string name, int intervalSeconds = 300)
    {
        var (appliance, key) = await Enrollment.AddApplianceAsync(Store, Master, name, intervalSeconds, TestReports.Now, CancellationToken.None);
        _appliances[name] = (appliance.Id, key, 0);
        return appliance.Id;
    }

    public async Task<DeviceRecord> AddDeviceAsync(string appliance, string name) =>
        await Enrollment.AddDeviceAsync(Store, Master, name, _appliances[appliance].Id, "192.0.2.1", "openwrt", "default", "root", "secret-pw", TestReports.Now, CancellationToken.None);

    /// <summary>Posts one signed report for one device through POST /api/v1/reports and asserts it was accepted.</summary>
    public async Task PostAsync(string appliance, DeviceRecord device, FactSet facts, int? queueLength = null, params Verdict[] verdicts)
    {
        var (id, key, counter) = _appliances[appliance];
        counter++;
        _appliances[appliance] = (id, key, counter);
        var body = ReportEnvelope.Seal(new Report(id, counter, TestReports.Now, [new ReportTarget(device.Id, facts, verdicts)]), key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (queueLength is not null) request.Headers.Add(FlaxServer.QueueHeader, queueLength.Value.ToString());
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        StringAssert.Contains(text, "\"accepted\":true");
    }

    /// <summary>Posts one signed LAN inventory report of the appliance through POST /api/v1/reports and asserts it was accepted.</summary>
    public async Task PostInventoryAsync(string appliance, LanInventory inventory)
    {
        var (id, key, counter) = _appliances[appliance];
        counter++;
        _appliances[appliance] = (id, key, counter);
        var body = ReportEnvelope.Seal(new Report(id, counter, TestReports.Now, inventory), key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, text);
        StringAssert.Contains(text, "\"accepted\":true");
    }

    public Task<BaselineRecord?> BaselineAsync(DeviceRecord device, BaselineState state) => Store.LatestBaselineAsync(device.Id, state, CancellationToken.None);

    public async Task<PluginState> StatusAsync(DeviceRecord device) =>
        (await StatusEvaluator.EvaluateAsync(Store, TestReports.Now, CancellationToken.None)).Devices.Single(d => d.DeviceId == device.Id).State;

    public string DeviceUrl(DeviceRecord device) => new Uri(BaseAddress, "dashboard/device/" + Uri.EscapeDataString(device.Id)).ToString();

    public string OverviewUrl => new Uri(BaseAddress, "dashboard").ToString();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        _dir.Dispose();
    }
}
