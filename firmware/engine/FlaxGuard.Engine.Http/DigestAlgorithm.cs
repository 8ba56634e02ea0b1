using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// The Digest algorithms of RFC 7616 section 3.3 this client speaks: MD5 and SHA-256, each plain or
    /// "-sess". SHA-512-256 is not supported (no managed SHA-512 in the engine yet).
    /// </summary>
    public sealed class DigestAlgorithm
    {
        public static readonly DigestAlgorithm Md5 = new DigestAlgorithm("MD5", false, false, 1);
        public static readonly DigestAlgorithm Md5Sess = new DigestAlgorithm("MD5-sess", false, true, 0);
        public static readonly DigestAlgorithm Sha256 = new DigestAlgorithm("SHA-256", true, false, 3);
        public static readonly DigestAlgorithm Sha256Sess = new DigestAlgorithm("SHA-256-sess", true, true, 2);

        private readonly bool _sha256;

        private DigestAlgorithm(string token, bool sha256, bool session, int preference)
        {
            Token = token;
            _sha256 = sha256;
            IsSession = session;
            Preference = preference;
        }

        /// <summary>The name as RFC 7616 spells it.</summary>
        public string Token { get; private set; }

        /// <summary>"-sess": HA1 also covers the server and client nonces.</summary>
        public bool IsSession { get; private set; }

        /// <summary>Higher is stronger; a client picks the strongest challenge it understands.</summary>
        public int Preference { get; private set; }

        /// <summary>The algorithm a challenge names (absent means MD5), or null when it is one we cannot do.</summary>
        public static DigestAlgorithm FromToken(string token)
        {
            if (token == null) return Md5;
            if (Ordinal.EqualsIgnoreAsciiCase(token, "MD5")) return Md5;
            if (Ordinal.EqualsIgnoreAsciiCase(token, "MD5-sess")) return Md5Sess;
            if (Ordinal.EqualsIgnoreAsciiCase(token, "SHA-256")) return Sha256;
            if (Ordinal.EqualsIgnoreAsciiCase(token, "SHA-256-sess")) return Sha256Sess;
            return null;
        }

        /// <summary>A new hash object for this algorithm, for a caller that reuses it across many digests.</summary>
        public IHashAlgorithm CreateHash()
        {
            if (_sha256) return new Crypto.Sha256();
            return new Crypto.Md5();
        }

        /// <summary>H(data) of RFC 7616: the lower-case hex digest of the UTF-8 bytes.</summary>
        public string HashHex(string data)
        {
            byte[] bytes = Utf8.GetBytes(data);
            return Hex.Encode(_sha256 ? Crypto.Sha256.Hash(bytes) : Crypto.Md5.Hash(bytes));
        }
    }
}
