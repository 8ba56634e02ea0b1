using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// The cfg.sshkey digest of a RouterOS user key. RouterOS 7.20 and later list the OpenSSH fingerprint
    /// ("SHA256:" + unpadded base64 of the SHA-256 of the key blob), so its first 8 bytes in hex are exactly the
    /// digest other probes compute from the key blob: the same key gives the same fact on every vendor. Older 7.x
    /// list no fingerprint and no key text; then the digest covers what they do list (user, type, bits, comment).
    /// </summary>
    public static class SshKeyDigest
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        /// <summary>16 hex digits from a "SHA256:..." fingerprint, or null when it is not one.</summary>
        public static string FromFingerprint(string fingerprint)
        {
            if (fingerprint == null) return null;
            string text = fingerprint.Trim();
            if (!Ordinal.StartsWith(text, "SHA256:")) return null;
            byte[] hash = DecodeBase64(text, 7);
            if (hash == null || hash.Length != Sha256.HashBytes) return null;
            return Hex.Encode(hash, 0, 8);
        }

        /// <summary>16 hex digits over the listed attributes, for releases that list no fingerprint.</summary>
        public static string FromAttributes(string user, string keyType, string bits, string comment)
        {
            return FromAttributes(new TextDigest(), user, keyType, bits, comment);
        }

        /// <summary><see cref="FromAttributes(string, string, string, string)"/> with the run's hasher; the pieces are hashed as their joined text.</summary>
        public static string FromAttributes(TextDigest digest, string user, string keyType, string bits, string comment)
        {
            return digest.Start().Add("routeros-ssh-key\n").Add(user).Add("\n").Add(keyType).Add("\n").Add(bits).Add("\n").Add(comment).FinishHex16();
        }

        /// <summary>Standard-alphabet base64, padding optional; null for anything else.</summary>
        public static byte[] DecodeBase64(string text)
        {
            return DecodeBase64(text, 0);
        }

        // Decodes text from index start on (a fingerprint after its "SHA256:" prefix, without copying it out).
        private static byte[] DecodeBase64(string text, int start)
        {
            int end = text.Length;
            while (end > start && text[end - 1] == '=') end--;
            int length = end - start;
            if (text.Length - end > 2 || length % 4 == 1) return null;
            byte[] result = new byte[length * 3 / 4];
            int bits = 0;
            int buffer = 0;
            int n = 0;
            for (int i = start; i < end; i++)
            {
                int v = Alphabet.IndexOf(text[i]);
                if (v < 0) return null;
                buffer = (buffer << 6) | v;
                bits += 6;
                if (bits >= 8)
                {
                    bits -= 8;
                    result[n++] = (byte)(buffer >> bits);
                    buffer &= (1 << bits) - 1;
                }
            }
            // Leftover bits must be zero, or the text is not canonical base64.
            if (buffer != 0) return null;
            return n == result.Length ? result : null;
        }
    }
}
