using FlaxGuard.Agent.Status;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Discovery;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;

namespace FlaxGuard.Agent;

/// <summary>
/// The Linux appliance's main loop, built from the engine's appliance pieces exactly as the ESP32 uses them:
/// fetch the job (kept by <see cref="JobStore"/> so checks go on while the host is away), run a
/// <see cref="JobRound"/> every interval (each target sealed into its own report under the persisted
/// <see cref="ReportCounter"/> and queued on disk by <see cref="ReportQueue"/>), and empty the queue with
/// <see cref="ReportUploader"/> oldest first, with <see cref="BackoffSchedule"/> while the host is away.
/// </summary>
public sealed class ApplianceAgent : IDisposable
{
    public const int ExitOk = 0;
    public const int ExitReportsPending = 1;
    public const int ExitNoJob = 3;

    /// <summary>The firmware database in the state directory (a download goes to a side file first).</summary>
    public const string FirmwareDatabaseFile = "firmware.db";
    private const string FirmwareBlobName = "hashdb";

    private readonly AgentOptions _options;
    private readonly ProvisioningFile _provisioning;
    private readonly AgentLog _log;
    private readonly StatusOutputs _status;
    private readonly IClock _clock;
    private readonly HttpClient _http;
    private readonly DirectoryKeyValueStore _state;
    private readonly JobStore _jobs;
    private readonly ReportCounter _counter;
    private readonly ReportQueue _queue;
    private readonly HttpClientTransport _transport = new();
    private Job? _job;
    private long _lastHostContactMs = -1;
    private RoundSummary? _lastRound;
    private FileBlobReader? _firmwareFile;
    private string? _firmwareVersion;
    private DateTimeOffset? _lastRoundAt;
    private Ipv4Network? _lan;
    private string? _self;

    public ApplianceAgent(AgentOptions options, ProvisioningFile provisioning, AgentLog log, StatusOutputs status, IClock? clock = null)
    {
        _options = options;
        _provisioning = provisioning;
        _log = log;
        _status = status;
        _clock = clock ?? SystemClock.Instance;
        try
        {
            _state = new DirectoryKeyValueStore(options.StateDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentSetupException($"cannot use the state directory '{options.StateDirectory}': {e.Message}");
        }
        _jobs = new JobStore(_state, provisioning.Key, provisioning.ApplianceId, JobLimits.MaxEnvelopeBytes);
        _counter = new ReportCounter(_state);
        _queue = new ReportQueue(_state, ReportQueueOptions.ForLinux());
        _http = HostHttpClient.Create(provisioning.CaCertificatePem);
    }

    /// <summary>Reports waiting on disk for the host.</summary>
    public int QueuedReports => _queue.Count;

    /// <summary>The report counter last used (persisted before use).</summary>
    public long ReportCounterValue => _counter.Current;

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        _log.Info($"agent {_provisioning.ApplianceId}{(_provisioning.Name is null ? "" : " (" + _provisioning.Name + ")")} starting: host {_provisioning.HostUrl}" +
                  $"{(_provisioning.CaCertificatePem is null ? "" : ", CA pinned")}, state in {_options.StateDirectory}, {_queue.Count} report(s) queued, counter at {_counter.Current}");
        LoadStoredJob();
        var poster = new HttpReportPoster(_http, _provisioning.HostUrl, _options.HostTimeout, stopping);
        ReportUploader? uploader = null;
        var jobClient = new JobClient(_http, _provisioning.HostUrl, _provisioning.ApplianceId, _provisioning.Key, _clock, _options.HostTimeout);
        var hook = new RoundProgressHook(_log, stopping);
        var round = new JobRound(_provisioning.ApplianceId, _provisioning.Key, _counter, _queue, _transport, new SocketTcpConnector(), new SocketUdpExchange(), _clock, SecureRandomSource.Instance, hook)
        {
            // A Linux box has sockets to spare; the dongle keeps lwIP's share (TcpExposureOptions.DongleSockets).
            InventoryConcurrency = 64,
        };
        // Opted-in devices get the factory-password check once a day; budget and progress survive restarts in the state directory.
        round.UseFactoryCheck(_state, new SshFactoryLogins(_options.FactorySshPort), _options.FactoryAttemptsPerDay);
        var survey = NewLanSurvey();
        var firmwareClient = new FirmwareDatabaseClient(_http, _provisioning.HostUrl, _provisioning.ApplianceId, _provisioning.Key, _clock, _options.HostTimeout);

        while (!stopping.IsCancellationRequested)
        {
            await RefreshJobAsync(jobClient, stopping);
            if (stopping.IsCancellationRequested) break;
            await RefreshFirmwareDatabaseAsync(firmwareClient, round, stopping);
            if (stopping.IsCancellationRequested) break;
            var intervalMs = IntervalMs();
            uploader ??= NewUploader(poster, intervalMs);
            if (_job is null)
            {
                ShowStatus();
                if (_options.Once)
                {
                    _log.Warn("no job: the host did not hand one out and none is stored; nothing was checked");
                    return ExitNoJob;
                }
            }
            else
            {
                var job = _job;
                _log.Info($"round starting: {job.Targets.Length} device(s), job version {job.Version}");
                var summary = await Task.Run(() => round.Run(job), CancellationToken.None);
                _lastRound = summary;
                _lastRoundAt = DateTimeOffset.UtcNow;
                _log.Info($"round done: {summary.CheckedTargets}/{summary.Targets} checked, {summary.Queued} report(s) queued, worst {summary.Highest.ToString().ToLowerInvariant()}" +
                          $"{(summary.AnyDrift ? ", drift" : "")}{(summary.AnyUnverified ? ", some checks could not verify" : "")}");
                if (survey is not null && survey.Due(job) && !stopping.IsCancellationRequested) await SurveyAsync(survey);
                await UploadAsync(uploader);
                ShowStatus();
            }
            if (_options.Once) return _queue.Count == 0 ? ExitOk : ExitReportsPending;

            // Between rounds: retry uploads as the backoff allows, once a second at most.
            var nextRound = _clock.MonotonicMilliseconds + intervalMs;
            while (!stopping.IsCancellationRequested && _clock.MonotonicMilliseconds < nextRound)
            {
                var wait = Math.Clamp(nextRound - _clock.MonotonicMilliseconds, 1, 1000);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                if (_queue.Count > 0 && uploader.Backoff.IsDue(_clock.MonotonicMilliseconds)) await UploadAsync(uploader);
                ShowStatus();
            }
        }
        _log.Info($"agent stopping: {_queue.Count} report(s) stay queued on disk, counter at {_counter.Current}");
        return ExitOk;
    }

    private LanSurvey? NewLanSurvey()
    {
        var chosen = LocalNetworks.Choose(_options.LanNetwork, out var problem);
        if (chosen is not { } lan)
        {
            if (_options.LanNetwork is not null) throw new AgentSetupException($"--lan: {problem}");
            _log.Warn($"LAN discovery is off: {problem}");
            return null;
        }
        _lan = lan.Block;
        _self = lan.Self.ToString();
        // TTL 1 and the LAN address as source: every search stays on that link.
        var discovery = new LanDiscovery(new SocketUdpCollector(lan.Self, multicastTtl: 1), new SocketTcpConnector(), _transport, _clock, SecureRandomSource.Instance, new DiscoveryOptions());
        return new LanSurvey(_provisioning.ApplianceId, _provisioning.Key, _counter, _queue, _clock, discovery, new LinuxNeighbourTable());
    }

    /// <summary>One bounded discovery round of the LAN, its inventory sealed and queued for the host.</summary>
    private async Task SurveyAsync(LanSurvey survey)
    {
        var result = await Task.Run(() => survey.Run(_lan!, _self), CancellationToken.None);
        var line = $"LAN discovery of {_lan}: {result.Devices} device(s) in {result.ElapsedMs} ms" +
                   (result.TurnedAway > 0 ? $", {result.TurnedAway} answer(s) turned away" : "") +
                   (result.ReportBytes > 0 ? $", inventory report of {result.ReportBytes} bytes queued" : "");
        if (result.Problem is null) _log.Info(line);
        else _log.Warn(line + "; " + result.Problem);
    }

    private ReportUploader NewUploader(IReportPoster poster, long intervalMs)
    {
        // Never wait longer than one interval between retries: a host back from maintenance gets the backlog soon.
        var max = (int)Math.Clamp(intervalMs, 1000, 5 * 60 * 1000);
        var initial = Math.Min(5000, max);
        return new ReportUploader(_queue, poster, new BackoffSchedule(initial, max, SecureRandomSource.Instance), _clock, _counter, _provisioning.Key);
    }

    private long IntervalMs()
    {
        if (_options.IntervalOverrideSeconds is { } overridden) return overridden * 1000L;
        return (_job?.IntervalSeconds ?? 60) * 1000L;
    }

    private void LoadStoredJob()
    {
        var stored = _jobs.LoadStored();
        if (stored.Accepted)
        {
            _job = stored.Job;
            _log.Info($"stored job version {_job.Version} loaded ({_job.Targets.Length} device(s))");
        }
        else if (stored.Status != JobStatus.Malformed || _state.Get(JobStore.JobKey) is not null)
        {
            _log.Warn("the stored job is not usable: " + stored.Reason);
        }
    }

    private async Task RefreshJobAsync(JobClient client, CancellationToken stopping)
    {
        JobFetch fetch;
        try
        {
            fetch = await client.FetchAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        if (fetch.HostReached) _lastHostContactMs = _clock.MonotonicMilliseconds;
        if (fetch.Envelope is null)
        {
            _log.Warn($"job fetch failed: {fetch.Problem}; {(_job is null ? "no job to run yet" : "going on with job version " + _job.Version)}");
            return;
        }
        var previous = _job?.Version ?? 0;
        var verification = _jobs.Offer(fetch.Envelope);
        if (!verification.Accepted)
        {
            _log.Warn($"the host's job was refused ({verification.Status}: {verification.Reason}); {(_job is null ? "no job to run" : "going on with job version " + _job.Version)}");
            return;
        }
        _job = verification.Job;
        if (_jobs.LastStoreProblem is not null) _log.Warn(_jobs.LastStoreProblem);
        if (_job.Version != previous) _log.Info($"job version {_job.Version}: {_job.Targets.Length} device(s), every {_job.IntervalSeconds} s");
    }

    /// <summary>
    /// Makes the round use the firmware database the job names: the stored copy when it is that version, else a fresh
    /// download, accepted only when it opens under this appliance's key and its header names exactly that version.
    /// If that fails, an older verified copy goes on serving; with none, firmware checks say "could not verify".
    /// </summary>
    private async Task RefreshFirmwareDatabaseAsync(FirmwareDatabaseClient client, JobRound round, CancellationToken ct)
    {
        var wanted = _job?.HashDbVersion ?? "";
        if (wanted.Length == 0)
        {
            round.UseFirmwareDatabase(false, null, null);
            return;
        }
        if (wanted == _firmwareVersion) return;
        var path = Path.Combine(_options.StateDirectory, FirmwareDatabaseFile);
        var (file, reader, problem) = OpenFirmwareDatabase(path, wanted);
        if (reader is null)
        {
            var download = path + ".download";
            var failed = await client.DownloadAsync(download, ct);
            if (ct.IsCancellationRequested) return;
            if (failed is null)
            {
                (file, reader, problem) = OpenFirmwareDatabase(download, wanted);
                file?.Dispose();
                if (reader is not null)
                {
                    _firmwareFile?.Dispose();
                    _firmwareFile = null;
                    File.Move(download, path, overwrite: true);
                    (file, reader, problem) = OpenFirmwareDatabase(path, wanted);
                }
                else File.Delete(download);
            }
            else problem = "it could not be fetched from the host: " + failed;
        }
        if (reader is null)
        {
            if (_firmwareVersion is not null)
            {
                _log.Warn($"firmware database version {wanted} not usable ({problem}); going on with version {_firmwareVersion}");
                return;
            }
            _log.Warn($"firmware database version {wanted} not usable: {problem}");
            round.UseFirmwareDatabase(true, null, "the firmware database version " + wanted + " is not usable: " + problem);
            return;
        }
        _firmwareFile?.Dispose();
        _firmwareFile = file;
        _firmwareVersion = wanted;
        round.UseFirmwareDatabase(true, reader, null);
        _log.Info($"firmware database version {wanted}: {reader.ArtifactCount:N0} image hash(es), {reader.ReleaseCount:N0} release(s), {reader.ExploitCount:N0} known-exploited row(s)");
    }

    private (FileBlobReader? File, HashDbReader? Reader, string? Problem) OpenFirmwareDatabase(string path, string wanted)
    {
        if (!File.Exists(path)) return (null, null, "none is stored");
        var file = FileBlobReader.SingleFile(path, FirmwareBlobName);
        var reader = HashDbReader.Open(file, FirmwareBlobName, _provisioning.Key, HashDbReader.DefaultBufferBytes, out var problem);
        if (reader is not null && reader.DatabaseVersion + "-" + reader.SignerKeyId != wanted)
        {
            problem = $"the stored database is version {reader.DatabaseVersion}-{reader.SignerKeyId}, the job names {wanted}";
            reader = null;
        }
        if (reader is null)
        {
            file.Dispose();
            return (null, null, problem);
        }
        return (file, reader, null);
    }

    private async Task UploadAsync(ReportUploader uploader)
    {
        var result = await Task.Run(uploader.UploadDue, CancellationToken.None);
        if (result.HostReached) _lastHostContactMs = _clock.MonotonicMilliseconds;
        if (!result.Attempted && result.Problem is null) return;
        var line = $"upload: {result.Accepted} stored, {result.AlreadyStored} already stored, {result.Refused} refused, {result.Remaining} queued" +
                   (result.Resealed > 0 ? $"; {result.Resealed} sealed again under a new counter (the host held another report under theirs: this appliance's state was lost or restored)" : "");
        if (result.Problem is null) _log.Info(line);
        else _log.Warn(line + "; " + result.Problem);
    }

    private void ShowStatus()
    {
        var now = _clock.MonotonicMilliseconds;
        var inputs = new StatusInputs
        {
            NetworkUp = true,
            HasJob = _job is not null,
            MsSinceHostContact = _lastHostContactMs < 0 ? -1 : now - _lastHostContactMs,
            OfflineAfterMs = Math.Max(3 * IntervalMs(), 60_000),
            HasRound = _lastRound is not null,
            Highest = _lastRound?.Highest ?? Severity.None,
            AnyDrift = _lastRound?.AnyDrift ?? false,
            AnyUnverified = _lastRound?.AnyUnverified ?? false,
        };
        _status.Show(new AgentStatusView(StatusSelector.Select(inputs), _provisioning.Name ?? _provisioning.ApplianceId, _job?.Targets.Length ?? 0,
            inputs.Highest, _queue.Count, _lastHostContactMs < 0 ? null : (now - _lastHostContactMs) / 1000, _lastRoundAt, inputs.AnyDrift, inputs.AnyUnverified));
    }

    public void Dispose()
    {
        _firmwareFile?.Dispose();
        _http.Dispose();
        _transport.Dispose();
        Array.Clear(_provisioning.Key);
    }
}
