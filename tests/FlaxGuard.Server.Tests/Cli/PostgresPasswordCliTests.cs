using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary>The PostgreSQL password comes from a file or the environment, never from the command line.</summary>
[TestClass]
public sealed class PostgresPasswordCliTests
{
    [TestMethod]
    public void PasswordInTheDbUrl_IsRefused_WithoutEchoingIt_AndAPasswordFileWorks()
    {
        using var dir = new TempDir("pg-password");
        var url = PostgresCluster.Instance.NewDatabaseUrl();
        var password = Uri.UnescapeDataString(new Uri(url).UserInfo.Split(':', 2)[1]);

        var refused = FlaxguardProcess.Run(null, "status", "--db", url, "--data-dir", dir.Path);
        Assert.AreEqual(3, refused.ExitCode, refused.All);
        StringAssert.Contains(refused.Stderr, "password-file");
        Assert.DoesNotContain(password, refused.All, "the password is not repeated");
        FlaxguardProcess.AssertNoStackTrace(refused);

        var fromFile = FlaxguardProcess.Run(null, "status", "--db", PostgresCluster.WithPasswordFile(url, dir.File("db.pass")), "--data-dir", dir.Path);
        Assert.AreEqual(3, fromFile.ExitCode, fromFile.All);
        StringAssert.StartsWith(fromFile.Stdout, "FLAXGUARD UNKNOWN - no devices enrolled", "connected and migrated: " + fromFile.All);
        Assert.DoesNotContain(password, fromFile.All);

        var missing = FlaxguardProcess.Run(null, "status", "--db", "postgres://fg@127.0.0.1:1/x?password-file=" + dir.File("nope"), "--data-dir", dir.Path);
        Assert.AreEqual(3, missing.ExitCode, missing.All);
        StringAssert.Contains(missing.Stderr, "cannot read the PostgreSQL password file");
        FlaxguardProcess.AssertNoStackTrace(missing);
    }

    [TestMethod]
    public void PasswordFile_IsReadIntoTheConnectionString()
    {
        using var dir = new TempDir("pg-password-file");
        File.WriteAllText(dir.File("pw"), "s3cr;et\n");
        var cs = PostgresFlaxStore.ConnectionStringFromUrl($"postgres://fg@db.example/fg?password-file={Uri.EscapeDataString(dir.File("pw"))}");
        Assert.AreEqual("s3cr;et", new Npgsql.NpgsqlConnectionStringBuilder(cs).Password);
        Assert.IsFalse(PostgresFlaxStore.UrlHasPassword("postgres://fg@db.example/fg?password-file=/x"));
        Assert.IsTrue(PostgresFlaxStore.UrlHasPassword("postgres://fg:pw@db.example/fg"));
    }
}
