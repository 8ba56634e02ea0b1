using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// The short text digests facts carry (first 16 hex digits of the SHA-256 of the UTF-8 text), from one reused
    /// hash and chunk buffer per probe run instead of a new hasher and a whole encoded copy of the text per digest.
    /// Pieces added one after the other hash as their concatenation would. Not thread-safe.
    /// </summary>
    public sealed class TextDigest
    {
        private const int ChunkBytes = 64;

        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _chunk = new byte[ChunkBytes];
        private readonly byte[] _hash = new byte[Sha256.HashBytes];

        /// <summary>
        /// The SHA-256 this digest runs on, for a caller that hashes bytes of its own between digests (one hasher per
        /// probe run instead of two); a digest in progress must be finished before it is used so.
        /// </summary>
        public Sha256 Hasher { get { return _sha; } }

        /// <summary>Starts a new digest.</summary>
        public TextDigest Start()
        {
            _sha.Reset();
            return this;
        }

        /// <summary>Adds the UTF-8 encoding of the text (null adds nothing).</summary>
        public TextDigest Add(string text)
        {
            if (text == null) return this;
            int index = 0;
            while (index < text.Length)
            {
                int n = Utf8.Encode(text, ref index, _chunk, 0, ChunkBytes);
                _sha.Update(_chunk, 0, n);
            }
            return this;
        }

        /// <summary>Adds the UTF-8 encoding of text[start, start + count), as if that part were a string of its own.</summary>
        public TextDigest Add(string text, int start, int count)
        {
            int end = start + count;
            int n = 0;
            for (int i = start; i < end; i++)
            {
                if (text[i] >= 0x80)
                {
                    // Rare: not ASCII, so through the shared encoder on a copy of the part (surrogates at its edges
                    // then count as unpaired, as they would in the copy).
                    _sha.Update(_chunk, 0, n);
                    return Add(text.Substring(i, end - i));
                }
                if (n == ChunkBytes)
                {
                    _sha.Update(_chunk, 0, n);
                    n = 0;
                }
                _chunk[n++] = (byte)text[i];
            }
            _sha.Update(_chunk, 0, n);
            return this;
        }

        /// <summary>
        /// Adds bytes that already are UTF-8 (a parser's validated, unescaped text): the same as adding the string they
        /// decode to, without making it.
        /// </summary>
        public TextDigest Add(byte[] utf8, int offset, int count)
        {
            _sha.Update(utf8, offset, count);
            return this;
        }

        /// <summary>Ends the digest: the first 8 bytes of the SHA-256 as 16 lower-case hex digits.</summary>
        public string FinishHex16()
        {
            _sha.Final(_hash, 0);
            return Hex.Encode(_hash, 0, 8);
        }

        /// <summary>Ends the digest and appends its 16 hex digits to <paramref name="into"/> (no string of their own).</summary>
        public TextBuilder FinishHex16(TextBuilder into)
        {
            const string Digits = "0123456789abcdef";
            _sha.Final(_hash, 0);
            for (int i = 0; i < 8; i++) into.Append(Digits[_hash[i] >> 4]).Append(Digits[_hash[i] & 0xF]);
            return into;
        }

        /// <summary>The 16-hex-digit digest of one text.</summary>
        public string Hex16(string text)
        {
            return Start().Add(text).FinishHex16();
        }
    }
}
