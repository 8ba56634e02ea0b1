using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Engine.Tests.HashDb;

/// <summary>
/// TEST DATA: synthetic firmware databases. Releases have four images each by default (factory and sysupgrade,
/// each hashed signed and unsigned, as OpenWrt's profiles.json lists them) or one (a vendor that publishes one
/// file per version); vendors, models and versions are made-up names, hashes are SHA-256 of counters.
/// </summary>
internal static class SyntheticDatabase
{
    public const string Name = "hashdb";
    public static readonly byte[] ApplianceKey = Convert.FromHexString("1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100");

    public static (string Vendor, string Model, string Version) IdentityOf(int artifact, int models, int imagesPerRelease = 4)
    {
        int release = artifact / imagesPerRelease;
        int model = release % models;
        return ("Vendor " + (model % 50), "Model-" + model, "1." + (release / models) + ".0");
    }

    public static byte[] HashOf(int artifact) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(artifact));

    public static byte[] Build(int artifacts, int models, IReadOnlyList<KnownExploitedRow>? exploits = null, int imagesPerRelease = 4)
    {
        var vendors = Enumerable.Range(0, 50).Select(i => "Vendor " + i).ToArray();
        var modelNames = Enumerable.Range(0, models).Select(i => "Model-" + i).ToArray();
        var versionNames = Enumerable.Range(0, artifacts / imagesPerRelease / models + 2).Select(i => "1." + i + ".0").ToArray();
        IEnumerable<(string, string, string, byte[])> Rows()
        {
            for (int i = 0; i < artifacts; i++)
            {
                int release = i / imagesPerRelease;
                int model = release % models;
                yield return (vendors[model % 50], modelNames[model], versionNames[release / models], HashOf(i));
            }
        }
        using var stream = new MemoryStream();
        DatabaseCompiler.Compile(Rows(), exploits ?? [], new CompileOptions(7, new byte[8], ApplianceKey, 1_700_000_000), stream);
        return stream.ToArray();
    }
}
