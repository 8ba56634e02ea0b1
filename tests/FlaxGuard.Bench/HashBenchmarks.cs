using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Bench;

/// <summary>
/// Managed engine digests against the platform implementations on a 1 MiB buffer. The native
/// SHA-256 is the baseline; the managed one is expected to reach at least 0.15x of it.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class HashBenchmarks
{
    private const int Size = 1024 * 1024;

    private byte[] _data = null!;
    private readonly Sha256 _sha256 = new();
    private readonly Sha1 _sha1 = new();
    private readonly Md5 _md5 = new();
    private readonly byte[] _digest = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(20240601).NextBytes(_data);
    }

    [Benchmark(Baseline = true, Description = "SHA256.HashData (native)")]
    [BenchmarkCategory("SHA-256")]
    public byte[] Sha256Native() => SHA256.HashData(_data);

    [Benchmark(Description = "Sha256.Hash (managed)")]
    [BenchmarkCategory("SHA-256")]
    public byte[] Sha256Managed() => Sha256.Hash(_data);

    [Benchmark(Description = "Sha256 streaming, reused instance")]
    [BenchmarkCategory("SHA-256")]
    public byte[] Sha256ManagedReused()
    {
        _sha256.Update(_data, 0, _data.Length);
        _sha256.Final(_digest, 0);
        return _digest;
    }

    [Benchmark(Baseline = true, Description = "SHA1.HashData (native)")]
    [BenchmarkCategory("SHA-1")]
    public byte[] Sha1Native() => SHA1.HashData(_data);

    [Benchmark(Description = "Sha1.Hash (managed)")]
    [BenchmarkCategory("SHA-1")]
    public byte[] Sha1Managed() => Sha1.Hash(_data);

    [Benchmark(Baseline = true, Description = "MD5.HashData (native)")]
    [BenchmarkCategory("MD5")]
    public byte[] Md5Native() => MD5.HashData(_data);

    [Benchmark(Description = "Md5.Hash (managed)")]
    [BenchmarkCategory("MD5")]
    public byte[] Md5Managed() => Md5.Hash(_data);
}
