namespace FlaxGuard.Server.Store;

/// <summary>Opens the store a --db value names: a SQLite file path (default) or a postgres:// URL.</summary>
public static class StoreFactory
{
    public static bool IsPostgres(string? db) =>
        db is not null && (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    public static IFlaxStore Open(string? db, string dataDirectory)
    {
        if (IsPostgres(db)) return new PostgresFlaxStore(PostgresFlaxStore.ConnectionStringFromUrl(db!));
        var path = string.IsNullOrWhiteSpace(db) ? Path.Combine(dataDirectory, DataPaths.DatabaseFileName) : db;
        if (Directory.Exists(path)) throw new StoreException($"'{path}' is a directory; give the database file, e.g. {Path.Combine(path, DataPaths.DatabaseFileName)}");
        return new SqliteFlaxStore(path);
    }
}
