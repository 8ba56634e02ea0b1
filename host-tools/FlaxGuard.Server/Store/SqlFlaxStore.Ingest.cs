using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>The ingest path: storing batches of verified reports with their results and findings in one transaction.</summary>
public abstract partial class SqlFlaxStore
{
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
        var newLanDevices = report.Inventory is null ? null : await StoreInventory(c, tx, report.DeviceId, report.Inventory, report.TimestampUnixSeconds, ct);
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
                ("d", target.TargetId), ("facts", analysis.Facts), ("verdicts", JsonSerializer.Serialize(analysis.Verdicts, StoreJsonContext.Default.IReadOnlyListStoredVerdict)),
                ("drift", JsonSerializer.Serialize(analysis.Drift, StoreJsonContext.Default.IReadOnlyListStoredDrift)), ("worst", (int)analysis.Worst), ("unverified", analysis.Unverified ? 1 : 0),
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
        return new IngestResult(IngestStatus.Stored, appliance.LastCounter, changes, newLanDevices);
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
}
