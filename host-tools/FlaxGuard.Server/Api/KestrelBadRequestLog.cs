using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Api;

/// <summary>
/// Requests Kestrel refuses by itself (a broken request line or header) never reach <see cref="RequestGuard"/>. Kestrel
/// reports them at Debug level; this provider counts each as a bad-request refusal and logs one short warning through
/// the same limiter as the other refusals (Kestrel does not say which client it was, so they share one budget of lines).
/// </summary>
public sealed class KestrelBadRequestLog : ILoggerProvider
{
    public const string Category = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";
    private const string Source = "malformed HTTP (refused by the web server)";

    /// <summary>Set in an exception's Data by <see cref="RequestGuard"/> when it answered it: Kestrel logs the same exception again.</summary>
    public const string HandledMark = "flaxguard-refusal-counted";

    /// <summary>Set once the server is built; entries before that are dropped.</summary>
    public RequestRefusals? Refusals { get; set; }

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Forwarder(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Forwarder(KestrelBadRequestLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Only the refusals themselves; Kestrel logs other connection events under the same category.
            if (exception is not BadHttpRequestException bad || bad.Data.Contains(HandledMark)) return;
            if (owner.Refusals is not { } refusals) return;
            refusals.Counter.Add(Refusal.BadRequest);
            refusals.Log.Log(Source, LogLevel.Warning, $"answered {bad.StatusCode}: {LogText.Clean(bad.Message)}");
        }
    }
}
