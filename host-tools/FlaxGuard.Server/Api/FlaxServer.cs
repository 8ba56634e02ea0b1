using System.Security.Cryptography;
using System.Net;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Server.Ingest;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FlaxGuard.Server.Api;

/// <summary>
/// The collector's HTTP API (minimal APIs on Kestrel):
/// <list type="bullet">
/// <item><c>GET /api/v1/job</c> with X-FlaxGuard-Device and X-FlaxGuard-Auth (see <see cref="JobRequestAuth"/>) returns the sealed FGJ1 job.</item>
/// <item><c>GET /api/v1/hashdb</c>, authenticated the same way for its own path, returns the firmware database compiled for
/// that appliance (ranged reads with Range; ETag is the version the job names), or 404 when serve has none.</item>
/// <item><c>POST /api/v1/reports</c> with an FGR1 envelope as the body returns {accepted, counter} after the commit, or {error, reason}.</item>
/// <item><c>GET /api/v1/health</c>: {"status":"ok"}; for callers who may see the dashboard also the store, report count,
/// refusal counters, appliance last-seen and queue length (see <see cref="ShowsHealthDetails"/>).</item>
/// </list>
/// Every request passes <see cref="RequestGuard"/> first (Host header check, malformed HTTP as a 4xx).
/// The dashboard adds its endpoints through <c>configure</c> and <see cref="App"/> before <see cref="StartAsync"/>.
/// </summary>
public sealed class FlaxServer : IAsyncDisposable
{
    public const string QueueHeader = "X-FlaxGuard-Queue";

    private readonly ServerOptions _options;
    private readonly IFlaxStore _store;
    private readonly MasterKey _master;
    private readonly ApplianceDirectory _appliances;
    private readonly ReportIngestor _ingestor;
    private readonly ILogger _log;
    private readonly RequestRefusals _refusals;
    private readonly ApplianceQuota _quota;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _maintenance;
    private int _shutDown;

    private FlaxServer(WebApplication app, ServerOptions options, IFlaxStore store, MasterKey master, IEnumerable<IFindingSink> sinks)
    {
        App = app;
        _options = options;
        _store = store;
        _master = master;
        _log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("flaxguard.serve");
        _appliances = new ApplianceDirectory(store, master);
        _ingestor = new ReportIngestor(store, sinks, _log);
        _quota = new ApplianceQuota(options.ApplianceBytesPerHour, options.Clock);
        _refusals = new RequestRefusals(new RefusalCounter(store, _log), new ClientLogLimiter(_log, linesPerWindow: options.LogLinesPerClientPerMinute));
        ShowsHealthDetails = _ => IPAddress.IsLoopback(options.Listen.Address);
        var guard = new RequestGuard(options.AllowedHosts ?? HostAllowList.For(options.Listen, []), _refusals);
        app.Use(guard.InvokeAsync);
        app.MapGet(JobRequestAuth.Path, GetJob);
        app.MapGet(JobRequestAuth.HashDbPath, GetHashDb);
        app.MapPost("/api/v1/reports", PostReport);
        app.MapGet("/api/v1/health", GetHealth);
    }

    public WebApplication App { get; }

    public IFlaxStore Store => _store;

    /// <summary>
    /// Whether a health request may see the details (appliance ids, counters, the store): whoever may see the dashboard.
    /// Default: only on a loopback listener; the dashboard sets it to its own login rule.
    /// </summary>
    public Func<HttpContext, bool> ShowsHealthDetails { get; set; }

    /// <summary>Refusals so far: the stored counters plus those not yet flushed.</summary>
    public Task<IReadOnlyDictionary<string, long>> RefusalCountsAsync(CancellationToken ct) => _refusals.Counter.TotalsAsync(ct);

    /// <summary>Writes the in-memory refusal counters to the store now (they are flushed periodically and at shutdown).</summary>
    public Task FlushRefusalsAsync(CancellationToken ct) => _refusals.Counter.FlushAsync(ct);

    /// <summary>http://address:port or https://address:port once started.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static FlaxServer Create(ServerOptions options, IFlaxStore store, MasterKey master, IEnumerable<IFindingSink>? sinks = null,
        Action<WebApplicationBuilder>? configure = null, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.Name);
        builder.Logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var kestrelBadRequests = new KestrelBadRequestLog();
        builder.Logging.AddProvider(kestrelBadRequests);
        builder.Logging.AddFilter<KestrelBadRequestLog>(KestrelBadRequestLog.Category, LogLevel.Debug);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(options.Listen, listen =>
            {
                if (options.CertificateSelector is { } select)
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = (_, _) => select(), ServerCertificateChain = options.CertificateChain });
                else if (options.Certificate is { } certificate)
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = certificate, ServerCertificateChain = options.CertificateChain });
            });
            k.AddServerHeader = false;
        });
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(master);
        configure?.Invoke(builder);
        var server = new FlaxServer(builder.Build(), options, store, master, sinks ?? []);
        kestrelBadRequests.Refusals = server._refusals;
        return server;
    }

    public async Task StartAsync(CancellationToken ct)
    {
        await App.StartAsync(ct);
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/') + "/");
        _maintenance = Task.Run(() => MaintainAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>
    /// Flushes refusal counters and per-client log summaries every <see cref="ServerOptions.RefusalFlushInterval"/>,
    /// and prunes old history at start and every <see cref="ServerOptions.PruneInterval"/>.
    /// </summary>
    private async Task MaintainAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.RefusalFlushInterval);
        var nextPrune = DateTimeOffset.MinValue;
        try
        {
            do
            {
                if (DateTimeOffset.UtcNow >= nextPrune)
                {
                    await PruneAsync(ct);
                    nextPrune = DateTimeOffset.UtcNow + _options.PruneInterval;
                }
                await _refusals.Counter.FlushAsync(ct);
                _refusals.Log.Sweep();
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Runs the retention policy once; a failure is logged and tried again at the next interval.</summary>
    public async Task<PruneOutcome?> PruneAsync(CancellationToken ct)
    {
        try
        {
            var outcome = await _store.PruneAsync(_options.Retention, Now(), ct);
            if (outcome.Total > 0)
                _log.LogInformation("pruned {Results} results, {Findings} resolved findings, {Baselines} old baselines and {Lan} LAN devices not seen again past the retention ({Days} days, {PerDevice} results per device)",
                    outcome.Results, outcome.Findings, outcome.Baselines, outcome.LanDevices, (int)_options.Retention.MaxAge.TotalDays, _options.Retention.MaxResultsPerDevice);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning("pruning old history failed: {Reason}", LogText.Clean(e.Message));
            return null;
        }
    }

    // ---- GET /api/v1/job

    private async Task<IResult> GetJob(HttpContext http, CancellationToken ct)
    {
        var id = http.Request.Headers[JobRequestAuth.DeviceHeader].ToString();
        var auth = http.Request.Headers[JobRequestAuth.AuthHeader].ToString();
        if (id.Length == 0 || auth.Length == 0)
            return _refusals.Refuse(http, new Refusal(401, Refusal.JobUnauthenticated, $"send {JobRequestAuth.DeviceHeader} and {JobRequestAuth.AuthHeader} headers"));
        var entry = Report.IsValidDeviceId(id) ? await _appliances.FindAsync(id, ct) : null;
        if (entry is null) return _refusals.Refuse(http, new Refusal(403, Refusal.JobUnknownDevice, "this appliance is not enrolled on this host"));
        var problem = JobRequestAuth.Check(entry.Key, id, auth, Now(), _options.TimeWindowSeconds);
        if (problem is not null) return _refusals.Refuse(http, new Refusal(401, Refusal.JobUnauthenticated, problem));
        var appliance = await _store.FindApplianceAsync(id, ct);
        if (appliance is null) return _refusals.Refuse(http, new Refusal(403, Refusal.JobUnknownDevice, "this appliance is not enrolled on this host"));
        var envelope = await JobBuilder.SealAsync(_store, _master, appliance, _options.Firmware?.Version ?? _options.HashDbVersion, Now(), ct, _options.DiscoveryIntervalSeconds);
        http.Response.Headers["X-FlaxGuard-Job-Version"] = appliance.JobVersion.ToString();
        http.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(envelope, "application/octet-stream");
    }

    // ---- GET /api/v1/hashdb

    private async Task<IResult> GetHashDb(HttpContext http, CancellationToken ct)
    {
        var id = http.Request.Headers[JobRequestAuth.DeviceHeader].ToString();
        var auth = http.Request.Headers[JobRequestAuth.AuthHeader].ToString();
        if (id.Length == 0 || auth.Length == 0)
            return _refusals.Refuse(http, new Refusal(401, Refusal.JobUnauthenticated, $"send {JobRequestAuth.DeviceHeader} and {JobRequestAuth.AuthHeader} headers"));
        var entry = Report.IsValidDeviceId(id) ? await _appliances.FindAsync(id, ct) : null;
        if (entry is null) return _refusals.Refuse(http, new Refusal(403, Refusal.JobUnknownDevice, "this appliance is not enrolled on this host"));
        var problem = JobRequestAuth.Check(JobRequestAuth.HashDbPath, entry.Key, id, auth, Now(), _options.TimeWindowSeconds);
        if (problem is not null) return _refusals.Refuse(http, new Refusal(401, Refusal.JobUnauthenticated, problem));
        if (_options.Firmware is not { } firmware)
            return Results.Json(new { error = "no-firmware-database", reason = "this host serves no firmware database (serve --hashes)" }, statusCode: 404);
        var database = await Task.Run(() => firmware.For(entry.Key), ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(database, "application/octet-stream", enableRangeProcessing: true,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + firmware.Version + "\""));
    }

    // ---- POST /api/v1/reports

    private async Task<IResult> PostReport(HttpContext http, CancellationToken ct)
    {
        var receivedAt = Now();
        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(http.Request, _options.MaxReportBytes, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        if (body is null)
            return _refusals.Refuse(http, new Refusal(413, Refusal.Oversized, $"a report may be at most {_options.MaxReportBytes} bytes"));
        var applianceId = ReportEnvelope.PeekDeviceId(body);
        if (applianceId is null)
        {
            var why = ReportVerifier.Verify(body, new byte[32], receivedAt, _options.TimeWindowSeconds).Reason;
            return _refusals.Refuse(http, new Refusal(400, Refusal.Malformed, why));
        }
        var entry = await _appliances.FindAsync(applianceId, ct);
        if (entry is null) return _refusals.Refuse(http, new Refusal(403, Refusal.UnknownDevice, $"appliance '{applianceId}' is not enrolled on this host"));
        var verification = ReportVerifier.Verify(body, entry.Key, receivedAt, _options.TimeWindowSeconds);
        switch (verification.Status)
        {
            case ReportStatus.Malformed: return _refusals.Refuse(http, new Refusal(400, Refusal.Malformed, verification.Reason));
            case ReportStatus.BadSignature: return _refusals.Refuse(http, new Refusal(401, Refusal.BadSignature, verification.Reason));
            case ReportStatus.OutsideTimeWindow: return _refusals.Refuse(http, new Refusal(422, Refusal.OutsideTimeWindow, verification.Reason + "; check the appliance clock"));
        }
        if (_quota.RetryAfter(applianceId, body.Length) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return _refusals.Refuse(http, new Refusal(429, Refusal.QuotaExceeded,
                $"this appliance stored its {_quota.BytesPerHour} bytes for this hour; keep the report queued and send it again in {wait} s"));
        }
        int? queue = int.TryParse(http.Request.Headers[QueueHeader].ToString(), out var q) && q is >= 0 and <= 1_000_000 ? q : null;
        var result = await _ingestor.SubmitAsync(new IngestItem(verification.Report, body.Length, receivedAt, queue, SHA256.HashData(body)), ct);
        switch (result.Status)
        {
            case IngestStatus.Stored:
                _quota.Charge(applianceId, body.Length);
                return Results.Json(new { accepted = true, counter = verification.Report.Counter, highWater = result.LastCounter });
            case IngestStatus.Duplicate:
                // 409 only when exactly this report is stored: the appliance may then drop its copy.
                return _refusals.Refuse(http, new Refusal(409, Refusal.Duplicate, $"report {verification.Report.Counter} is already stored"));
            case IngestStatus.CounterConflict:
                // Another report holds this counter (the appliance lost or restored its state): it keeps the report,
                // raises its counter above highWater and sends it again.
                return _refusals.Refuse(http, new Refusal(412, Refusal.CounterConflict,
                    $"another report is stored under counter {verification.Report.Counter}; seal this one again above {result.LastCounter}") { HighWater = result.LastCounter });
            default:
                return _refusals.Refuse(http, new Refusal(403, Refusal.UnknownDevice, $"appliance '{applianceId}' is not enrolled on this host"));
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is longer (never buffers more than limit + 1).</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit + 1L;
        var buffer = new byte[(int)Math.Min(request.ContentLength ?? 16 * 1024, limit + 1L)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > limit) return null;
                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 1024), limit + 1L));
            }
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
            if (read == 0) break;
            length += read;
            if (length > limit) return null;
        }
        return length == buffer.Length ? buffer : buffer[..length];
    }

    // ---- GET /api/v1/health

    private async Task<IResult> GetHealth(HttpContext http, CancellationToken ct)
    {
        if (!ShowsHealthDetails(http)) return Results.Json(new { status = "ok" });
        var now = Now();
        var appliances = (await _store.ListAppliancesAsync(ct)).Select(a => new
        {
            id = a.Id,
            name = a.Name,
            intervalSeconds = a.IntervalSeconds,
            lastSeen = a.LastSeen,
            lastCounter = a.LastCounter,
            queueLength = a.QueueLength,
            stale = a.LastSeen is null || now - a.LastSeen > 2L * a.IntervalSeconds,
        }).ToList();
        return Results.Json(new
        {
            status = "ok",
            store = _store.Description,
            reports = await _store.CountReportsAsync(null, ct),
            refusals = await _refusals.Counter.TotalsAsync(ct),
            appliances,
        });
    }

    public async Task StopAsync()
    {
        await App.StopAsync();
        await ShutDownAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }
        await ShutDownAsync();
        await App.DisposeAsync();
    }

    /// <summary>After the listener stopped: the last refusal counts and log summaries are written, the ingest queue drained.</summary>
    private async Task ShutDownAsync()
    {
        if (Interlocked.Exchange(ref _shutDown, 1) == 1) return;
        await _stopping.CancelAsync();
        if (_maintenance is not null) await _maintenance;
        await _refusals.Counter.FlushAsync(CancellationToken.None);
        _refusals.Log.Flush();
        await _ingestor.DisposeAsync();
        _stopping.Dispose();
    }
}
