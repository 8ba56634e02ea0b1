using BenchmarkDotNet.Attributes;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// Lookups in a synthetic 1,000,000-entry firmware database held in memory (storage cost excluded; the
/// harness <c>--hashdb-harness</c> measures through real file reads and times the compile).
/// </summary>
[MemoryDiagnoser]
public class HashDbBenchmarks
{
    private HashDbReader _reader = null!;
    private byte[][] _hits = null!;
    private byte[][] _misses = null!;
    private (string Vendor, string Model, string Version)[] _identities = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        const int entries = 1_000_000;
        var db = HashDbSynthetic.Compile(HashDbSynthetic.Rows(entries));
        _reader = HashDbReader.Open(new ArrayBlob(db), HashDbSynthetic.Name, HashDbSynthetic.ApplianceKey, HashDbReader.DefaultBufferBytes, out var problem)
            ?? throw new InvalidOperationException(problem);
        var random = new Random(3);
        var picks = Enumerable.Range(0, 4096).Select(_ => random.Next(entries)).ToArray();
        _hits = picks.Select(HashDbSynthetic.HashOf).ToArray();
        _misses = Enumerable.Range(0, 4096).Select(i => HashDbSynthetic.HashOf(entries + i)).ToArray();
        _identities = picks.Select(p => HashDbSynthetic.IdentityOf(p)).ToArray();
    }

    [Benchmark]
    public int ArtifactHit() => _reader.FindByArtifact(_hits[_next++ & 4095]).Length;

    [Benchmark]
    public int ArtifactMiss() => _reader.FindByArtifact(_misses[_next++ & 4095]).Length;

    [Benchmark]
    public FirmwareIdentity? IdentityHit()
    {
        var (v, m, r) = _identities[_next++ & 4095];
        return _reader.FindIdentity(v, m, r);
    }

    /// <summary>In-memory storage, so the benchmark measures the engine rather than the file system.</summary>
    private sealed class ArrayBlob(byte[] data) : IBlobReader
    {
        public long Length(string name) => name == HashDbSynthetic.Name ? data.Length : -1;

        public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
        {
            if (offset >= data.Length) return 0;
            int n = (int)Math.Min(count, data.Length - offset);
            Buffer.BlockCopy(data, (int)offset, buffer, bufferOffset, n);
            return n;
        }
    }
}
