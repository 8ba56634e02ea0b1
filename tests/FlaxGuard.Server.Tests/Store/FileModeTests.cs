using FlaxGuard.Platform;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Store;

/// <summary>Files that hold reports, findings and agent state are readable by their owner only.</summary>
[TestClass]
public sealed class FileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [TestMethod]
    public async Task NewSqliteDatabase_AndItsWalFiles_AreMode0600()
    {
        using var dir = new TempDir("db-mode");
        var path = dir.File("flaxguard.db");
        await using (var store = new SqliteFlaxStore(path))
        {
            await store.MigrateAsync(null, CancellationToken.None);
            Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(path));
            foreach (var extra in new[] { path + "-wal", path + "-shm" }.Where(File.Exists))
                Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(extra), extra);
        }
    }

    [TestMethod]
    public void AgentStateFiles_AreMode0600_InADirectoryOnlyTheOwnerCanEnter()
    {
        using var dir = new TempDir("state-mode");
        var stateDir = Path.Combine(dir.Path, "state");
        var store = new DirectoryKeyValueStore(stateDir);
        store.Put("counter", [1, 2, 3]);
        Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(Path.Combine(stateDir, "counter")));
        Assert.AreEqual(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(stateDir));
    }
}
