using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Fuzz.Fakes;

/// <summary>One stored file in memory, read in ranges as the appliance reads its flash.</summary>
public sealed class MemoryBlob(string name, byte[] content) : IBlobReader
{
    public long Length(string requested) => requested == name ? content.Length : -1;

    public int Read(string requested, long offset, byte[] buffer, int bufferOffset, int count)
    {
        if (requested != name || offset >= content.Length) return 0;
        int n = (int)Math.Min(count, content.Length - offset);
        Array.Copy(content, offset, buffer, bufferOffset, n);
        return n;
    }
}
