namespace FlaxGuard.Engine.Platform
{
    /// <summary>Time as the engine sees it. Wall time stamps reports; monotonic time bounds every wait.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since the Unix epoch, UTC. May jump when SNTP sets the clock.</summary>
        long UtcUnixMilliseconds { get; }

        /// <summary>Milliseconds from an arbitrary start that never goes backwards.</summary>
        long MonotonicMilliseconds { get; }
    }
}
