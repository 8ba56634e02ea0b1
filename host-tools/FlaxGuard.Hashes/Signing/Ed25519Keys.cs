using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace FlaxGuard.Hashes.Signing;

/// <summary>
/// Ed25519 keys of the firmware data (BouncyCastle). Private key files hold the 32-byte seed in an armored
/// base64 block and are created with mode 0600; public key files hold the 32-byte key the same way.
/// A key id is the first 8 bytes of SHA-256 of the public key, in hex.
/// </summary>
public static class Ed25519Keys
{
    private const string PrivateLabel = "FLAXGUARD ED25519 PRIVATE KEY";
    private const string PublicLabel = "FLAXGUARD ED25519 PUBLIC KEY";

    public static (byte[] PrivateSeed, byte[] PublicKey) Generate()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        return (key.GetEncoded(), key.GeneratePublicKey().GetEncoded());
    }

    public static byte[] PublicKeyOf(byte[] privateSeed) => new Ed25519PrivateKeyParameters(privateSeed, 0).GeneratePublicKey().GetEncoded();

    public static string KeyId(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));

    public static byte[] KeyIdBytes(byte[] publicKey) => SHA256.HashData(publicKey).AsSpan(0, 8).ToArray();

    public static byte[] Sign(byte[] privateSeed, byte[] message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(privateSeed, 0));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != 64) return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    /// <summary>Writes the private key file, readable by its owner only, refusing to replace one unless asked.</summary>
    public static void WritePrivateKey(string path, byte[] privateSeed, bool overwrite)
    {
        if (File.Exists(path) && !overwrite) throw new HashDataException($"'{path}' already exists; add --force to replace that key (the old one is then lost)");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(Armor(PrivateLabel, privateSeed)));
        }
        // An existing file keeps its old mode on Create; narrow it in every case.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static void WritePublicKey(string path, byte[] publicKey, bool overwrite)
    {
        if (File.Exists(path) && !overwrite) throw new HashDataException($"'{path}' already exists; add --force to replace it");
        File.WriteAllText(path, Armor(PublicLabel, publicKey));
    }

    public static byte[] ReadPrivateKey(string path)
    {
        if (!File.Exists(path)) throw new HashDataException($"private key '{path}' does not exist");
        var seed = Dearmor(File.ReadAllText(path), PrivateLabel, path);
        if (seed.Length != Ed25519PrivateKeyParameters.KeySize) throw new HashDataException($"'{path}' does not hold a 32-byte Ed25519 private key");
        return seed;
    }

    public static byte[] ReadPublicKey(string path)
    {
        if (!File.Exists(path)) throw new HashDataException($"public key '{path}' does not exist");
        return ParsePublicKey(File.ReadAllText(path), path);
    }

    public static byte[] ParsePublicKey(string text, string name)
    {
        var key = Dearmor(text, PublicLabel, name);
        if (key.Length != Ed25519PublicKeyParameters.KeySize) throw new HashDataException($"'{name}' does not hold a 32-byte Ed25519 public key");
        return key;
    }

    public static string Armor(string label, byte[] data) => $"-----BEGIN {label}-----\n{Convert.ToBase64String(data)}\n-----END {label}-----\n";

    private static byte[] Dearmor(string text, string label, string name)
    {
        var lines = text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 3 || lines[0] != $"-----BEGIN {label}-----" || lines[2] != $"-----END {label}-----")
            throw new HashDataException($"'{name}' is not a {label.ToLowerInvariant()} file");
        try
        {
            return Convert.FromBase64String(lines[1]);
        }
        catch (FormatException)
        {
            throw new HashDataException($"'{name}' holds damaged base64");
        }
    }
}
