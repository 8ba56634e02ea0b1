namespace FlaxGuard.Alerts.Dispatch;

/// <summary>
/// Bounded retries with exponential backoff: attempt n (from 1) waits InitialDelay * 2^(n-1), capped at MaxDelay,
/// with up to 20 % random jitter so channels recovering together do not retry in lockstep.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    public TimeSpan DelayBeforeRetry(int failedAttempts)
    {
        if (failedAttempts < 1) return TimeSpan.Zero;
        var factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = Math.Min(InitialDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        var jitter = delay * 0.2 * Random.Shared.NextDouble();
        return TimeSpan.FromMilliseconds(Math.Min(delay + jitter, MaxDelay.TotalMilliseconds));
    }

    internal void Validate()
    {
        if (MaxAttempts is < 1 or > 100) throw new AlertConfigException("retry attempts must be 1 to 100");
        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay) throw new AlertConfigException("retry delays must be positive and the maximum at least the first delay");
    }
}
