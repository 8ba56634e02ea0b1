using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FlaxGuard.Server.Api;

/// <summary>
/// serve's console log: one line per entry, whatever is logged. An exception adds its type and message, never its
/// stack trace (one bad request used to write dozens of lines), and control characters cannot break the line.
/// </summary>
public sealed class OneLineConsoleFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "flaxguard-one-line";

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter(entry.State, entry.Exception);
        if (entry.Exception is { } e) message += $" ({e.GetType().Name}: {e.Message})";
        textWriter.Write($"{DateTime.Now:HH:mm:ss} {Level(entry.LogLevel)}: {entry.Category}[{entry.EventId.Id}] {LogText.Clean(message, maxLength: 2000)}\n");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
