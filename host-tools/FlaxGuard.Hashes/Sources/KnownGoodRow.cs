namespace FlaxGuard.Hashes.Sources;

/// <summary>
/// One published firmware file: who made it, for which model or board, which version, its SHA-256, and where that hash was
/// published. <see cref="Sha256"/> is <see cref="NoHash"/> for a release the vendor publishes without a hash (Hikvision):
/// the release is then known by its reported version and build only.
/// </summary>
public sealed record KnownGoodRow(string Vendor, string Model, string Version, string Artifact, string Sha256, string Source)
{
    public static readonly string[] Columns = ["vendor", "model", "version", "artifact", "sha256", "source"];

    /// <summary>The sha256 of a release published without a hash.</summary>
    public const string NoHash = "unknown";

    /// <summary>True when the row carries an image hash; false for a release known by version only.</summary>
    public bool HasHash => Sha256 != NoHash;

    public static KnownGoodRow Parse(string where, string[] f) => new(
        SourceCheck.Text(where, "vendor", f[0]),
        SourceCheck.Text(where, "model", f[1]),
        SourceCheck.Text(where, "version", f[2]),
        SourceCheck.Text(where, "artifact", f[3]),
        f[4] == NoHash ? NoHash : SourceCheck.Sha256(where, f[4]),
        SourceCheck.Source(where, f[5]));

    public string[] Fields() => [Vendor, Model, Version, Artifact, Sha256, Source];
}
