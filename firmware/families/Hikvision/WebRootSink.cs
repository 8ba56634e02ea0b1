using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// Takes the body of a web-root file without keeping it: its length and a 32-bit FNV-1a checksum, enough to tell
    /// one answer from another (a device that answers every path with the same page) with no buffer at all.
    /// </summary>
    public sealed class WebRootSink : IRestartableSink
    {
        private const uint OffsetBasis = 2166136261;
        private const uint Prime = 16777619;

        public WebRootSink()
        {
            Restart();
        }

        public long Length { get; private set; }

        public uint Checksum { get; private set; }

        public void Write(byte[] data, int offset, int count)
        {
            uint hash = Checksum;
            for (int i = offset; i < offset + count; i++)
            {
                hash ^= data[i];
                hash *= Prime;
            }
            Checksum = hash;
            Length += count;
        }

        public void Restart()
        {
            Length = 0;
            Checksum = OffsetBasis;
        }
    }
}
