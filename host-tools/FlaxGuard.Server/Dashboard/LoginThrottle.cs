using System.Collections.Concurrent;

namespace FlaxGuard.Server.Dashboard;

/// <summary>
/// At most <see cref="MaxFailures"/> failed logins per client within <see cref="Window"/>; after that every attempt of
/// that client is refused until the window has passed, so the password cannot be guessed at request speed.
/// </summary>
public sealed class LoginThrottle(TimeProvider? time = null)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Clients tracked at once; beyond this, the oldest entries are dropped (bounded memory).</summary>
    private const int MaxClients = 4096;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="client"/> may try; otherwise how long it has to wait.</summary>
    public TimeSpan? Blocked(string client)
    {
        if (!_failures.TryGetValue(client, out var failures)) return null;
        lock (failures)
        {
            Expire(failures);
            return failures.Count >= MaxFailures ? failures.Peek() + Window - _time.GetUtcNow() : null;
        }
    }

    /// <summary>Records a failed login and returns how many failures the client has in the window.</summary>
    public int Failed(string client)
    {
        if (_failures.Count >= MaxClients && !_failures.ContainsKey(client))
            foreach (var key in _failures.Keys.Take(MaxClients / 4)) _failures.TryRemove(key, out _);
        var failures = _failures.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures);
            failures.Enqueue(_time.GetUtcNow());
            return failures.Count;
        }
    }

    public void Succeeded(string client) => _failures.TryRemove(client, out _);

    private void Expire(Queue<DateTimeOffset> failures)
    {
        var now = _time.GetUtcNow();
        while (failures.Count > 0 && now - failures.Peek() >= Window) failures.Dequeue();
    }
}
