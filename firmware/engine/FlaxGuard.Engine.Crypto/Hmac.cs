using System;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// HMAC (RFC 2104) over any of the engine's 64-byte-block hashes (SHA-256, SHA-1, MD5). Streaming: one
    /// instance authenticates any number of messages under the same key, one after another. The typed
    /// wrappers (<see cref="HmacSha256"/>, <see cref="HmacSha1"/>) are what callers use.
    /// </summary>
    public sealed class Hmac
    {
        private const int BlockBytes = 64;

        private readonly IHashAlgorithm _inner;
        private readonly IHashAlgorithm _outer;

        // Key XOR ipad and key XOR opad, kept so each message can be started without the key itself.
        private readonly byte[] _innerPad = new byte[BlockBytes];
        private readonly byte[] _outerPad = new byte[BlockBytes];
        private readonly byte[] _innerDigest;

        /// <param name="inner">A fresh instance of the hash, used for the inner pass.</param>
        /// <param name="outer">A second fresh instance of the same hash, for the outer pass.</param>
        /// <param name="key">The key; the array is not retained.</param>
        public Hmac(IHashAlgorithm inner, IHashAlgorithm outer, byte[] key)
        {
            if (inner == null) throw new ArgumentNullException("inner");
            if (outer == null) throw new ArgumentNullException("outer");
            if (key == null) throw new ArgumentNullException("key");
            _inner = inner;
            _outer = outer;
            _innerDigest = new byte[inner.HashSize];

            // RFC 2104 section 2: keys longer than the block are replaced by their hash, shorter ones are zero-padded.
            byte[] block = new byte[BlockBytes];
            if (key.Length > BlockBytes)
            {
                _inner.Reset();
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

        /// <summary>MAC length in bytes.</summary>
        public int MacSize { get { return _innerDigest.Length; } }

        /// <summary>Discards the message absorbed so far; the key is kept.</summary>
        public void Reset()
        {
            _inner.Reset();
            _inner.Update(_innerPad, 0, BlockBytes);
        }

        /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Returns the MAC of the message absorbed since the last reset, then starts a new message under the same key.</summary>
        public byte[] Final()
        {
            byte[] mac = new byte[_innerDigest.Length];
            Final(mac, 0);
            return mac;
        }

        /// <summary>Writes the MAC at <paramref name="offset"/>, then starts a new message under the same key.</summary>
        public void Final(byte[] output, int offset)
        {
            if (output == null) throw new ArgumentNullException("output");
            if (offset < 0 || offset > output.Length - _innerDigest.Length) throw new ArgumentOutOfRangeException("offset");
            _inner.Final(_innerDigest, 0);
            _outer.Reset();
            _outer.Update(_outerPad, 0, BlockBytes);
            _outer.Update(_innerDigest, 0, _innerDigest.Length);
            _outer.Final(output, offset);
            Array.Clear(_innerDigest, 0, _innerDigest.Length);
            Reset();
        }
    }
}
