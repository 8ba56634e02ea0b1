using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>
/// The store over ADO.NET, shared by SQLite and PostgreSQL: the same SQL except the few dialect words a
/// subclass supplies. Every write is one transaction; nothing is acknowledged before its commit returns.
/// </summary>
public abstract partial class SqlFlaxStore : IFlaxStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Description { get; }

    public virtual int IngestWriters => 1;

    /// <summary>Auto-increment primary key column type.</summary>
    protected abstract string IdColumn { get; }

    protected abstract string BlobType { get; }

    /// <summary>Row lock for the read-check-write of an appliance's counter ("" where the transaction already locks).</summary>
    protected abstract string ForUpdate { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Serialises migrations between processes (PostgreSQL advisory lock; SQLite's write lock does it already).</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction tx, CancellationToken ct) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        await _writerLock.WaitAsync();
        try
        {
            await DropWriter();
        }
        finally
        {
            _writerLock.Release();
        }
    }

    /// <summary>
    /// Keep one connection for report batches and reuse its prepared statements (SQLite re-parses every new
    /// command otherwise, which was most of the cost of storing a report).
    /// </summary>
    protected virtual bool KeepWriterConnection => false;

    private readonly SemaphoreSlim _writerLock = new(1, 1);
    private DbConnection? _writer;

    /// <summary>The devices' latest firmware facts, for the consensus verdict given with each stored result.</summary>
    public FleetConsensus Fleet { get; } = new();
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);

    /// <summary>Prepared commands of each kept writer connection (only that store's single writer uses them, under its lock).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> PreparedByConnection = new();

    private async Task DropWriter()
    {
        foreach (var cmd in _prepared.Values) await cmd.DisposeAsync();
        _prepared.Clear();
        if (_writer is not null)
        {
            PreparedByConnection.Remove(_writer);
            await _writer.DisposeAsync();
        }
        _writer = null;
    }

    // ---- schema

    public async Task MigrateAsync(IProgress<string>? progress, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        await LockForMigrationAsync(c, tx, ct);
        await Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)", ct);
        var current = Convert.ToInt32(await Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", ct));
        if (current > Migrations.Latest)
            throw new StoreException($"the database schema is version {current}, newer than this flaxguard understands ({Migrations.Latest}); upgrade flaxguard");
        var pending = Migrations.All.Where(m => m.Version > current).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            var step = pending[i];
            progress?.Report($"migrating {Description}: step {i + 1}/{pending.Count} (schema v{step.Version}: {step.Description})");
            foreach (var sql in step.Statements)
                await Exec(c, tx, sql.Replace("{ID}", IdColumn).Replace("{BLOB}", BlobType), ct);
            await Exec(c, tx, "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@v, @d, @t)", ct,
                ("v", step.Version), ("d", step.Description), ("t", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        }
        await tx.CommitAsync(ct);
    }

    public async Task<int> SchemaVersionAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        try
        {
            return Convert.ToInt32(await Scalar(c, null, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", ct));
        }
        catch (DbException)
        {
            return 0;
        }
    }

    // ---- appliances and devices

    public async Task AddApplianceAsync(ApplianceRecord a, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE name = @n OR id = @n", ct, ("n", a.Name)) is not null)
            throw new StoreException($"an appliance named '{a.Name}' already exists");
        await Exec(c, tx, """
            INSERT INTO appliances (id, name, key_sealed, interval_seconds, job_version, created_at, last_counter)
            VALUES (@id, @name, @key, @interval, @jv, @created, 0)
            """, ct, ("id", a.Id), ("name", a.Name), ("key", a.KeySealed), ("interval", a.IntervalSeconds), ("jv", a.JobVersion), ("created", a.CreatedAt));
        await tx.CommitAsync(ct);
    }

    public async Task<ApplianceRecord?> FindApplianceAsync(string idOrName, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, ApplianceSelect + " WHERE (id = @x OR name = @x) AND removed_at IS NULL ORDER BY CASE WHEN id = @x THEN 0 ELSE 1 END",
            ReadAppliance, ct, ("x", idOrName))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<ApplianceRecord>> ListAppliancesAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await Query(c, null, ApplianceSelect + " WHERE removed_at IS NULL ORDER BY name", ReadAppliance, ct);
    }

    public async Task<bool> RemoveApplianceAsync(string applianceId, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var name = await Scalar(c, tx, "SELECT name FROM appliances WHERE id = @a AND removed_at IS NULL" + ForUpdate, ct, ("a", applianceId)) as string;
        if (name is null) return false;
        var assigned = await Query(c, tx, "SELECT name FROM devices WHERE appliance_id = @a ORDER BY name", r => r.GetString(0), ct, ("a", applianceId));
        if (assigned.Count > 0)
            throw new StoreException($"appliance '{name}' still checks {string.Join(", ", assigned)}; move each to another appliance with " +
                $"'flaxguard device set DEVICE --appliance OTHER' or remove it with 'flaxguard device remove DEVICE' first");
        // The row stays (stored reports refer to it) under a name that frees the old one for a new enrollment; the key is wiped.
        await Exec(c, tx, "UPDATE appliances SET removed_at = @now, name = @tomb, key_sealed = @none, job_version = job_version + 1 WHERE id = @a", ct,
            ("now", now), ("tomb", RemovedName(applianceId)), ("none", Array.Empty<byte>()), ("a", applianceId));
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The name a removed appliance keeps: not a valid appliance name (control characters), so it never clashes.</summary>
    private static string RemovedName(string applianceId) => "\u0001removed\u0001" + applianceId;

    public async Task<bool> ReplaceApplianceKeyAsync(string applianceId, byte[] keySealed, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE id = @a AND removed_at IS NULL" + ForUpdate, ct, ("a", applianceId)) is null) return false;
        await Exec(c, tx, "UPDATE appliances SET key_sealed = @k, key_rotated_at = @now, job_version = job_version + 1 WHERE id = @a", ct,
            ("k", keySealed), ("now", now), ("a", applianceId));
        await tx.CommitAsync(ct);
        return true;
    }

    private const string ApplianceSelect = "SELECT id, name, key_sealed, interval_seconds, job_version, created_at, last_seen, last_counter, queue_length, key_rotated_at FROM appliances";

    private static ApplianceRecord ReadAppliance(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), Convert.ToInt32(r.GetValue(3)), Convert.ToInt64(r.GetValue(4)), Convert.ToInt64(r.GetValue(5)),
        r.IsDBNull(6) ? null : Convert.ToInt64(r.GetValue(6)), Convert.ToInt64(r.GetValue(7)), r.IsDBNull(8) ? null : Convert.ToInt32(r.GetValue(8)),
        r.IsDBNull(9) ? null : Convert.ToInt64(r.GetValue(9)));

    public async Task AddDeviceAsync(DeviceRecord d, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        if (await Scalar(c, tx, "SELECT 1 FROM devices WHERE name = @n OR id = @n", ct, ("n", d.Name)) is not null)
            throw new StoreException($"a device named '{d.Name}' already exists");
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE id = @a AND removed_at IS NULL", ct, ("a", d.ApplianceId)) is null)
            throw new StoreException($"appliance '{d.ApplianceId}' does not exist");
        await Exec(c, tx, """
            INSERT INTO devices (id, name, appliance_id, address, profile, ports, user_sealed, password_sealed, created_at)
            VALUES (@id, @name, @a, @address, @profile, @ports, @user, @password, @created)
            """, ct, ("id", d.Id), ("name", d.Name), ("a", d.ApplianceId), ("address", d.Address), ("profile", d.Profile), ("ports", d.Ports),
            ("user", d.UserSealed), ("password", d.PasswordSealed), ("created", d.CreatedAt));
        await BumpJob(c, tx, d.ApplianceId, ct);
        await tx.CommitAsync(ct);
    }

    public async Task<DeviceRecord?> FindDeviceAsync(string idOrName, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, DeviceSelect + " WHERE id = @x OR name = @x ORDER BY CASE WHEN id = @x THEN 0 ELSE 1 END", ReadDevice, ct, ("x", idOrName))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(string? applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return applianceId is null
            ? await Query(c, null, DeviceSelect + " ORDER BY name", ReadDevice, ct)
            : await Query(c, null, DeviceSelect + " WHERE appliance_id = @a ORDER BY name", ReadDevice, ct, ("a", applianceId));
    }

    private const string DeviceSelect = "SELECT id, name, appliance_id, address, profile, ports, user_sealed, password_sealed, created_at FROM devices";

    private static DeviceRecord ReadDevice(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? null : (byte[])r.GetValue(6), r.IsDBNull(7) ? null : (byte[])r.GetValue(7), Convert.ToInt64(r.GetValue(8)));

    public async Task<bool> UpdateDeviceAsync(DeviceRecord d, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var oldAppliance = await Scalar(c, tx, "SELECT appliance_id FROM devices WHERE id = @d", ct, ("d", d.Id)) as string;
        if (oldAppliance is null) return false;
        if (await Scalar(c, tx, "SELECT 1 FROM devices WHERE (name = @n OR id = @n) AND id <> @d", ct, ("n", d.Name), ("d", d.Id)) is not null)
            throw new StoreException($"a device named '{d.Name}' already exists");
        if (await Scalar(c, tx, "SELECT 1 FROM appliances WHERE id = @a AND removed_at IS NULL", ct, ("a", d.ApplianceId)) is null)
            throw new StoreException($"appliance '{d.ApplianceId}' does not exist");
        await Exec(c, tx, """
            UPDATE devices SET name = @name, appliance_id = @a, address = @address, profile = @profile, ports = @ports,
                user_sealed = @user, password_sealed = @password WHERE id = @id
            """, ct, ("id", d.Id), ("name", d.Name), ("a", d.ApplianceId), ("address", d.Address), ("profile", d.Profile), ("ports", d.Ports),
            ("user", d.UserSealed), ("password", d.PasswordSealed));
        await BumpJob(c, tx, d.ApplianceId, ct);
        if (oldAppliance != d.ApplianceId) await BumpJob(c, tx, oldAppliance, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> RemoveDeviceAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var appliance = await Scalar(c, tx, "SELECT appliance_id FROM devices WHERE id = @d", ct, ("d", deviceId)) as string;
        if (appliance is null) return false;
        foreach (var table in new[] { "target_results", "baselines", "findings" })
            await Exec(c, tx, $"DELETE FROM {table} WHERE device_id = @d", ct, ("d", deviceId));
        await Exec(c, tx, "DELETE FROM devices WHERE id = @d", ct, ("d", deviceId));
        await BumpJob(c, tx, appliance, ct);
        await tx.CommitAsync(ct);
        Fleet.Forget(deviceId);
        return true;
    }

    private static Task BumpJob(DbConnection c, DbTransaction tx, string applianceId, CancellationToken ct) =>
        Exec(c, tx, "UPDATE appliances SET job_version = job_version + 1 WHERE id = @a", ct, ("a", applianceId));

    // ---- ingest

    public async Task<IReadOnlyList<IngestResult>> StoreReportsAsync(IReadOnlyList<IngestItem> batch, CancellationToken ct)
    {
        await _writerLock.WaitAsync(ct);
        try
        {
            if (!KeepWriterConnection)
            {
                await using var own = await OpenAsync(ct);
                try
                {
                    return await StoreBatch(own, batch, ct);
                }
                catch
                {
                    Fleet.Invalidate();
                    throw;
                }
            }
            if (_writer is null)
            {
                _writer = await OpenAsync(ct);
                PreparedByConnection.Add(_writer, _prepared);
            }
            try
            {
                return await StoreBatch(_writer, batch, ct);
            }
            catch
            {
                Fleet.Invalidate(); // what the failed batch recorded was rolled back
                await DropWriter(); // the connection may be broken; the next batch opens a fresh one
                throw;
            }
        }
        finally
        {
            _writerLock.Release();
        }
    }

    /// <summary>
    /// Send the ingest path's writes that return nothing together with the next read (or the commit) as one
    /// DbBatch: one round trip instead of one per statement. Order is kept, so every read still sees every write before it.
    /// </summary>
    protected virtual bool DeferIngestWrites => false;

    private sealed class PendingWrites
    {
        public readonly List<(string Sql, (string Name, object? Value)[] Parameters)> Statements = [];
    }

    /// <summary>Writes waiting to go out with the next read on a connection (only while its ingest batch runs, under the writer lock).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, PendingWrites> DeferredByConnection = new();

    private async Task<IReadOnlyList<IngestResult>> StoreBatch(DbConnection c, IReadOnlyList<IngestItem> batch, CancellationToken ct)
    {
        if (!DeferIngestWrites || !c.CanCreateBatch) return await StoreBatchCore(c, batch, ct);
        DeferredByConnection.AddOrUpdate(c, new PendingWrites());
        try
        {
            return await StoreBatchCore(c, batch, ct);
        }
        finally
        {
            DeferredByConnection.Remove(c);
        }
    }

    private async Task<IReadOnlyList<IngestResult>> StoreBatchCore(DbConnection c, IReadOnlyList<IngestItem> batch, CancellationToken ct)
    {
        await using var tx = await BeginWriteAsync(c, ct);
        var context = new BatchContext();
        var results = new IngestResult[batch.Count];
        // Appliance rows are locked in id order, so concurrent writers (PostgreSQL) cannot deadlock; each
        // appliance's own reports keep their arrival order.
        var order = Enumerable.Range(0, batch.Count).OrderBy(i => batch[i].Report.DeviceId, StringComparer.Ordinal).ThenBy(i => i).ToList();
        if (DeferredByConnection.TryGetValue(c, out _)) await Prefetch(c, tx, batch, order, context, ct);
        foreach (var i in order) results[i] = await StoreOne(c, tx, batch[i], context, ct);
        // One health update per appliance per batch: the counters were checked against context.LastCounter above.
        foreach (var (appliance, state) in context.Appliances)
        {
            if (state is null || state.Stored == 0) continue;
            await Exec(c, tx, "UPDATE appliances SET last_counter = @counter, last_seen = @now, queue_length = COALESCE(@q, queue_length) WHERE id = @a", ct,
                ("counter", state.LastCounter), ("now", state.LastSeen), ("q", state.QueueLength), ("a", appliance));
        }
        await FlushDeferred(c, tx, ct); // every write has reached the server before the commit is asked for
        await tx.CommitAsync(ct);
        return results;
    }

    /// <summary>What one batch transaction has already read, so repeated reports from the same appliance and device cost no extra queries.</summary>
    private sealed class BatchContext
    {
        public sealed class ApplianceState
        {
            public long LastCounter;
            public long LastSeen;
            /// <summary>Counters taken in this batch with their digests (a batch can hold a report and its replay).</summary>
            public Dictionary<long, byte[]> Taken { get; } = [];
            public int? QueueLength;
            public int Stored;
        }

        public Dictionary<string, ApplianceState?> Appliances { get; } = new(StringComparer.Ordinal);
        public Dictionary<(string Appliance, string Device), string?> DeviceNames { get; } = [];
        public Dictionary<string, FactSet?> Approved { get; } = new(StringComparer.Ordinal);
        /// <summary>The sealed time of each device's latest result: an older report is history, not the device's state.</summary>
        public Dictionary<string, long> LatestSealed { get; } = new(StringComparer.Ordinal);
        public HashSet<string> HasProposal { get; } = new(StringComparer.Ordinal);
        /// <summary>Targets whose proposed baseline was looked up (present or not) in this transaction.</summary>
        public HashSet<string> ProposalChecked { get; } = new(StringComparer.Ordinal);
        /// <summary>Open findings read in this transaction, dropped once the device's findings are merged (later reads see the writes).</summary>
        public Dictionary<string, List<FindingRecord>> OpenFindings { get; } = new(StringComparer.Ordinal);
    }

    private const string OpenFindingsSelect = "SELECT id, device_id, finding_key, severity, sentence, first_seen, last_seen, resolved_at FROM findings WHERE device_id = @d AND resolved_at IS NULL";

    /// <summary>
    /// Everything the batch's reports will read, in one round trip, before any write: appliance rows (locked in
    /// id order), device names, approved and proposed baselines, open findings.
    /// </summary>
    private async Task Prefetch(DbConnection c, DbTransaction tx, IReadOnlyList<IngestItem> batch, List<int> order, BatchContext context, CancellationToken ct)
    {
        await using var prefetch = c.CreateBatch();
        prefetch.Transaction = tx;
        var readers = new List<Action<DbDataReader>>();
        var appliances = new HashSet<string>(StringComparer.Ordinal);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new HashSet<(string, string)>();
        void Add(string sql, Action<DbDataReader> read, params (string Name, object? Value)[] parameters)
        {
            prefetch.BatchCommands.Add(BatchCommand(prefetch, sql, parameters));
            readers.Add(read);
        }
        foreach (var i in order)
        {
            var applianceId = batch[i].Report.DeviceId;
            if (appliances.Add(applianceId))
                Add("SELECT last_counter FROM appliances WHERE id = @a AND removed_at IS NULL" + ForUpdate, r =>
                    context.Appliances[applianceId] = r.Read() ? new BatchContext.ApplianceState { LastCounter = Convert.ToInt64(r.GetValue(0)) } : null, ("a", applianceId));
        }
        foreach (var i in order)
        {
            var applianceId = batch[i].Report.DeviceId;
            foreach (var target in batch[i].Report.Targets)
            {
                var targetId = target.TargetId;
                if (pairs.Add((applianceId, targetId)))
                    Add("SELECT name FROM devices WHERE id = @d AND appliance_id = @a", r =>
                        context.DeviceNames[(applianceId, targetId)] = r.Read() ? r.GetString(0) : null, ("d", targetId), ("a", applianceId));
                if (!targets.Add(targetId)) continue;
                Add(LatestSealedSelect, r => context.LatestSealed[targetId] = r.Read() && !r.IsDBNull(0) ? Convert.ToInt64(r.GetValue(0)) : 0, ("d", targetId));
                Add("SELECT facts FROM baselines WHERE device_id = @d AND state = 'approved' ORDER BY id DESC LIMIT 1", r =>
                    context.Approved[targetId] = r.Read() ? DecodeFacts((byte[])r.GetValue(0)) : null, ("d", targetId));
                Add("SELECT 1 FROM baselines WHERE device_id = @d AND state = 'proposed' LIMIT 1", r =>
                {
                    if (r.Read()) context.HasProposal.Add(targetId);
                    context.ProposalChecked.Add(targetId);
                }, ("d", targetId));
                Add(OpenFindingsSelect, r =>
                {
                    var open = new List<FindingRecord>();
                    while (r.Read()) open.Add(ReadFinding(r));
                    context.OpenFindings[targetId] = open;
                }, ("d", targetId));
            }
        }
        await using var reader = await prefetch.ExecuteReaderAsync(ct);
        for (var k = 0; k < readers.Count; k++)
        {
            if (k > 0 && !await reader.NextResultAsync(ct)) throw new StoreException("the database returned fewer results than it was asked for");
            readers[k](reader);
        }
    }

    private async Task<IngestResult> StoreOne(DbConnection c, DbTransaction tx, IngestItem item, BatchContext context, CancellationToken ct)
    {
        var report = item.Report;
        if (!context.Appliances.TryGetValue(report.DeviceId, out var appliance))
        {
            var last = await Scalar(c, tx, "SELECT last_counter FROM appliances WHERE id = @a AND removed_at IS NULL" + ForUpdate, ct, ("a", report.DeviceId));
            appliance = last is null ? null : new BatchContext.ApplianceState { LastCounter = Convert.ToInt64(last) };
            context.Appliances[report.DeviceId] = appliance;
        }
        if (appliance is null) return new IngestResult(IngestStatus.UnknownAppliance, 0, []);
        // Counters above the highest stored one are free; below it, the report may fill a gap (sealed while the host
        // was away) or be a copy of one stored (see ReportVerifier for why that is the whole replay defence).
        byte[]? held = null;
        if (appliance.Taken.TryGetValue(report.Counter, out var inBatch)) held = inBatch;
        else if (report.Counter <= appliance.LastCounter)
        {
            var row = await Query(c, tx, "SELECT digest FROM reports WHERE appliance_id = @a AND counter = @counter", r => r.IsDBNull(0) ? [] : (byte[])r.GetValue(0), ct,
                ("a", report.DeviceId), ("counter", report.Counter));
            held = row.Count == 0 ? null : row[0];
        }
        if (held is not null)
        {
            // A row stored before digests were kept (empty) cannot prove it is this report: answered as a conflict, the
            // appliance sends it again under a new counter, so at worst it is kept twice, never lost.
            var same = held.Length > 0 && CryptographicOperations.FixedTimeEquals(held, item.Digest);
            return new IngestResult(same ? IngestStatus.Duplicate : IngestStatus.CounterConflict, appliance.LastCounter, []);
        }
        var now = item.ReceivedAt;
        // With deferred writes the report row is not read back: its results find it by (appliance, counter), which is unique.
        var deferred = DeferredByConnection.TryGetValue(c, out _);
        object reportId = "";
        if (deferred)
            await Exec(c, tx, "INSERT INTO reports (appliance_id, counter, device_time, received_at, size_bytes, digest) VALUES (@a, @counter, @dt, @now, @size, @digest)", ct,
                ("a", report.DeviceId), ("counter", report.Counter), ("dt", report.TimestampUnixSeconds), ("now", now), ("size", item.SizeBytes), ("digest", item.Digest));
        else
            reportId = Convert.ToInt64(await Scalar(c, tx, """
                INSERT INTO reports (appliance_id, counter, device_time, received_at, size_bytes, digest) VALUES (@a, @counter, @dt, @now, @size, @digest) RETURNING id
                """, ct, ("a", report.DeviceId), ("counter", report.Counter), ("dt", report.TimestampUnixSeconds), ("now", now), ("size", item.SizeBytes), ("digest", item.Digest)));
        var changes = new List<FindingChange>();
        foreach (var target in report.Targets)
        {
            if (!context.DeviceNames.TryGetValue((report.DeviceId, target.TargetId), out var deviceName))
            {
                deviceName = await Scalar(c, tx, "SELECT name FROM devices WHERE id = @d AND appliance_id = @a", ct, ("d", target.TargetId), ("a", report.DeviceId)) as string;
                context.DeviceNames[(report.DeviceId, target.TargetId)] = deviceName;
            }
            if (deviceName is null) continue; // a target the host no longer assigns: the report is kept, the result is not
            if (!context.Approved.TryGetValue(target.TargetId, out var approved))
            {
                var approvedBytes = await Scalar(c, tx, "SELECT facts FROM baselines WHERE device_id = @d AND state = 'approved' ORDER BY id DESC LIMIT 1", ct, ("d", target.TargetId)) as byte[];
                approved = approvedBytes is null ? null : DecodeFacts(approvedBytes);
                context.Approved[target.TargetId] = approved;
            }
            if (!Fleet.Loaded) await LoadFleet(c, tx, ct);
            var analysis = ReportAnalysis.Analyze(target, approved, Fleet.Assess(target.TargetId, target.Facts));
            (string Name, object? Value)[] resultValues =
            [
                ("d", target.TargetId), ("facts", analysis.Facts), ("verdicts", JsonSerializer.Serialize(analysis.Verdicts, Json)),
                ("drift", JsonSerializer.Serialize(analysis.Drift, Json)), ("worst", (int)analysis.Worst), ("unverified", analysis.Unverified ? 1 : 0),
                ("fw", analysis.Firmware), ("now", now), ("hb", approved is null ? 0 : 1), ("sealed", report.TimestampUnixSeconds),
            ];
            if (deferred)
                await Exec(c, tx, DeferredResultInsert, ct, [("a", report.DeviceId), ("counter", report.Counter), .. resultValues]);
            else
                await Exec(c, tx, ResultInsert, ct, [("r", reportId), .. resultValues]);
            if (!context.LatestSealed.TryGetValue(target.TargetId, out var latestSealed))
            {
                latestSealed = await Scalar(c, tx, LatestSealedSelect, ct, ("d", target.TargetId)) is { } v and not DBNull ? Convert.ToInt64(v) : 0;
            }
            // A report sealed before the device's latest result (it waited out a host outage, or was sealed again under a
            // new counter) is kept as history; the device's state, baseline proposal and findings follow the latest.
            if (report.TimestampUnixSeconds < latestSealed) continue;
            context.LatestSealed[target.TargetId] = report.TimestampUnixSeconds;
            Fleet.Record(target.TargetId, target.Facts);
            if (approved is null && !analysis.Unverified && !context.HasProposal.Contains(target.TargetId))
            {
                if (context.ProposalChecked.Contains(target.TargetId) || await Scalar(c, tx, "SELECT 1 FROM baselines WHERE device_id = @d AND state = 'proposed'", ct, ("d", target.TargetId)) is null)
                {
                    await Exec(c, tx, "INSERT INTO baselines (device_id, state, facts, created_at) VALUES (@d, 'proposed', @facts, @now)", ct,
                        ("d", target.TargetId), ("facts", analysis.Facts), ("now", now));
                }
                context.HasProposal.Add(target.TargetId);
            }
            // Findings read before this batch's writes are good for one merge only; a later report of the same device reads again.
            context.OpenFindings.Remove(target.TargetId, out var openFindings);
            await MergeFindings(c, tx, target.TargetId, deviceName, analysis.Findings, now, changes, openFindings, ct);
        }
        appliance.LastCounter = Math.Max(appliance.LastCounter, report.Counter);
        appliance.Taken[report.Counter] = item.Digest;
        appliance.LastSeen = now;
        if (item.QueueLength is not null) appliance.QueueLength = item.QueueLength;
        appliance.Stored++;
        return new IngestResult(IngestStatus.Stored, appliance.LastCounter, changes);
    }

    /// <summary>Every device's latest facts, once per process (and after a failed batch), for fleet consensus.</summary>
    private async Task LoadFleet(DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        var latest = await Query(c, tx, "SELECT d.id, (SELECT t.facts FROM target_results t WHERE t.device_id = d.id " + LatestFirst + " LIMIT 1) FROM devices d",
            r => (Id: r.GetString(0), Facts: r.IsDBNull(1) ? null : (byte[])r.GetValue(1)), ct);
        Fleet.Load(latest.Select(x => (x.Id, x.Facts is null ? null : DecodeFacts(x.Facts))));
    }

    private const string LatestSealedSelect = "SELECT MAX(sealed_at) FROM target_results WHERE device_id = @d";

    /// <summary>A device's latest result: the one sealed last (reports can arrive out of order), then the last stored.</summary>
    private const string LatestFirst = "ORDER BY sealed_at DESC, id DESC";

    private const string ResultInsert = """
        INSERT INTO target_results (report_id, device_id, facts, verdicts, drift, worst_severity, unverified, firmware, received_at, has_baseline, sealed_at)
        VALUES (@r, @d, @facts, @verdicts, @drift, @worst, @unverified, @fw, @now, @hb, @sealed)
        """;

    private const string DeferredResultInsert = """
        INSERT INTO target_results (report_id, device_id, facts, verdicts, drift, worst_severity, unverified, firmware, received_at, has_baseline, sealed_at)
        VALUES ((SELECT id FROM reports WHERE appliance_id = @a AND counter = @counter), @d, @facts, @verdicts, @drift, @worst, @unverified, @fw, @now, @hb, @sealed)
        """;

    private static async Task MergeFindings(DbConnection c, DbTransaction tx, string deviceId, string deviceName, IReadOnlyList<CurrentFinding> current, long now, List<FindingChange> changes, List<FindingRecord>? prefetched, CancellationToken ct)
    {
        var open = prefetched ?? await Query(c, tx, OpenFindingsSelect, ReadFinding, ct, ("d", deviceId));
        var byKey = open.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var f in current)
        {
            if (byKey.Remove(f.Key, out var existing))
            {
                if (existing.Severity == f.Severity && existing.Sentence == f.Sentence) continue;
                await Exec(c, tx, "UPDATE findings SET severity = @s, sentence = @t WHERE id = @id", ct, ("s", (int)f.Severity), ("t", f.Sentence), ("id", existing.Id));
                changes.Add(new FindingChange(FindingChangeKind.Changed, deviceId, deviceName, f.Key, f.Severity, f.Sentence, existing.FirstSeen, now));
            }
            else
            {
                await Exec(c, tx, """
                    INSERT INTO findings (device_id, finding_key, severity, sentence, first_seen, last_seen, resolved_at) VALUES (@d, @k, @s, @t, @now, @now, NULL)
                    ON CONFLICT (device_id, finding_key) DO UPDATE SET severity = @s, sentence = @t, first_seen = @now, last_seen = @now, resolved_at = NULL
                    """, ct, ("d", deviceId), ("k", f.Key), ("s", (int)f.Severity), ("t", f.Sentence), ("now", now));
                changes.Add(new FindingChange(FindingChangeKind.New, deviceId, deviceName, f.Key, f.Severity, f.Sentence, now, now));
            }
        }
        foreach (var gone in byKey.Values)
        {
            await Exec(c, tx, "UPDATE findings SET resolved_at = @now WHERE id = @id", ct, ("now", now), ("id", gone.Id));
            changes.Add(new FindingChange(FindingChangeKind.Resolved, deviceId, deviceName, gone.Key, gone.Severity, gone.Sentence, gone.FirstSeen, now));
        }
        if (open.Count > 0)
            await Exec(c, tx, "UPDATE findings SET last_seen = @now WHERE device_id = @d AND resolved_at IS NULL", ct, ("now", now), ("d", deviceId));
    }

    private static FindingRecord ReadFinding(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0)), r.GetString(1), r.GetString(2), (Severity)Convert.ToInt32(r.GetValue(3)), r.GetString(4),
        Convert.ToInt64(r.GetValue(5)), Convert.ToInt64(r.GetValue(6)), r.IsDBNull(7) ? null : Convert.ToInt64(r.GetValue(7)));

    public static FactSet DecodeFacts(byte[] canonical) =>
        FactSet.DecodeCanonical(new ByteReader(canonical, 0, canonical.Length), ReportLimits.MaxFactsPerTarget);

    // ---- refusals and counts

    public async Task CountRefusalsAsync(IReadOnlyDictionary<string, long> counts, CancellationToken ct)
    {
        if (counts.Count == 0) return;
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        foreach (var (reason, count) in counts)
            await Exec(c, tx, "INSERT INTO refusals (reason, count) VALUES (@r, @n) ON CONFLICT (reason) DO UPDATE SET count = refusals.count + @n", ct, ("r", reason), ("n", count));
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyDictionary<string, long>> RefusalCountsAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        var rows = await Query(c, null, "SELECT reason, count FROM refusals ORDER BY reason", r => (r.GetString(0), Convert.ToInt64(r.GetValue(1))), ct);
        return rows.ToDictionary(x => x.Item1, x => x.Item2);
    }

    public async Task<long> CountReportsAsync(string? applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return Convert.ToInt64(applianceId is null
            ? await Scalar(c, null, "SELECT COUNT(*) FROM reports", ct)
            : await Scalar(c, null, "SELECT COUNT(*) FROM reports WHERE appliance_id = @a", ct, ("a", applianceId)));
    }

    public async Task<IReadOnlyList<long>> ReportCountersAsync(string applianceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await Query(c, null, "SELECT counter FROM reports WHERE appliance_id = @a ORDER BY counter", r => Convert.ToInt64(r.GetValue(0)), ct, ("a", applianceId));
    }

    // ---- baselines and results

    public async Task<BaselineRecord?> LatestBaselineAsync(string deviceId, BaselineState state, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, BaselineSelect + " WHERE device_id = @d AND state = @s ORDER BY id DESC LIMIT 1", ReadBaseline, ct,
            ("d", deviceId), ("s", StateName(state)))).FirstOrDefault();
    }

    public async Task<BaselineRecord?> ApproveBaselineAsync(string deviceId, bool fromLatest, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var appliance = await Scalar(c, tx, "SELECT appliance_id FROM devices WHERE id = @d", ct, ("d", deviceId)) as string;
        if (appliance is null) return null;
        long id;
        if (fromLatest)
        {
            var facts = await Scalar(c, tx, "SELECT facts FROM target_results WHERE device_id = @d AND unverified = 0 " + LatestFirst + " LIMIT 1", ct, ("d", deviceId)) as byte[];
            if (facts is null) return null;
            await Exec(c, tx, "UPDATE baselines SET state = 'rejected', decided_at = @now WHERE device_id = @d AND state = 'proposed'", ct, ("now", now), ("d", deviceId));
            await Exec(c, tx, "UPDATE baselines SET state = 'replaced', decided_at = @now WHERE device_id = @d AND state = 'approved'", ct, ("now", now), ("d", deviceId));
            id = Convert.ToInt64(await Scalar(c, tx, "INSERT INTO baselines (device_id, state, facts, created_at, decided_at) VALUES (@d, 'approved', @f, @now, @now) RETURNING id", ct,
                ("d", deviceId), ("f", facts), ("now", now)));
        }
        else
        {
            var proposed = await Scalar(c, tx, "SELECT id FROM baselines WHERE device_id = @d AND state = 'proposed' ORDER BY id DESC LIMIT 1", ct, ("d", deviceId));
            if (proposed is null) return null;
            id = Convert.ToInt64(proposed);
            await Exec(c, tx, "UPDATE baselines SET state = 'replaced', decided_at = @now WHERE device_id = @d AND state = 'approved'", ct, ("now", now), ("d", deviceId));
            await Exec(c, tx, "UPDATE baselines SET state = 'approved', decided_at = @now WHERE id = @id", ct, ("now", now), ("id", id));
        }
        await BumpJob(c, tx, appliance, ct);
        var record = (await Query(c, tx, BaselineSelect + " WHERE id = @id", ReadBaseline, ct, ("id", id))).Single();
        await RerateLatestResult(c, tx, deviceId, DecodeFacts(record.Facts), now, ct);
        await tx.CommitAsync(ct);
        return record;
    }

    /// <summary>
    /// After an approval the latest result is rated again against the new baseline, and findings it no longer
    /// supports are resolved: what the owner just accepted stops showing as drift at once, not one check later.
    /// </summary>
    private static async Task RerateLatestResult(DbConnection c, DbTransaction tx, string deviceId, FactSet approved, long now, CancellationToken ct)
    {
        var latest = (await Query(c, tx, "SELECT id, facts, verdicts, unverified FROM target_results WHERE device_id = @d " + LatestFirst + " LIMIT 1",
            r => (Id: Convert.ToInt64(r.GetValue(0)), Facts: (byte[])r.GetValue(1), Verdicts: r.GetString(2), Unverified: Convert.ToInt32(r.GetValue(3)) != 0),
            ct, ("d", deviceId))).FirstOrDefault();
        if (latest.Facts is null) return;
        var verdicts = JsonSerializer.Deserialize<List<StoredVerdict>>(latest.Verdicts, Json)!;
        var (drift, worst, findings) = ReportAnalysis.Rate(DecodeFacts(latest.Facts), verdicts, latest.Unverified, approved);
        await Exec(c, tx, "UPDATE target_results SET drift = @drift, worst_severity = @worst, has_baseline = 1 WHERE id = @id", ct,
            ("drift", JsonSerializer.Serialize(drift, Json)), ("worst", (int)worst), ("id", latest.Id));
        var name = await Scalar(c, tx, "SELECT name FROM devices WHERE id = @d", ct, ("d", deviceId)) as string ?? deviceId;
        await MergeFindings(c, tx, deviceId, name, findings, now, [], null, ct);
    }

    public async Task<BaselineRecord?> RejectBaselineAsync(string deviceId, long now, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        await using var tx = await BeginWriteAsync(c, ct);
        var proposed = await Scalar(c, tx, "SELECT id FROM baselines WHERE device_id = @d AND state = 'proposed' ORDER BY id DESC LIMIT 1", ct, ("d", deviceId));
        if (proposed is null) return null;
        await Exec(c, tx, "UPDATE baselines SET state = 'rejected', decided_at = @now WHERE id = @id", ct, ("now", now), ("id", Convert.ToInt64(proposed)));
        var record = (await Query(c, tx, BaselineSelect + " WHERE id = @id", ReadBaseline, ct, ("id", Convert.ToInt64(proposed)))).Single();
        await tx.CommitAsync(ct);
        return record;
    }

    private const string BaselineSelect = "SELECT id, device_id, state, facts, created_at, decided_at FROM baselines";

    private static BaselineRecord ReadBaseline(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0)), r.GetString(1), ParseState(r.GetString(2)), (byte[])r.GetValue(3), Convert.ToInt64(r.GetValue(4)),
        r.IsDBNull(5) ? null : Convert.ToInt64(r.GetValue(5)));

    private static string StateName(BaselineState s) => s.ToString().ToLowerInvariant();

    private static BaselineState ParseState(string s) => Enum.Parse<BaselineState>(s, ignoreCase: true);

    public async Task<TargetResultRecord?> LatestResultAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (await Query(c, null, """
            SELECT id, report_id, device_id, facts, verdicts, drift, worst_severity, unverified, firmware, received_at, has_baseline
            FROM target_results WHERE device_id = @d ORDER BY sealed_at DESC, id DESC LIMIT 1
            """, r => new TargetResultRecord(
                Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)), r.GetString(2), (byte[])r.GetValue(3),
                JsonSerializer.Deserialize<List<StoredVerdict>>(r.GetString(4), Json)!, JsonSerializer.Deserialize<List<StoredDrift>>(r.GetString(5), Json)!,
                (Severity)Convert.ToInt32(r.GetValue(6)), Convert.ToInt32(r.GetValue(7)) != 0, r.IsDBNull(8) ? null : r.GetString(8),
                Convert.ToInt64(r.GetValue(9)), Convert.ToInt32(r.GetValue(10)) != 0), ct, ("d", deviceId))).FirstOrDefault();
    }

    public async Task<IReadOnlyList<FindingRecord>> OpenFindingsAsync(string deviceId, CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return await Query(c, null, "SELECT id, device_id, finding_key, severity, sentence, first_seen, last_seen, resolved_at FROM findings WHERE device_id = @d AND resolved_at IS NULL ORDER BY severity DESC, finding_key",
            ReadFinding, ct, ("d", deviceId));
    }

    // ---- ADO.NET helpers

    protected static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>A prepared command reused on the writer connection, or a fresh one elsewhere (the caller disposes fresh ones only).</summary>
    private static (DbCommand Command, bool Owned) Rent(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        if (!PreparedByConnection.TryGetValue(c, out var prepared)) return (Command(c, tx, sql, parameters), true);
        if (!prepared.TryGetValue(sql, out var cmd))
        {
            cmd = Command(c, tx, sql, parameters);
            cmd.Prepare();
            prepared[sql] = cmd;
            return (cmd, false);
        }
        cmd.Transaction = tx;
        for (var i = 0; i < parameters.Length; i++) cmd.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return (cmd, false);
    }

    private static DbBatch PendingBatch(DbConnection c, DbTransaction? tx, PendingWrites pending, string? readSql, (string Name, object? Value)[] readParameters)
    {
        var batch = c.CreateBatch();
        batch.Transaction = tx;
        foreach (var (sql, parameters) in pending.Statements) batch.BatchCommands.Add(BatchCommand(batch, sql, parameters));
        if (readSql is not null) batch.BatchCommands.Add(BatchCommand(batch, readSql, readParameters));
        pending.Statements.Clear();
        return batch;
    }

    private static DbBatchCommand BatchCommand(DbBatch batch, string sql, (string Name, object? Value)[] parameters)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static async Task FlushDeferred(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        if (!DeferredByConnection.TryGetValue(c, out var pending) || pending.Statements.Count == 0) return;
        await using var batch = PendingBatch(c, tx, pending, null, []);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The pending writes followed by one read, in one round trip; null when nothing is pending.</summary>
    private static DbBatch? WithPending(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        if (!DeferredByConnection.TryGetValue(c, out var pending) || pending.Statements.Count == 0) return null;
        return PendingBatch(c, tx, pending, sql, parameters);
    }

    protected static async Task Exec(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (DeferredByConnection.TryGetValue(c, out var pending))
        {
            pending.Statements.Add((sql, parameters));
            return;
        }
        var (cmd, owned) = Rent(c, tx, sql, parameters);
        try
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (owned) await cmd.DisposeAsync();
        }
    }

    protected static async Task<object?> Scalar(DbConnection c, DbTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (WithPending(c, tx, sql, parameters) is { } batch)
        {
            await using (batch)
            {
                await using var reader = await batch.ExecuteReaderAsync(ct);
                // Only the last command returns rows (deferred writes return none).
                var value = await reader.ReadAsync(ct) ? reader.GetValue(0) : null;
                return value is DBNull ? null : value;
            }
        }
        var (cmd, owned) = Rent(c, tx, sql, parameters);
        try
        {
            var value = await cmd.ExecuteScalarAsync(ct);
            return value is DBNull ? null : value;
        }
        finally
        {
            if (owned) await cmd.DisposeAsync();
        }
    }

    protected static async Task<List<T>> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (WithPending(c, tx, sql, parameters) is { } batch)
        {
            await using (batch)
            {
                await using var reader = await batch.ExecuteReaderAsync(ct);
                var rows = new List<T>();
                while (await reader.ReadAsync(ct)) rows.Add(read(reader));
                return rows;
            }
        }
        var (cmd, owned) = Rent(c, tx, sql, parameters);
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var list = new List<T>();
            while (await reader.ReadAsync(ct)) list.Add(read(reader));
            return list;
        }
        finally
        {
            if (owned) await cmd.DisposeAsync();
        }
    }
}
