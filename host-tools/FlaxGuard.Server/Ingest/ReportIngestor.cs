using System.Threading.Channels;
using FlaxGuard.Server.Store;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Ingest;

/// <summary>
/// Writers for verified reports (one for SQLite, <see cref="IFlaxStore.IngestWriters"/> in general): each takes
/// whatever is waiting (up to <see cref="MaxBatch"/>), stores it in one transaction and completes every waiting
/// request only after the commit. Concurrent appliances thus share one fsync, which is what lets SQLite with
/// synchronous=FULL keep up.
/// </summary>
public sealed class ReportIngestor : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private const int MaxWaiting = 4096;

    private sealed record Pending(IngestItem Item, TaskCompletionSource<IngestResult> Done);

    private readonly IFlaxStore _store;
    private readonly IReadOnlyList<IFindingSink> _sinks;
    private readonly ILogger _log;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(MaxWaiting) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
    private sealed record Published(IReadOnlyList<FindingChange> Changes, IReadOnlyList<LanDeviceRecord> NewDevices);

    private readonly Channel<Published> _findings = Channel.CreateUnbounded<Published>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly Task _publisher;

    public ReportIngestor(IFlaxStore store, IEnumerable<IFindingSink> sinks, ILogger log)
    {
        _store = store;
        _sinks = sinks.ToList();
        _log = log;
        _writer = Task.WhenAll(Enumerable.Range(0, Math.Max(1, store.IngestWriters)).Select(_ => Task.Run(WriteLoop)));
        _publisher = Task.Run(PublishLoop);
    }

    public async Task<IngestResult> SubmitAsync(IngestItem item, CancellationToken ct)
    {
        var pending = new Pending(item, new TaskCompletionSource<IngestResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, ct);
        return await pending.Done.Task.WaitAsync(ct);
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            try
            {
                var results = await _store.StoreReportsAsync(batch.Select(p => p.Item).ToList(), CancellationToken.None);
                Complete(batch, results);
            }
            catch (Exception batchError) when (batch.Count > 1)
            {
                // One bad report must not sink the others: store them one by one.
                _log.LogWarning("storing a batch of {Count} reports failed ({Error}); storing them one by one", batch.Count, batchError.Message);
                foreach (var p in batch)
                {
                    try
                    {
                        Complete([p], await _store.StoreReportsAsync([p.Item], CancellationToken.None));
                    }
                    catch (Exception e)
                    {
                        p.Done.TrySetException(e);
                    }
                }
            }
            catch (Exception e)
            {
                foreach (var p in batch) p.Done.TrySetException(e);
            }
        }
    }

    private void Complete(IReadOnlyList<Pending> batch, IReadOnlyList<IngestResult> results)
    {
        var changes = new List<FindingChange>();
        var newDevices = new List<LanDeviceRecord>();
        for (var i = 0; i < batch.Count; i++)
        {
            changes.AddRange(results[i].Changes);
            if (results[i].NewLanDevices is { } found) newDevices.AddRange(found);
            batch[i].Done.TrySetResult(results[i]);
        }
        if ((changes.Count > 0 || newDevices.Count > 0) && _sinks.Count > 0) _findings.Writer.TryWrite(new Published(changes, newDevices));
    }

    private async Task PublishLoop()
    {
        await foreach (var published in _findings.Reader.ReadAllAsync(CancellationToken.None))
        {
            foreach (var sink in _sinks)
            {
                try
                {
                    if (published.Changes.Count > 0) await sink.PublishAsync(published.Changes, _stop.Token);
                    if (published.NewDevices.Count > 0 && sink is INewDeviceSink devices) await devices.PublishNewDevicesAsync(published.NewDevices, _stop.Token);
                }
                catch (Exception e)
                {
                    _log.LogWarning("a finding sink ({Sink}) failed: {Error}", sink.GetType().Name, e.Message);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _findings.Writer.TryComplete();
        try
        {
            await _publisher.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _stop.Cancel();
        }
        _stop.Dispose();
    }
}
