using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Fuzz.Fakes;

/// <summary>A clock that never moves: fuzzed runs must not depend on time, and no deadline ever passes.</summary>
public sealed class FixedClock : IClock
{
    public const long UnixSeconds = 1_764_201_600;

    public long UtcUnixMilliseconds => UnixSeconds * 1000;

    public long MonotonicMilliseconds => 1_000;
}
