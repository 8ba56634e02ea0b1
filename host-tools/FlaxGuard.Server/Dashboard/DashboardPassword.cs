using System.Security.Cryptography;
using System.Text;

namespace FlaxGuard.Server.Dashboard;

/// <summary>
/// The dashboard password as a salted PBKDF2-HMAC-SHA256 hash in one line ("pbkdf2-sha256$iterations$salt$hash",
/// base64). The password itself is never stored, printed or logged.
/// </summary>
public static class DashboardPassword
{
    // OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public const int Iterations = 600_000;
    public const int MinLength = 10;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // One verification at a time: a login flood costs one core, not all of them, and guessing is slowed down.
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static void CheckAcceptable(string password)
    {
        if (password.Length < MinLength) throw new StoreException($"the dashboard password must have at least {MinLength} characters");
        if (password.Any(char.IsControl)) throw new StoreException("the dashboard password must not contain control characters");
    }

    /// <summary>Writes the hash atomically, readable by the owner only.</summary>
    public static void Save(string file, string password)
    {
        CheckAcceptable(password);
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(file)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(Hash(password) + "\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, file, overwrite: true);
    }

    public static bool IsSet(string file) => File.Exists(file);

    /// <summary>True only when the file holds a well-formed hash and the password matches it (compared in constant time).</summary>
    public static async Task<bool> VerifyAsync(string file, string password, CancellationToken ct)
    {
        string line;
        try
        {
            line = (await File.ReadAllTextAsync(file, ct)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        var parts = line.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations is < 100_000 or > 10_000_000) return false;
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        if (salt.Length < 8 || expected.Length != HashBytes) return false;
        await OneAtATime.WaitAsync(ct);
        try
        {
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
