namespace FlaxGuard.Server.Api;

/// <summary>
/// Bounds what one appliance may add to the store per hour, so a runaway or stolen appliance key cannot fill the
/// host's disk. Only verified, stored reports count. Over the quota a report is answered 429 with Retry-After; the
/// appliance keeps it queued and sends it later, so nothing is lost, only delayed.
/// </summary>
public sealed class ApplianceQuota(long bytesPerHour, TimeProvider clock)
{
    public const long DefaultBytesPerHour = 128L * 1024 * 1024;

    private readonly Dictionary<string, (long Hour, long Bytes)> _used = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public long BytesPerHour => bytesPerHour;

    /// <summary>Null when <paramref name="size"/> more bytes fit this hour; otherwise the seconds until the next hour.</summary>
    public int? RetryAfter(string applianceId, int size)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_lock)
        {
            var used = _used.TryGetValue(applianceId, out var u) && u.Hour == now / 3600 ? u.Bytes : 0;
            return used + size <= bytesPerHour ? null : (int)(3600 - now % 3600);
        }
    }

    public void Charge(string applianceId, int size)
    {
        var hour = (clock.GetUtcNow().ToUnixTimeSeconds()) / 3600;
        lock (_lock)
        {
            var used = _used.TryGetValue(applianceId, out var u) && u.Hour == hour ? u.Bytes : 0;
            _used[applianceId] = (hour, used + size);
            // Entries of past hours go with the next charge of their appliance; drop all stale ones now and then.
            if (_used.Count > 4096)
                foreach (var stale in _used.Where(e => e.Value.Hour != hour).Select(e => e.Key).ToList()) _used.Remove(stale);
        }
    }
}
