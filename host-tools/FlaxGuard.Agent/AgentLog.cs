using FlaxGuard.Platform;

namespace FlaxGuard.Agent;

/// <summary>
/// One line per event, timestamped, to a writer (the journal when run by systemd). Callers pass only ids,
/// counts and reasons in words: never keys, passwords or report contents. Reasons may quote what a device or host
/// sent, so every message goes through <see cref="TerminalText"/>: one event is always exactly one line.
/// </summary>
public sealed class AgentLog(TextWriter writer)
{
    private readonly object _gate = new();

    public void Info(string message) => Write("info", message);

    public void Warn(string message) => Write("warn", message);

    private void Write(string level, string message)
    {
        lock (_gate)
        {
            writer.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {level} {TerminalText.Safe(message)}");
            writer.Flush();
        }
    }
}
