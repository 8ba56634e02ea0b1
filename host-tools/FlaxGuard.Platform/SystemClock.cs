using System.Diagnostics;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>Wall time from the system clock; monotonic time from <see cref="Stopwatch"/>.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    public long UtcUnixMilliseconds => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public long MonotonicMilliseconds => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
}
