using System;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// HMAC-SHA-256 as specified in RFC 2104 (test vectors in RFC 4231). Streaming: one instance
    /// authenticates any number of messages under the same key, one after another.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>MAC length in bytes.</summary>
        public const int HashBytes = Sha256.HashBytes;

        private readonly Hmac _hmac;

        /// <summary>Creates an instance keyed with <paramref name="key"/>; the array is not retained.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public HmacSha256(byte[] key)
        {
            _hmac = new Hmac(new Sha256(), new Sha256(), key);
        }

        /// <summary>One-shot HMAC-SHA-256 of the whole array.</summary>
        public static byte[] Compute(byte[] key, byte[] data)
        {
            if (data == null) throw new ArgumentNullException("data");
            return Compute(key, data, 0, data.Length);
        }

        /// <summary>One-shot HMAC-SHA-256 of a range of the array.</summary>
        public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            HmacSha256 hmac = new HmacSha256(key);
            hmac.Update(data, offset, count);
            return hmac.Final();
        }

        /// <summary>Discards the message absorbed so far; the key is kept.</summary>
        public void Reset()
        {
            _hmac.Reset();
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _hmac.Update(data, offset, count);
        }

        /// <summary>Returns the MAC of the message absorbed since the last reset, then starts a new message under the same key.</summary>
        public byte[] Final()
        {
            return _hmac.Final();
        }

        /// <summary>Writes the MAC at <paramref name="offset"/>, then starts a new message under the same key.</summary>
        public void Final(byte[] output, int offset)
        {
            _hmac.Final(output, offset);
        }
    }
}
