using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// The WS-Security UsernameToken PasswordDigest (OASIS Username Token Profile 1.0, section 3.1):
    /// Base64(SHA-1(nonce + created + password)), where nonce is the raw bytes (not their Base64 text) and
    /// created is the exact text sent in wsu:Created. The camera recomputes it against its own clock, so
    /// created must be in the camera's time.
    /// </summary>
    public static class OnvifPasswordDigest
    {
        /// <summary>Length of the Base64 text of a SHA-1 digest.</summary>
        public const int DigestTextBytes = 28;

        public static string Compute(byte[] nonce, string created, string password)
        {
            if (nonce == null) throw new ArgumentNullException("nonce");
            if (created == null) throw new ArgumentNullException("created");
            if (password == null) throw new ArgumentNullException("password");
            byte[] createdBytes = Utf8.GetBytes(created);
            byte[] text = new byte[DigestTextBytes];
            ComputeInto(new Sha1(), nonce, nonce.Length, createdBytes, createdBytes.Length, password, new byte[64], new byte[Sha1.HashBytes], text, 0);
            char[] chars = new char[DigestTextBytes];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)text[i];
            return new string(chars);
        }

        /// <summary>
        /// The same digest with caller-owned objects, for one per probe run instead of one per request: hashes with
        /// <paramref name="sha"/>, encodes the password through <paramref name="scratch"/> (at least 4 bytes, wiped
        /// after), and writes the Base64 text (<see cref="DigestTextBytes"/> ASCII bytes) into <paramref name="output"/>.
        /// <paramref name="created"/> holds the UTF-8 of the wsu:Created text; <paramref name="digest"/> takes the raw 20 bytes and is wiped after.
        /// </summary>
        public static void ComputeInto(Sha1 sha, byte[] nonce, int nonceLength, byte[] created, int createdLength, string password,
            byte[] scratch, byte[] digest, byte[] output, int outputOffset)
        {
            if (sha == null) throw new ArgumentNullException("sha");
            if (nonce == null) throw new ArgumentNullException("nonce");
            if (created == null) throw new ArgumentNullException("created");
            if (password == null) throw new ArgumentNullException("password");
            if (digest == null || digest.Length < Sha1.HashBytes) throw new ArgumentException("the digest buffer holds fewer than 20 bytes", "digest");
            sha.Reset();
            sha.Update(nonce, 0, nonceLength);
            sha.Update(created, 0, createdLength);
            Utf8Hashing.Update(sha, password, scratch);
            sha.Final(digest, 0);
            Base64.EncodeInto(digest, 0, Sha1.HashBytes, output, outputOffset);
            Array.Clear(digest, 0, Sha1.HashBytes);
        }
    }
}
