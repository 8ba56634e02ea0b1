using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Tests.HashDb;

/// <summary>An <see cref="IBlobReader"/> over one byte array that counts reads and allocates nothing per read.</summary>
internal sealed class MemoryBlobReader(string name, byte[] data) : IBlobReader
{
    public long Reads { get; set; }

    public int LargestRead { get; private set; }

    public long Length(string requested) => requested == name ? data.Length : -1;

    public int Read(string requested, long offset, byte[] buffer, int bufferOffset, int count)
    {
        Reads++;
        if (count > LargestRead) LargestRead = count;
        if (requested != name || offset >= data.Length) return 0;
        int n = (int)Math.Min(count, data.Length - offset);
        Buffer.BlockCopy(data, (int)offset, buffer, bufferOffset, n);
        return n;
    }
}
