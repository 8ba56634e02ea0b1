using System.Data.Common;
using System.Security.Cryptography;
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
}
