using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Text
{
    /// <summary>Feeds written bytes into a hash.</summary>
    public sealed class HashSink : IByteSink
    {
        private readonly IHashAlgorithm _hash;

        public HashSink(IHashAlgorithm hash)
        {
            _hash = hash;
        }

        public void Write(byte[] data, int offset, int count)
        {
            _hash.Update(data, offset, count);
        }
    }
}
