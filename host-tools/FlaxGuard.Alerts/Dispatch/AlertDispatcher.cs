using System.Security.Cryptography;
using System.Threading.Channels;
using FlaxGuard.Alerts.Ledger;
using FlaxGuard.Engine.Verdicts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlaxGuard.Alerts.Dispatch;

/// <summary>Queue size and retry behaviour of an <see cref="AlertDispatcher"/>.</summary>
public sealed record AlertDispatcherOptions
{
    /// <summary>Alerts waiting per channel; beyond it new alerts for that channel are dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 1000;

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>How long <see cref="AlertDispatcher.DisposeAsync"/> waits for queued alerts before giving up on them.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>Counters of one channel (read them for health pages and tests).</summary>
public sealed class AlertChannelStats
{
    internal long QueuedCount, DeliveredCount, FailedCount, DroppedCount, RetryCount;

    public AlertChannelStats(string channel) => Channel = channel;

    public string Channel { get; }
    public long Queued => Interlocked.Read(ref QueuedCount);
    public long Delivered => Interlocked.Read(ref DeliveredCount);

    /// <summary>Alerts given up on after the last retry or a permanent failure.</summary>
    public long Failed => Interlocked.Read(ref FailedCount);

    /// <summary>Alerts not queued because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref DroppedCount);

    public long Retries => Interlocked.Read(ref RetryCount);
}

/// <summary>
/// Turns the current findings of a device into alerts and hands them to every channel.
///
/// After each report the server calls <see cref="ObserveAsync"/> with all current findings of the device. The
/// dispatcher compares them with the ledger (what was alerted before): a new finding, or one whose severity
/// rose above what was alerted, is "raised"; an alerted finding that is gone is "cleared"; anything else
/// (same finding, same or lower severity) sends nothing. The ledger is updated before the alerts are queued,
/// so a crash can lose an alert but never repeat one.
///
/// The first time a device is seen in this process (or under a new name) and nothing needs alerting, channels
/// that show state (<see cref="IDeviceStatusChannel"/>, i.e. MQTT for Home Assistant) get its
/// <see cref="DeviceStatus"/>, so healthy devices appear too and a restarted server announces every device again.
///
/// Delivery never blocks the caller: each channel has a bounded queue and one worker that retries failures
/// with bounded backoff (<see cref="RetryPolicy"/>); a full queue drops the alert, counts it and logs a warning.
/// Logs name the channel by kind and host:port only, never URLs, credentials or secrets.
/// </summary>
public sealed class AlertDispatcher : IAsyncDisposable
{
    private readonly IAlertLedger _ledger;
    private readonly AlertDispatcherOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _ledgerLock = new(1, 1);
    private readonly Lane[] _lanes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<(string Appliance, string Device), string> _announced = new(); // guarded by _ledgerLock
    private int _disposed;

    public AlertDispatcher(IAlertLedger ledger, IEnumerable<IAlertChannel> channels, AlertDispatcherOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        ArgumentNullException.ThrowIfNull(channels);
        _options = options ?? new AlertDispatcherOptions();
        if (_options.QueueCapacity is < 1 or > 1_000_000) throw new AlertConfigException("alert queue capacity must be 1 to 1000000");
        _options.Retry.Validate();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _lanes = channels.Select(c => new Lane(c, _options.QueueCapacity)).ToArray();
        foreach (var lane in _lanes) lane.Worker = Task.Run(() => DeliverAsync(lane));
    }

    /// <summary>Counters per channel, in the order the channels were given.</summary>
    public IReadOnlyList<AlertChannelStats> Stats => _lanes.Select(l => l.Stats).ToArray();

    /// <summary>
    /// Compares the device's current findings with what was alerted and queues the resulting alerts on every
    /// channel. Returns the alerts (empty when nothing changed). Only the ledger is awaited, never a channel.
    /// </summary>
    public async Task<IReadOnlyList<AlertEvent>> ObserveAsync(DeviceFindings current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var applianceId = AlertText.Clean(current.ApplianceId, AlertText.MaxIdLength);
        var deviceId = AlertText.Clean(current.DeviceId, AlertText.MaxIdLength);
        if (applianceId.Length == 0 || deviceId.Length == 0) throw new ArgumentException("appliance and device ids must not be empty", nameof(current));
        var deviceName = AlertText.Clean(current.DeviceName, AlertText.MaxDeviceNameLength);
        if (deviceName.Length == 0) deviceName = AlertText.Clean(deviceId, AlertText.MaxDeviceNameLength);

        // Current findings by key; the worst wins if a key repeats. "None" is not a finding.
        var now = new Dictionary<string, AlertFinding>(StringComparer.Ordinal);
        foreach (var finding in current.Findings)
        {
            if (finding is null || finding.Severity <= Severity.None) continue;
            var key = AlertText.Clean(finding.Key, AlertText.MaxKeyLength);
            if (key.Length == 0) continue;
            var cleaned = new AlertFinding(key, finding.Severity > Severity.Critical ? Severity.Critical : finding.Severity, AlertText.Clean(finding.Sentence, AlertText.MaxSentenceLength));
            if (!now.TryGetValue(key, out var existing) || cleaned.Severity > existing.Severity) now[key] = cleaned;
        }

        var changes = new List<(string Key, Severity Severity, string Sentence, AlertState State)>();
        await _ledgerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = await _ledger.GetOpenAsync(applianceId, deviceId, cancellationToken).ConfigureAwait(false);
            var after = new Dictionary<string, AlertedFinding>(StringComparer.Ordinal);
            foreach (var (key, finding) in now.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (before.TryGetValue(key, out var alerted) && finding.Severity <= alerted.Severity)
                {
                    // Unchanged (or better): the owner already knows; keep what they were told.
                    after[key] = alerted;
                    continue;
                }
                after[key] = new AlertedFinding(finding.Severity, finding.Sentence);
                changes.Add((key, finding.Severity, finding.Sentence, AlertState.Raised));
            }
            foreach (var (key, alerted) in before.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (now.ContainsKey(key)) continue;
                changes.Add((key, alerted.Severity, "No longer found: " + alerted.Sentence, AlertState.Cleared));
            }
            var worst = after.Count == 0 ? Severity.None : after.Values.Max(f => f.Severity);
            var time = current.Time == default ? _time.GetUtcNow() : current.Time;
            var firstSight = !_announced.TryGetValue((applianceId, deviceId), out var announcedName) || announcedName != deviceName;
            _announced[(applianceId, deviceId)] = deviceName;
            if (changes.Count == 0)
            {
                // Nothing to alert, but state channels have not shown this device (or its new name) yet.
                if (firstSight) EnqueueStatus(new DeviceStatus(applianceId, deviceId, deviceName, after.Count, worst, time));
                return [];
            }
            await _ledger.SetOpenAsync(applianceId, deviceId, after, cancellationToken).ConfigureAwait(false);

            var alerts = changes
                .Select(c => new AlertEvent(NewId(), applianceId, deviceId, deviceName, c.Key, c.Severity,
                    AlertText.Truncate(c.Sentence, AlertText.MaxSentenceLength), c.State, time, after.Count, worst))
                .ToArray();
            foreach (var alert in alerts) Enqueue(alert);
            return alerts;
        }
        finally
        {
            _ledgerLock.Release();
        }
    }

    /// <summary>
    /// Queues a one-off event on every channel, outside the finding ledger: for something that happens once and has no
    /// state to clear (a new device appeared on the LAN). The caller decides it happened exactly once.
    /// </summary>
    public AlertEvent Announce(string applianceId, string subjectId, string subjectName, string key, Severity severity, string sentence, DateTimeOffset time)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var alert = new AlertEvent(NewId(), AlertText.Clean(applianceId, AlertText.MaxIdLength), AlertText.Clean(subjectId, AlertText.MaxIdLength),
            AlertText.Clean(subjectName, AlertText.MaxDeviceNameLength), AlertText.Clean(key, AlertText.MaxKeyLength),
            severity > Severity.Critical ? Severity.Critical : severity, AlertText.Clean(sentence, AlertText.MaxSentenceLength), AlertState.Raised,
            time == default ? _time.GetUtcNow() : time, 0, Severity.None);
        Enqueue(alert);
        return alert;
    }

    /// <summary>Waits until every queue is empty and no delivery is running, or the timeout passes; returns whether it drained.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (_lanes.Any(l => l.Pending > 0))
        {
            if (_time.GetUtcNow() >= deadline) return false;
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private void EnqueueStatus(DeviceStatus status)
    {
        foreach (var lane in _lanes)
        {
            if (lane.Channel is not IDeviceStatusChannel) continue;
            Interlocked.Increment(ref lane.PendingCount);
            if (lane.Queue.Writer.TryWrite(new Delivery(null, status))) continue;
            Interlocked.Decrement(ref lane.PendingCount);
            _logger.LogWarning("Alert queue for {Channel} is full ({Capacity}); skipped the status of device {Device}",
                lane.Channel.Description, _options.QueueCapacity, status.DeviceId);
        }
    }

    private void Enqueue(AlertEvent alert)
    {
        foreach (var lane in _lanes)
        {
            Interlocked.Increment(ref lane.PendingCount);
            if (lane.Queue.Writer.TryWrite(new Delivery(alert, null)))
            {
                Interlocked.Increment(ref lane.Stats.QueuedCount);
                continue;
            }
            Interlocked.Decrement(ref lane.PendingCount);
            var dropped = Interlocked.Increment(ref lane.Stats.DroppedCount);
            _logger.LogWarning("Alert queue for {Channel} is full ({Capacity}); dropped a {State} alert for device {Device} finding {Key} ({Dropped} dropped so far)",
                lane.Channel.Description, _options.QueueCapacity, alert.StateName, alert.DeviceId, alert.FindingKey, dropped);
        }
    }

    private async Task DeliverAsync(Lane lane)
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var delivery in lane.Queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                try
                {
                    if (delivery.Alert is not null) await DeliverOneAsync(lane, delivery.Alert, token).ConfigureAwait(false);
                    else await PublishStatusAsync(lane, delivery.Status!, token).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref lane.PendingCount);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: what is left in the queue is given up (counted in DisposeAsync).
        }
    }

    private async Task DeliverOneAsync(Lane lane, AlertEvent alert, CancellationToken token)
    {
        var policy = _options.Retry;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            bool permanent;
            try
            {
                await lane.Channel.SendAsync(alert, token).ConfigureAwait(false);
                Interlocked.Increment(ref lane.Stats.DeliveredCount);
                return;
            }
            catch (AlertDeliveryException e)
            {
                reason = e.Message;
                permanent = e.IsPermanent;
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                // A channel bug must not kill the worker; its message may be unsafe to log, so only its type.
                reason = $"{lane.Channel.Description}: unexpected {e.GetType().Name}";
                permanent = false;
            }
            if (permanent || attempt >= policy.MaxAttempts)
            {
                Interlocked.Increment(ref lane.Stats.FailedCount);
                _logger.LogError("Gave up on a {State} alert for device {Device} finding {Key} after {Attempts} attempt(s): {Reason}",
                    alert.StateName, alert.DeviceId, alert.FindingKey, attempt, reason);
                return;
            }
            Interlocked.Increment(ref lane.Stats.RetryCount);
            var delay = policy.DelayBeforeRetry(attempt);
            _logger.LogWarning("Alert delivery failed (attempt {Attempt} of {Max}), retrying in {Delay} ms: {Reason}",
                attempt, policy.MaxAttempts, (int)delay.TotalMilliseconds, reason);
            await Task.Delay(delay, _time, token).ConfigureAwait(false);
        }
    }

    /// <summary>A device status is best effort: one retry pass like alerts, but not counted as an alert.</summary>
    private async Task PublishStatusAsync(Lane lane, DeviceStatus status, CancellationToken token)
    {
        var channel = (IDeviceStatusChannel)lane.Channel;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            bool permanent;
            try
            {
                await channel.PublishStatusAsync(status, token).ConfigureAwait(false);
                return;
            }
            catch (AlertDeliveryException e)
            {
                reason = e.Message;
                permanent = e.IsPermanent;
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                reason = $"{lane.Channel.Description}: unexpected {e.GetType().Name}";
                permanent = false;
            }
            if (permanent || attempt >= _options.Retry.MaxAttempts)
            {
                _logger.LogWarning("Gave up on the status of device {Device} after {Attempts} attempt(s): {Reason}", status.DeviceId, attempt, reason);
                return;
            }
            await Task.Delay(_options.Retry.DelayBeforeRetry(attempt), _time, token).ConfigureAwait(false);
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Stops accepting alerts, waits (bounded by DrainTimeout) for queued ones, then stops the workers and disposes the channels.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var lane in _lanes) lane.Queue.Writer.TryComplete();
        var workers = Task.WhenAll(_lanes.Select(l => l.Worker!));
        if (await Task.WhenAny(workers, Task.Delay(_options.DrainTimeout)).ConfigureAwait(false) != workers)
        {
            _stopping.Cancel();
            try
            {
                await workers.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            foreach (var lane in _lanes)
            {
                var left = 0;
                while (lane.Queue.Reader.TryRead(out var delivery)) if (delivery.Alert is not null) left++;
                if (left > 0)
                {
                    Interlocked.Add(ref lane.Stats.FailedCount, left);
                    _logger.LogWarning("Shutting down with {Count} undelivered alert(s) for {Channel}", left, lane.Channel.Description);
                }
            }
        }
        foreach (var lane in _lanes) await lane.Channel.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>One queued item: an alert, or a device status for state channels.</summary>
    private sealed record Delivery(AlertEvent? Alert, DeviceStatus? Status);

    private sealed class Lane
    {
        public Lane(IAlertChannel channel, int capacity)
        {
            Channel = channel;
            Stats = new AlertChannelStats(channel.Description);
            Queue = System.Threading.Channels.Channel.CreateBounded<Delivery>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: the caller never blocks
            });
        }

        public IAlertChannel Channel { get; }
        public AlertChannelStats Stats { get; }
        public Channel<Delivery> Queue { get; }
        public Task? Worker { get; set; }
        public int PendingCount;
        public int Pending => Volatile.Read(ref PendingCount);
    }
}
