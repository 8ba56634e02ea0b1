using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Alerts.Tests.Fixtures;

/// <summary>Keeps every formatted log line, so tests can check what is logged (and what never is).</summary>
public sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Lines => _lines.ToArray();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        _lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
    }
}
