namespace FlaxGuard.Server.Store;

/// <summary>
/// Everything the host keeps: appliances, devices, reports and their per-device results, baselines,
/// findings and refusal counters. SQLite and PostgreSQL implement the same schema and behaviour.
/// </summary>
public interface IFlaxStore : IAsyncDisposable
{
    /// <summary>
    /// How many ingest writers may call <see cref="StoreReportsAsync"/> at once: 1 for SQLite (one writer
    /// at a time anyway), several for PostgreSQL, where a batch waits mostly on network round trips.
    /// </summary>
    int IngestWriters { get; }

    /// <summary>"sqlite /path/flaxguard.db" or "postgres host:port/db" (never a password).</summary>
    string Description { get; }

    /// <summary>Creates or upgrades the schema; reports each step.</summary>
    Task MigrateAsync(IProgress<string>? progress, CancellationToken ct);

    Task<int> SchemaVersionAsync(CancellationToken ct);

    Task AddApplianceAsync(ApplianceRecord appliance, CancellationToken ct);
    /// <summary>An enrolled appliance by id or name; a removed one is never found.</summary>
    Task<ApplianceRecord?> FindApplianceAsync(string idOrName, CancellationToken ct);
    Task<IReadOnlyList<ApplianceRecord>> ListAppliancesAsync(CancellationToken ct);

    /// <summary>
    /// Removes an appliance: its key is wiped, it is no longer found or listed, and from the commit on its job
    /// requests and reports are refused (the report writer checks it in its own transaction). Its stored reports stay
    /// as history of the devices it checked. Refused (<see cref="StoreException"/>) while devices are assigned to it.
    /// False when there is no such appliance.
    /// </summary>
    Task<bool> RemoveApplianceAsync(string applianceId, long now, CancellationToken ct);

    /// <summary>Replaces an appliance's sealed key and records when; raises its job version. False when it is gone.</summary>
    Task<bool> ReplaceApplianceKeyAsync(string applianceId, byte[] keySealed, long now, CancellationToken ct);

    /// <summary>Adds a device and raises its appliance's job version.</summary>
    Task AddDeviceAsync(DeviceRecord device, CancellationToken ct);
    Task<DeviceRecord?> FindDeviceAsync(string idOrName, CancellationToken ct);
    Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(string? applianceId, CancellationToken ct);

    /// <summary>
    /// Replaces a device's name, address, profile, ports, credentials and appliance (found by id); its results,
    /// baselines and findings stay. Raises the job version of the old and the new appliance. False when it is gone.
    /// </summary>
    Task<bool> UpdateDeviceAsync(DeviceRecord device, CancellationToken ct);

    /// <summary>Removes a device with its results, baselines and findings; raises the job version.</summary>
    Task<bool> RemoveDeviceAsync(string deviceId, CancellationToken ct);

    /// <summary>
    /// Stores verified reports in one transaction, each after checking its counter against the stored one
    /// (the authoritative replay check), and returns only after the commit.
    /// </summary>
    Task<IReadOnlyList<IngestResult>> StoreReportsAsync(IReadOnlyList<IngestItem> batch, CancellationToken ct);

    /// <summary>Adds <paramref name="counts"/> (reason to number refused) to the stored counters in one transaction.</summary>
    Task CountRefusalsAsync(IReadOnlyDictionary<string, long> counts, CancellationToken ct);
    Task<IReadOnlyDictionary<string, long>> RefusalCountsAsync(CancellationToken ct);

    Task<long> CountReportsAsync(string? applianceId, CancellationToken ct);
    Task<IReadOnlyList<long>> ReportCountersAsync(string applianceId, CancellationToken ct);

    Task<BaselineRecord?> LatestBaselineAsync(string deviceId, BaselineState state, CancellationToken ct);

    /// <summary>
    /// Approves the pending proposal, or with <paramref name="fromLatest"/> the facts of the latest fully
    /// verified report (after a legitimate firmware update). The previous approved baseline becomes Replaced.
    /// Null when there is nothing to approve.
    /// </summary>
    Task<BaselineRecord?> ApproveBaselineAsync(string deviceId, bool fromLatest, long now, CancellationToken ct);

    /// <summary>Rejects the pending proposal; the next fully verified report proposes again. Null when none is pending.</summary>
    Task<BaselineRecord?> RejectBaselineAsync(string deviceId, long now, CancellationToken ct);

    Task<TargetResultRecord?> LatestResultAsync(string deviceId, CancellationToken ct);
    Task<IReadOnlyList<FindingRecord>> OpenFindingsAsync(string deviceId, CancellationToken ct);

    /// <summary>Every device's latest result in one query, by device id; Facts are left empty (status and the dashboard overview need none).</summary>
    Task<IReadOnlyDictionary<string, TargetResultRecord>> LatestResultsAsync(CancellationToken ct);

    /// <summary>A device's most recent results, oldest first, at most <paramref name="limit"/>; Facts are left empty (the dashboard timeline).</summary>
    Task<IReadOnlyList<TargetResultRecord>> ResultHistoryAsync(string deviceId, int limit, CancellationToken ct);

    /// <summary>The LAN inventory: every device the (not removed) appliances found, or those of one appliance; by appliance, then address.</summary>
    Task<IReadOnlyList<LanDeviceRecord>> ListLanDevicesAsync(string? applianceId, CancellationToken ct);

    /// <summary>One entry of the LAN inventory by its id; null when there is none (or its appliance was removed).</summary>
    Task<LanDeviceRecord?> FindLanDeviceAsync(long id, CancellationToken ct);

    /// <summary>Removes history the <paramref name="policy"/> no longer keeps, in short transactions; see <see cref="RetentionPolicy"/>.</summary>
    Task<PruneOutcome> PruneAsync(RetentionPolicy policy, long now, CancellationToken ct);
}
