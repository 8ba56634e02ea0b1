using FlaxGuard.Engine.HashDb;
using FlaxGuard.Hashes.Compiling;
using FlaxGuard.Hashes.Sources;
using FlaxGuard.Platform;

namespace FlaxGuard.Hashes.Tests.Compiling;

/// <summary>Compiles test rows to a temporary file and opens it with the engine's reader through real file reads.</summary>
internal sealed class CompiledDatabase : IDisposable
{
    public const string Name = "hashdb";
    public static readonly byte[] ApplianceKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    public static readonly byte[] SignerKeyId = Convert.FromHexString("0123456789abcdef");

    private readonly TestPaths.TempDir _dir = new();

    public CompiledDatabase(IEnumerable<(string Vendor, string Model, string Version, byte[] Sha256)> artifacts, IReadOnlyList<KnownExploitedRow> exploits)
    {
        Path = _dir.File("firmware.db");
        using (var stream = File.Create(Path))
        {
            Summary = DatabaseCompiler.Compile(artifacts, exploits, new CompileOptions(42, SignerKeyId, ApplianceKey, 1_700_000_000), stream);
        }
        Bytes = File.ReadAllBytes(Path);
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    public CompileSummary Summary { get; }

    public HashDbReader Open(byte[]? key = null) => Open(Bytes, key, out var problem) ?? throw new AssertFailedException("refused: " + problem);

    /// <summary>Writes <paramref name="bytes"/> to the file and opens it; null with the problem when refused.</summary>
    public HashDbReader? Open(byte[] bytes, byte[]? key, out string? problem)
    {
        File.WriteAllBytes(Path, bytes);
        using var blob = FileBlobReader.SingleFile(Path, Name);
        var reader = HashDbReader.Open(blob, Name, key ?? ApplianceKey, HashDbReader.DefaultBufferBytes, out problem);
        return reader;
    }

    public void Dispose() => _dir.Dispose();

    public static KnownExploitedRow Exploit(string vendor, string pattern, string affected, string fixedVersion, string cve, string botnet = "no") =>
        new(vendor, "test product", "router", pattern, affected, fixedVersion, cve, "", botnet, "https://example.invalid/advisory", "test row");

    public static byte[] Hash(int seed)
    {
        var h = System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seed));
        return h;
    }
}
