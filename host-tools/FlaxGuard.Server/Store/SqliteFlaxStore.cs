using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace FlaxGuard.Server.Store;

/// <summary>
/// SQLite in WAL mode. synchronous=FULL: every commit is fsynced to the WAL before the report is
/// acknowledged, so an acknowledged report survives both a killed process and a power cut; the ingest
/// writer batches concurrent reports into one transaction, so the cost is one fsync per batch, not per report.
/// </summary>
public sealed class SqliteFlaxStore : SqlFlaxStore
{
    private readonly string _connectionString;
    private readonly string _path;
    private volatile bool _walChecked;

    public SqliteFlaxStore(string path)
    {
        _path = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(_path);
        if (directory is not null) Directory.CreateDirectory(directory);
        CreatePrivate(_path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath => _path;

    /// <summary>
    /// Creates the database file mode 0600 before SQLite does (SQLite would use 0644 less the umask); SQLite gives its
    /// -wal and -shm files the database file's mode. An existing file keeps the mode its owner gave it.
    /// </summary>
    private static void CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path)) return;
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the database {path}: {e.Message}", e);
        }
    }

    public override string Description => "sqlite " + _path;

    protected override string IdColumn => "INTEGER PRIMARY KEY";

    protected override string BlobType => "BLOB";

    protected override string ForUpdate => "";

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            await c.OpenAsync(ct);
            await using var cmd = c.CreateCommand();
            // WAL lets the dashboard and status read while the collector writes; busy_timeout makes a second
            // writer (a CLI command during ingest) wait instead of failing.
            cmd.CommandText = _walChecked
                ? "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;"
                : "PRAGMA busy_timeout=10000; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            await cmd.ExecuteNonQueryAsync(ct);
            _walChecked = true; // WAL is a property of the file: set once, it stays
            return c;
        }
        catch (SqliteException e)
        {
            await c.DisposeAsync();
            throw new StoreException($"cannot open the database {_path}: {e.Message}", e);
        }
    }

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        // IMMEDIATE takes the write lock up front, so a read-check-write (the replay counter) cannot interleave.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>PRAGMA integrity_check: "ok" for a sound file.</summary>
    public async Task<string> IntegrityCheckAsync(CancellationToken ct)
    {
        await using var c = await OpenAsync(ct);
        return (string)(await Scalar(c, null, "PRAGMA integrity_check", ct))!;
    }

    protected override bool KeepWriterConnection => true;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
