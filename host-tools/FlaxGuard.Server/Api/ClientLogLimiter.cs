using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Server.Api;

/// <summary>
/// At most <see cref="LinesPerWindow"/> log lines per client per window; the rest are counted and reported in one
/// summary line when the window ends. One client sending a flood of bad requests must not fill the disk with log.
/// </summary>
public sealed class ClientLogLimiter
{
    /// <summary>Clients tracked at once; beyond this the oldest windows are summarised and dropped (bounded memory).</summary>
    public const int MaxClients = 4096;

    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public ClientLogLimiter(ILogger log, TimeProvider? time = null, int linesPerWindow = 10, TimeSpan? window = null)
    {
        _log = log;
        _time = time ?? TimeProvider.System;
        LinesPerWindow = linesPerWindow;
        WindowLength = window ?? TimeSpan.FromMinutes(1);
    }

    public int LinesPerWindow { get; }

    public TimeSpan WindowLength { get; }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Lines;
        public long Suppressed;
    }

    /// <summary>Logs <paramref name="message"/> (already safe to print) unless <paramref name="client"/> used up its lines.</summary>
    public void Log(string client, LogLevel level, string message)
    {
        var now = _time.GetUtcNow();
        if (_windows.Count >= MaxClients && !_windows.ContainsKey(client)) Sweep(now, force: true);
        var window = _windows.GetOrAdd(client, _ => new Window(now));
        lock (window)
        {
            if (now - window.Start >= WindowLength) Restart(client, window, now);
            if (window.Lines >= LinesPerWindow)
            {
                window.Suppressed++;
                return;
            }
            window.Lines++;
        }
        _log.Log(level, "{Client}: {Message}", client, message);
    }

    /// <summary>Writes the summaries of ended windows and forgets them (called periodically and at shutdown).</summary>
    public void Sweep() => Sweep(_time.GetUtcNow(), force: false);

    /// <summary>Writes every pending summary now, ended window or not (shutdown).</summary>
    public void Flush() => Sweep(_time.GetUtcNow(), force: true);

    private void Sweep(DateTimeOffset now, bool force)
    {
        foreach (var (client, window) in _windows)
        {
            lock (window)
            {
                if (!force && now - window.Start < WindowLength) continue;
                Summarise(client, window);
                _windows.TryRemove(new KeyValuePair<string, Window>(client, window));
            }
        }
    }

    private void Restart(string client, Window window, DateTimeOffset now)
    {
        Summarise(client, window);
        window.Start = now;
        window.Lines = 0;
    }

    private void Summarise(string client, Window window)
    {
        if (window.Suppressed == 0) return;
        _log.LogWarning("{Client}: {Suppressed} more lines like the above suppressed (at most {Lines} per client per {Seconds} s)",
            client, window.Suppressed, LinesPerWindow, (int)WindowLength.TotalSeconds);
        window.Suppressed = 0;
    }
}
