namespace FlaxGuard.Agent.Status;

/// <summary>
/// All outputs together, with a background ticker (every 20 ms) for the ones that animate. An output that
/// fails (hardware unplugged) is logged once and left out; the agent goes on.
/// </summary>
public sealed class StatusOutputs : IAsyncDisposable
{
    private readonly List<IStatusOutput> _outputs;
    private readonly AgentLog _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticker;
    private readonly object _gate = new();

    public StatusOutputs(IEnumerable<IStatusOutput> outputs, AgentLog log)
    {
        _outputs = outputs.ToList();
        _log = log;
        _ticker = Task.Run(TickLoop);
    }

    public void Show(AgentStatusView view) => ForEach(o => o.Show(view), "show");

    private async Task TickLoop()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = FlaxGuard.Platform.SystemClock.Instance.MonotonicMilliseconds;
                ForEach(o => o.Tick(now), "tick");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ForEach(Action<IStatusOutput> action, string what)
    {
        lock (_gate)
        {
            for (var i = _outputs.Count - 1; i >= 0; i--)
            {
                try
                {
                    action(_outputs[i]);
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
                {
                    _log.Warn($"status output {_outputs[i].GetType().Name} failed ({what}: {e.Message}); it is switched off");
                    SafeDispose(_outputs[i]);
                    _outputs.RemoveAt(i);
                }
            }
        }
    }

    private static void SafeDispose(IStatusOutput output)
    {
        try
        {
            output.Dispose();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _ticker;
        lock (_gate)
        {
            foreach (var o in _outputs) SafeDispose(o);
            _outputs.Clear();
        }
        _stop.Dispose();
    }
}
