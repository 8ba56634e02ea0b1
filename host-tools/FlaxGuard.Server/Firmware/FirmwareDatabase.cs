using System.Collections.Concurrent;
using System.Security.Cryptography;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Signing;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Server.Firmware;

/// <summary>
/// The firmware data serve hands to appliances: the signed sources in hashes/, verified once at start, compiled on
/// first request for each appliance (the compiled file is authenticated with that appliance's key, so each gets its
/// own) and kept in memory. <see cref="Version"/> is what jobs announce and what the compiled header carries
/// (database version and signing key id), so an appliance can tell it got the database its job names.
/// </summary>
public sealed class FirmwareDatabase
{
    private readonly SourceSet _sources;
    private readonly VerifiedManifest _manifest;
    private readonly long _createdUnixSeconds;
    private readonly ConcurrentDictionary<string, byte[]> _compiled = new(StringComparer.Ordinal);

    private FirmwareDatabase(SourceSet sources, VerifiedManifest manifest, long createdUnixSeconds)
    {
        _sources = sources;
        _manifest = manifest;
        _createdUnixSeconds = createdUnixSeconds;
        Version = VersionOf(manifest.DatabaseVersion, manifest.KeyId);
    }

    /// <summary>"&lt;database version&gt;-&lt;signing key id&gt;", e.g. "4-9feb061cd721c40e".</summary>
    public string Version { get; }

    public int KnownGoodRows => _sources.KnownGood.Count;

    public int KnownExploitedRows => _sources.KnownExploited.Count;

    public static string VersionOf(long databaseVersion, string signerKeyId) => databaseVersion + "-" + signerKeyId;

    /// <summary>Verifies the signature of <paramref name="directory"/> (throws <see cref="FlaxGuard.Hashes.HashDataException"/> when refused) and loads it.</summary>
    public static FirmwareDatabase Load(string directory, TrustedKeys trusted, DateTimeOffset now)
    {
        var manifest = Manifest.Verify(directory, trusted, now);
        return new FirmwareDatabase(SourceSet.Load(directory), manifest, now.ToUnixTimeSeconds());
    }

    /// <summary>The compiled database for one appliance key (compiled once per key and kept).</summary>
    public byte[] For(byte[] applianceKey)
    {
        var id = Convert.ToHexString(SHA256.HashData(applianceKey));
        return _compiled.GetOrAdd(id, _ =>
        {
            using var output = new MemoryStream();
            DatabaseCompiler.Compile(_sources, new CompileOptions(_manifest.DatabaseVersion, _manifest.KeyIdBytes, applianceKey, _createdUnixSeconds), output);
            return output.ToArray();
        });
    }
}
