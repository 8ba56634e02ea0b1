using System.Security.Cryptography;
using System.Text;

namespace FlaxGuard.Server.Secrets;

/// <summary>
/// The host's master key (32 random bytes in <c>master.key</c>, mode 0600, in the data directory). Appliance
/// keys and device passwords are stored only as AES-256-GCM ciphertext under it, bound to what they belong to
/// (the associated data), so a database copy alone reveals no secret and a sealed value cannot be moved to
/// another row.
/// </summary>
public sealed class MasterKey
{
    public const string FileName = "master.key";
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const byte FormatVersion = 1;
    private readonly byte[] _key;

    private MasterKey(byte[] key) => _key = key;

    /// <summary>Loads the key from <paramref name="dataDirectory"/>, creating directory and key on first use.</summary>
    public static MasterKey LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path)) return Load(path);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(path, options))
            {
                stream.Write(key);
                stream.Flush(flushToDisk: true);
            }
            return new MasterKey(key);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return Load(path);
        }
    }

    private static MasterKey Load(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
                throw new StoreException($"{path} is readable by other users; run 'chmod 600 {path}'");
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != KeyBytes) throw new StoreException($"{path} is not a FlaxGuard master key ({bytes.Length} bytes, expected {KeyBytes})");
        return new MasterKey(bytes);
    }

    /// <summary>For tests: a key held only in memory.</summary>
    internal static MasterKey Ephemeral() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    public byte[] Seal(byte[] secret, string boundTo)
    {
        var output = new byte[1 + NonceBytes + secret.Length + TagBytes];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(_key, TagBytes);
        gcm.Encrypt(nonce, secret, output.AsSpan(1 + NonceBytes, secret.Length), output.AsSpan(1 + NonceBytes + secret.Length), Encoding.UTF8.GetBytes(boundTo));
        return output;
    }

    public byte[] Open(byte[] sealedValue, string boundTo)
    {
        if (sealedValue.Length < 1 + NonceBytes + TagBytes || sealedValue[0] != FormatVersion)
            throw new StoreException("a stored secret is damaged (unknown format)");
        var length = sealedValue.Length - 1 - NonceBytes - TagBytes;
        var secret = new byte[length];
        try
        {
            using var gcm = new AesGcm(_key, TagBytes);
            gcm.Decrypt(sealedValue.AsSpan(1, NonceBytes), sealedValue.AsSpan(1 + NonceBytes, length), sealedValue.AsSpan(1 + NonceBytes + length), secret, Encoding.UTF8.GetBytes(boundTo));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new StoreException("a stored secret does not open with this master key (wrong data directory, or the database was altered)");
        }
        return secret;
    }

    public byte[] SealText(string secret, string boundTo) => Seal(Encoding.UTF8.GetBytes(secret), boundTo);

    public string OpenText(byte[] sealedValue, string boundTo) => Encoding.UTF8.GetString(Open(sealedValue, boundTo));
}
