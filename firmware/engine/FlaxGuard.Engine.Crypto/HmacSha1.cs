using System;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// HMAC-SHA-1 (RFC 2104; test vectors in RFC 2202), used by SNMPv3 USM (usmHMACSHAAuthProtocol,
    /// RFC 3414, which truncates it to 96 bits). Streaming like <see cref="HmacSha256"/>.
    /// </summary>
    public sealed class HmacSha1
    {
        /// <summary>MAC length in bytes.</summary>
        public const int HashBytes = Sha1.HashBytes;

        private readonly Hmac _hmac;

        /// <summary>Creates an instance keyed with <paramref name="key"/>; the array is not retained.</summary>
        public HmacSha1(byte[] key)
        {
            _hmac = new Hmac(new Sha1(), new Sha1(), key);
        }

        /// <summary>One-shot HMAC-SHA-1 of a range of the array.</summary>
        public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
        {
            HmacSha1 hmac = new HmacSha1(key);
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
