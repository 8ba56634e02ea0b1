using System;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// HMAC-SHA-1 as specified in RFC 2104 (test vectors in RFC 2202). SNMPv3 needs it for
    /// usmHMACSHAAuthProtocol (RFC 3414 section 7), which sends the first 12 bytes of the MAC.
    /// One instance authenticates any number of messages under the same key, one after another.
    /// </summary>
    public sealed class HmacSha1
    {
        /// <summary>MAC length in bytes.</summary>
        public const int HashBytes = Sha1.HashBytes;

        private const int BlockBytes = 64;

        private readonly Sha1 _inner = new Sha1();
        private readonly Sha1 _outer = new Sha1();
        private readonly byte[] _innerPad = new byte[BlockBytes];
        private readonly byte[] _outerPad = new byte[BlockBytes];
        private readonly byte[] _innerDigest = new byte[HashBytes];

        /// <summary>Creates an instance keyed with <paramref name="key"/>; the array is not retained.</summary>
        public HmacSha1(byte[] key)
        {
            if (key == null) throw new ArgumentNullException("key");

            // RFC 2104 section 2: keys longer than the block are hashed first, shorter ones are zero-padded.
            byte[] block = new byte[BlockBytes];
            if (key.Length > BlockBytes)
            {
                _inner.Update(key, 0, key.Length);
                _inner.Final(block, 0);
            }
            else
            {
                Array.Copy(key, 0, block, 0, key.Length);
            }

            for (int i = 0; i < BlockBytes; i++)
            {
                _innerPad[i] = (byte)(block[i] ^ 0x36);
                _outerPad[i] = (byte)(block[i] ^ 0x5c);
            }

            Array.Clear(block, 0, BlockBytes);
            Reset();
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
            _inner.Reset();
            _inner.Update(_innerPad, 0, BlockBytes);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Returns the MAC of the message absorbed since the last reset, then starts a new message.</summary>
        public byte[] Final()
        {
            byte[] mac = new byte[HashBytes];
            Final(mac, 0);
            return mac;
        }

        /// <summary>Writes the 20-byte MAC to <paramref name="output"/> at <paramref name="offset"/>, then starts a new message.</summary>
        public void Final(byte[] output, int offset)
        {
            if (output == null) throw new ArgumentNullException("output");
            if (offset < 0 || offset > output.Length - HashBytes) throw new ArgumentOutOfRangeException("offset");
            _inner.Final(_innerDigest, 0);
            _outer.Update(_outerPad, 0, BlockBytes);
            _outer.Update(_innerDigest, 0, HashBytes);
            _outer.Final(output, offset);
            Array.Clear(_innerDigest, 0, HashBytes);
            Reset();
        }
    }
}
