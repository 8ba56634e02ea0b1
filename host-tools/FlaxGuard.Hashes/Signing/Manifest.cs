using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Signing;

/// <summary>
/// hashes/MANIFEST lists the SHA-256 of every source file and a database version that grows with each
/// signing; hashes/MANIFEST.sig holds the Ed25519 signature over the manifest's exact bytes and the key id.
/// <code>
/// flaxguard-hashes-manifest 1
/// database-version 7
/// &lt;sha256&gt;  known-exploited.tsv
/// &lt;sha256&gt;  known-good/openwrt.tsv
/// </code>
/// </summary>
public static class Manifest
{
    public const string ManifestFile = "MANIFEST";
    public const string SignatureFile = "MANIFEST.sig";
    private const string ManifestMagic = "flaxguard-hashes-manifest 1";
    private const string SignatureMagic = "flaxguard-hashes-signature 1";

    /// <summary>Writes MANIFEST and MANIFEST.sig for the files now in <paramref name="directory"/>; returns the new database version.</summary>
    public static uint Sign(string directory, byte[] privateSeed)
    {
        uint version = 1;
        var manifestPath = Path.Combine(directory, ManifestFile);
        if (File.Exists(manifestPath))
        {
            try
            {
                version = checked(Parse(File.ReadAllBytes(manifestPath)).DatabaseVersion + 1);
            }
            catch (HashDataException e)
            {
                // Restarting at 1 would let an older database look newer; make the maintainer decide.
                throw new HashDataException($"the existing {ManifestFile} cannot be read ({e.Message}); repair it, or delete it to restart at database version 1");
            }
        }
        // Refuse rows that would not compile, before they get a signature.
        SourceSet.Load(directory);
        var sb = new StringBuilder();
        sb.Append(ManifestMagic).Append('\n');
        sb.Append("database-version ").Append(version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var relative in SourceSet.SourceFiles(directory))
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, relative))));
            sb.Append(hash).Append("  ").Append(relative).Append('\n');
        }
        var manifest = Encoding.UTF8.GetBytes(sb.ToString());
        var publicKey = Ed25519Keys.PublicKeyOf(privateSeed);
        var signature = Ed25519Keys.Sign(privateSeed, manifest);
        var sig = $"{SignatureMagic}\nkey-id {Ed25519Keys.KeyId(publicKey)}\ned25519 {Convert.ToBase64String(signature)}\n";
        WriteAtomically(manifestPath, manifest);
        WriteAtomically(Path.Combine(directory, SignatureFile), Encoding.ASCII.GetBytes(sig));
        return version;
    }

    /// <summary>Checks the signature with exactly <paramref name="publicKey"/> (see the overload).</summary>
    public static VerifiedManifest Verify(string directory, byte[] publicKey) => Verify(directory, TrustedKeys.Only(publicKey), DateTimeOffset.UtcNow);

    /// <summary>
    /// Checks the signature with the trusted key it names (not revoked, within its validity at <paramref name="now"/>),
    /// then that every source file is listed with its hash and nothing else is present. Throws
    /// <see cref="HashDataException"/> with the reason.
    /// </summary>
    public static VerifiedManifest Verify(string directory, TrustedKeys trusted, DateTimeOffset now)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        var signaturePath = Path.Combine(directory, SignatureFile);
        if (!File.Exists(manifestPath) || !File.Exists(signaturePath))
            throw new HashDataException($"the firmware data in '{directory}' is not signed ({ManifestFile} or {SignatureFile} is missing); refusing to use it");
        var manifest = File.ReadAllBytes(manifestPath);
        var (keyId, signature) = ParseSignature(File.ReadAllText(signaturePath));
        var publicKey = trusted.Resolve(keyId, now).PublicKey;
        if (!Ed25519Keys.Verify(publicKey, manifest, signature))
            throw new HashDataException($"the signature in {SignatureFile} does not match {ManifestFile}: the manifest or its signature was altered; refusing to use the firmware data");
        var parsed = Parse(manifest);
        var present = SourceSet.SourceFiles(directory);
        foreach (var relative in present)
        {
            if (!parsed.Files.ContainsKey(relative))
                throw new HashDataException($"'{relative}' is not in the signed manifest (added after signing); refusing to use the firmware data");
        }
        foreach (var (relative, hash) in parsed.Files)
        {
            var path = Path.Combine(directory, relative);
            if (!File.Exists(path))
                throw new HashDataException($"'{relative}' is listed in the signed manifest but missing; refusing to use the firmware data");
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            if (actual != hash)
                throw new HashDataException($"'{relative}' was altered after signing (its SHA-256 differs from the signed manifest); refusing to use the firmware data");
        }
        return new VerifiedManifest(parsed.DatabaseVersion, keyId, Ed25519Keys.KeyIdBytes(publicKey), parsed.Files.Count);
    }

    private static (uint DatabaseVersion, Dictionary<string, string> Files) Parse(byte[] manifest)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(manifest);
        }
        catch (DecoderFallbackException)
        {
            throw new HashDataException($"{ManifestFile} is not valid UTF-8");
        }
        var lines = text.Split('\n');
        if (lines.Length < 3 || lines[0] != ManifestMagic || lines[^1] != "")
            throw new HashDataException($"{ManifestFile} is not a FlaxGuard manifest");
        if (!lines[1].StartsWith("database-version ", StringComparison.Ordinal)
            || !uint.TryParse(lines[1].AsSpan("database-version ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new HashDataException($"{ManifestFile}: line 2 must be 'database-version N'");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            if (line.Length < 67 || line[64] != ' ' || line[65] != ' ' || !line[..64].All(Uri.IsHexDigit))
                throw new HashDataException($"{ManifestFile}:{i + 1}: expected '<sha256>  <file>'");
            var relative = line[66..];
            if (relative.Contains("..") || relative.StartsWith('/') || !files.TryAdd(relative, line[..64].ToLowerInvariant()))
                throw new HashDataException($"{ManifestFile}:{i + 1}: bad or repeated file name '{relative}'");
        }
        return (version, files);
    }

    private static (string KeyId, byte[] Signature) ParseSignature(string text)
    {
        var lines = text.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 3 || lines[0] != SignatureMagic || !lines[1].StartsWith("key-id ", StringComparison.Ordinal) || !lines[2].StartsWith("ed25519 ", StringComparison.Ordinal))
            throw new HashDataException($"{SignatureFile} is not a FlaxGuard signature file; refusing to use the firmware data");
        try
        {
            var encoded = lines[2]["ed25519 ".Length..];
            var signature = Convert.FromBase64String(encoded);
            // Base64 decoders ignore some spare bits; only the one canonical spelling is accepted.
            if (Convert.ToBase64String(signature) != encoded) throw new FormatException();
            return (lines[1]["key-id ".Length..], signature);
        }
        catch (FormatException)
        {
            throw new HashDataException($"{SignatureFile} holds a damaged signature; refusing to use the firmware data");
        }
    }

    private static void WriteAtomically(string path, byte[] data)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, data);
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>What a successful verification established.</summary>
public sealed record VerifiedManifest(uint DatabaseVersion, string KeyId, byte[] KeyIdBytes, int FileCount);
