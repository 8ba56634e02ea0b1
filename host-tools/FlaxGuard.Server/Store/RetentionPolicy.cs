namespace FlaxGuard.Server.Store;

/// <summary>
/// How long the host keeps history. Results older than <see cref="MaxAge"/> (by when the host received them) and
/// beyond the newest <see cref="MaxResultsPerDevice"/> of a device are pruned; a device's latest result, its pending
/// and approved baselines and its open findings are never pruned. Report rows (appliance, counter, digest) stay, so a
/// replayed old report is still told from a new one after its results are gone.
/// </summary>
public sealed record RetentionPolicy(TimeSpan MaxAge, int MaxResultsPerDevice)
{
    public const int DefaultDays = 180;
    public const int DefaultResultsPerDevice = 60_000;

    /// <summary>180 days at one check every 5 minutes is about 52,000 results per device.</summary>
    public static RetentionPolicy Default { get; } = new(TimeSpan.FromDays(DefaultDays), DefaultResultsPerDevice);

    /// <summary>Rows deleted per transaction, so a large prune never holds SQLite's write lock for long.</summary>
    public const int BatchRows = 2_000;

    public static RetentionPolicy Create(int days, int resultsPerDevice)
    {
        if (days is < 1 or > 36_500) throw new StoreException($"--retain-days {days} must be between 1 and 36500");
        if (resultsPerDevice is < 1 or > 10_000_000) throw new StoreException($"--retain-results {resultsPerDevice} must be between 1 and 10000000");
        return new RetentionPolicy(TimeSpan.FromDays(days), resultsPerDevice);
    }
}

/// <summary>What one prune removed.</summary>
/// <param name="LanDevices">Devices found on a LAN and not seen again within the retention: if one comes back it is new again.</param>
public sealed record PruneOutcome(long Results, long Findings, long Baselines, long LanDevices = 0)
{
    public long Total => Results + Findings + Baselines + LanDevices;
}
