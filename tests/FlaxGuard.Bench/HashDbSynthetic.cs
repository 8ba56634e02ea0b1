using FlaxGuard.Hashes.Compiling;

namespace FlaxGuard.Bench;

/// <summary>
/// Synthetic firmware database for the benchmarks: releases of four images each by default (factory and
/// sysupgrade, each hashed signed and unsigned, as OpenWrt's profiles.json lists them) or of as many as the
/// harness is told (one: a vendor publishing one file per version), 25,000 models of 50 vendors,
/// made-up names, hashes = SHA-256 of a counter.
/// </summary>
internal static class HashDbSynthetic
{
    public const string Name = "hashdb";
    public const int Models = 25_000;
    public static readonly byte[] ApplianceKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f");

    public static (string Vendor, string Model, string Version) IdentityOf(int artifact, int imagesPerRelease = 4)
    {
        int release = artifact / imagesPerRelease;
        int model = release % Models;
        return ("Vendor " + (model % 50), "Model-" + model, "1." + (release / Models) + ".0");
    }

    public static byte[] HashOf(int artifact) => System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(artifact));

    public static List<(string, string, string, byte[])> Rows(int count, int imagesPerRelease = 4)
    {
        var vendors = Enumerable.Range(0, 50).Select(i => "Vendor " + i).ToArray();
        var models = Enumerable.Range(0, Models).Select(i => "Model-" + i).ToArray();
        var versions = Enumerable.Range(0, count / imagesPerRelease / Models + 2).Select(i => "1." + i + ".0").ToArray();
        var rows = new List<(string, string, string, byte[])>(count);
        for (int i = 0; i < count; i++)
        {
            int release = i / imagesPerRelease;
            int model = release % Models;
            rows.Add((vendors[model % 50], models[model], versions[release / Models], HashOf(i)));
        }
        return rows;
    }

    public static byte[] Compile(List<(string, string, string, byte[])> rows)
    {
        using var stream = new MemoryStream();
        DatabaseCompiler.Compile(rows, [], new CompileOptions(1, new byte[8], ApplianceKey, 1_700_000_000), stream);
        return stream.ToArray();
    }
}
