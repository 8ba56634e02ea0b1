using System.CommandLine;
using System.Data.Common;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Cli.Commands;

/// <summary>The --db and --data-dir options every store command shares, and opening the store with them.</summary>
internal static class StoreOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = "SQLite database file, or postgres://user@host:port/database with the password in ?password-file=PATH or the PGPASSWORD environment variable (never in the URL: command lines are visible to every user). Default: <data dir>/flaxguard.db.",
    };

    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "Directory of the master key that seals appliance keys and device passwords (and of the default database). Default: $XDG_DATA_HOME/flaxguard or ~/.local/share/flaxguard.",
    };

    public static string DataDirectory(ParseResult parse, Option<string?> dataDir) =>
        parse.GetValue(dataDir) is { Length: > 0 } d ? Path.GetFullPath(d) : DataPaths.DefaultDataDirectory();

    /// <summary>Opens and migrates the store, printing migration steps to stderr.</summary>
    public static async Task<IFlaxStore> OpenAsync(ParseResult parse, Option<string?> db, Option<string?> dataDir, CancellationToken ct)
    {
        var value = parse.GetValue(db);
        // Any user on the machine can read a command line (ps, /proc): a password there is a password shared.
        if (StoreFactory.IsPostgres(value) && PostgresFlaxStore.UrlHasPassword(value!))
            throw new StoreException("--db: leave the password out of the postgres:// URL (every user on this machine can read command lines); give it with ?password-file=PATH (a file only you can read) or the PGPASSWORD environment variable");
        var store = StoreFactory.Open(value, DataDirectory(parse, dataDir));
        await store.MigrateAsync(new SyncProgress<string>(step => Console.Error.WriteLine("flaxguard: " + step)), ct);
        return store;
    }

    public static MasterKey Master(ParseResult parse, Option<string?> dataDir) => MasterKey.LoadOrCreate(DataDirectory(parse, dataDir));

    /// <summary>Runs a store command, turning store and file problems into one clear line (exit 3).</summary>
    public static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (StoreException e)
        {
            throw new UserInputException(e.Message);
        }
        catch (DbException e)
        {
            throw new UserInputException("database error: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException(e.Message);
        }
    }

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static async Task<ApplianceRecord> RequireAppliance(IFlaxStore store, string nameOrId, CancellationToken ct) =>
        await store.FindApplianceAsync(nameOrId, ct) ?? throw new UserInputException($"no appliance named '{nameOrId}'; 'flaxguard status' and the dashboard list them");

    public static async Task<DeviceRecord> RequireDevice(IFlaxStore store, string nameOrId, CancellationToken ct) =>
        await store.FindDeviceAsync(nameOrId, ct) ?? throw new UserInputException($"no device named '{nameOrId}'; 'flaxguard device list' shows them");
}
