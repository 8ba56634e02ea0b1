using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace FlaxGuard.Server.Tests.Fixtures;

/// <summary>
/// A private PostgreSQL cluster from Debian's postgresql package: initdb in a temp directory as the postgres
/// user, listening on 127.0.0.1 at a free port with its socket in the same directory, started with pg_ctl and
/// stopped when the test run ends. No system service is touched. One cluster per test run; each test gets its
/// own database.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string RunAs = "postgres";
    private static readonly Lazy<PostgresCluster> Shared = new(() => new PostgresCluster());
    private readonly string _dir;
    private readonly string _password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private int _databases;

    public static PostgresCluster Instance => Shared.Value;

    public int Port { get; }

    public string User => "flaxtest";

    private PostgresCluster()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            Assert.Fail("PostgreSQL 15 is not installed: apt-get install postgresql (tests/run-all.sh installs it)");
        _dir = Path.Combine(Path.GetTempPath(), "fg-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dir);
        Run("chown", RunAs, _dir);
        var pwfile = Path.Combine(_dir, "pw");
        File.WriteAllText(pwfile, _password + "\n");
        Run("chown", RunAs, pwfile);
        var data = Path.Combine(_dir, "data");
        RunAsPostgres(Path.Combine(BinDirectory, "initdb"), "-D", data, "-U", User, "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-instructions");
        File.Delete(pwfile);
        Port = FreePort.Tcp();
        RunAsPostgres(Path.Combine(BinDirectory, "pg_ctl"), "-D", data, "-l", Path.Combine(_dir, "log"), "-w", "-t", "60", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dir} -c fsync=on -c max_connections=100");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>A postgres:// URL of a new, empty database.</summary>
    public string NewDatabaseUrl()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        using (var c = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={User};Password={_password};Database=postgres"))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        return $"postgres://{User}:{_password}@127.0.0.1:{Port}/{name}";
    }

    /// <summary>
    /// <paramref name="url"/> as the CLI takes it: the password moved into a mode 0600 file (a password in a
    /// command line is refused).
    /// </summary>
    public static string WithPasswordFile(string url, string passwordFile)
    {
        var uri = new Uri(url);
        var colon = uri.UserInfo.IndexOf(':');
        File.WriteAllText(passwordFile, Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]) + "\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return $"{uri.Scheme}://{uri.UserInfo[..colon]}@{uri.Host}:{uri.Port}{uri.AbsolutePath}?password-file={Uri.EscapeDataString(passwordFile)}";
    }

    public void Dispose()
    {
        if (!Directory.Exists(_dir)) return;
        try
        {
            RunAsPostgres(Path.Combine(BinDirectory, "pg_ctl"), "-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (AssertFailedException)
        {
        }
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void RunAsPostgres(params string[] command) => Run("runuser", ["-u", RunAs, "--", .. command]);

    private static void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in 90 s");
        }
        if (p.ExitCode != 0) Assert.Fail($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {stdout.Result} {stderr.Result}");
    }
}
