using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// Feeds the UTF-8 of a string to a hash through a small reused buffer, so digest inputs such as
    /// "user:realm:password" never exist as a joined string or a byte array of their own. Same encoding as
    /// <see cref="Utf8.GetBytes"/> (an unpaired surrogate becomes U+FFFD).
    /// </summary>
    public static class Utf8Hashing
    {
        /// <summary>Smallest scratch buffer: one character encodes to at most four bytes.</summary>
        public const int MinScratchBytes = 4;

        /// <summary>Hashes the UTF-8 of <paramref name="text"/>, then wipes the scratch buffer (it may have held a password).</summary>
        public static void Update(IHashAlgorithm hash, string text, byte[] scratch)
        {
            if (hash == null) throw new ArgumentNullException("hash");
            if (text == null) throw new ArgumentNullException("text");
            if (scratch == null) throw new ArgumentNullException("scratch");
            if (scratch.Length < MinScratchBytes) throw new ArgumentException("the scratch buffer holds fewer than 4 bytes", "scratch");
            int index = 0;
            while (index < text.Length)
            {
                int n = Utf8.Encode(text, ref index, scratch, 0, scratch.Length);
                hash.Update(scratch, 0, n);
            }
            Array.Clear(scratch, 0, scratch.Length);
        }
    }
}
