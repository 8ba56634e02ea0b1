namespace FlaxGuard.Agent.Status;

/// <summary>Status on the log, one line whenever it changes (the default when there is no LED or display).</summary>
public sealed class ConsoleStatusOutput(AgentLog log) : IStatusOutput
{
    private string? _last;

    public void Show(AgentStatusView view)
    {
        var line = "status " + string.Join(" | ", view.Lines());
        var key = view.Status + "/" + view.Targets + "/" + view.Highest + "/" + view.QueuedReports;
        if (key == _last) return;
        _last = key;
        log.Info(line);
    }

    public void Tick(long monotonicMs)
    {
    }

    public void Dispose()
    {
    }
}
