using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>Counts the reads and bytes that pass through to another <see cref="IBlobReader"/> (benchmarks, tests, 'hashes lookup').</summary>
public sealed class CountingBlobReader(IBlobReader inner) : IBlobReader
{
    public long Reads { get; private set; }

    public long BytesRead { get; private set; }

    public void Reset()
    {
        Reads = 0;
        BytesRead = 0;
    }

    public long Length(string name) => inner.Length(name);

    public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
    {
        Reads++;
        int n = inner.Read(name, offset, buffer, bufferOffset, count);
        if (n > 0) BytesRead += n;
        return n;
    }
}
