namespace FlaxGuard.Hashes.Sources;

/// <summary>One published firmware file: who made it, for which model or board, which version, its SHA-256, and where that hash was published.</summary>
public sealed record KnownGoodRow(string Vendor, string Model, string Version, string Artifact, string Sha256, string Source)
{
    public static readonly string[] Columns = ["vendor", "model", "version", "artifact", "sha256", "source"];

    public static KnownGoodRow Parse(string where, string[] f) => new(
        SourceCheck.Text(where, "vendor", f[0]),
        SourceCheck.Text(where, "model", f[1]),
        SourceCheck.Text(where, "version", f[2]),
        SourceCheck.Text(where, "artifact", f[3]),
        SourceCheck.Sha256(where, f[4]),
        SourceCheck.Source(where, f[5]));

    public string[] Fields() => [Vendor, Model, Version, Artifact, Sha256, Source];
}
