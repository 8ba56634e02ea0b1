namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>The twin's clock: starts at a fixed wall time and moves only when a test advances it, so session expiry is exact.</summary>
public sealed class UbusClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public DateTimeOffset Now
    {
        get { lock (_gate) return _now; }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "a clock only moves forward");
        lock (_gate) _now += by;
    }
}
