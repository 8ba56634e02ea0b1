using System;
using System.Text;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// The client side of one Digest nonce (RFC 7616): realm, nonce, opaque, algorithm and qop taken from a
    /// challenge, and the nonce count that goes up by one with each request, so the nonce is reused without a
    /// new challenge until the server calls it stale. Not thread-safe.
    /// </summary>
    public sealed class DigestSession
    {
        private const int CnonceBytes = 16;

        private readonly byte[] _cnonce = new byte[CnonceBytes];
        private int _nonceCount;

        private DigestSession(DigestAlgorithm algorithm, string realm, string nonce, string opaque, bool qopAuth)
        {
            Algorithm = algorithm;
            Realm = realm;
            Nonce = nonce;
            Opaque = opaque;
            UsesQop = qopAuth;
        }

        /// <summary>
        /// A session for a Digest challenge we can answer, or null: another scheme, no realm or nonce, an
        /// unknown algorithm, or a qop list without "auth" (auth-int would need the body hashed in advance).
        /// </summary>
        public static DigestSession FromChallenge(AuthChallenge challenge)
        {
            if (challenge == null || challenge.Scheme != "digest") return null;
            if (challenge.Realm == null || challenge.Nonce == null || challenge.Nonce.Length == 0) return null;
            DigestAlgorithm algorithm = DigestAlgorithm.FromToken(challenge.Algorithm);
            if (algorithm == null) return null;
            bool hasQop = challenge.Get("qop") != null;
            if (hasQop && !challenge.OffersQop("auth")) return null;
            // RFC 7616 section 3.4.5: "userhash" asks for a hashed user name; this client sends it plainly.
            return new DigestSession(algorithm, challenge.Realm, challenge.Nonce, challenge.Opaque, hasQop);
        }

        public DigestAlgorithm Algorithm { get; private set; }

        public string Realm { get; private set; }

        public string Nonce { get; private set; }

        public string Opaque { get; private set; }

        public bool UsesQop { get; private set; }

        /// <summary>Requests authorized with this nonce so far.</summary>
        public int NonceCount { get { return _nonceCount; } }

        /// <summary>The Authorization header value for the next request, with a fresh client nonce.</summary>
        public string Authorize(HttpCredentials credentials, string method, string requestTarget, IRandomSource random)
        {
            if (random == null) throw new ArgumentNullException("random");
            random.NextBytes(_cnonce, 0, CnonceBytes);
            return Authorize(credentials, method, requestTarget, Hex.Encode(_cnonce));
        }

        /// <summary>As above with a given client nonce (tests use the RFC's).</summary>
        public string Authorize(HttpCredentials credentials, string method, string requestTarget, string cnonce)
        {
            if (credentials == null) throw new ArgumentNullException("credentials");
            if (_nonceCount == int.MaxValue) throw new InvalidOperationException("the nonce count is exhausted");
            _nonceCount++;
            string nc = NonceCountText(_nonceCount);
            string qop = UsesQop ? "auth" : null;
            string response = DigestResponse.Compute(Algorithm, credentials.Username, Realm, credentials.Password, Nonce, cnonce, nc, qop, method, requestTarget);
            StringBuilder sb = new StringBuilder(256);
            sb.Append("Digest username=");
            AppendQuoted(sb, credentials.Username);
            sb.Append(", realm=");
            AppendQuoted(sb, Realm);
            sb.Append(", uri=");
            AppendQuoted(sb, requestTarget);
            sb.Append(", algorithm=");
            sb.Append(Algorithm.Token);
            sb.Append(", nonce=");
            AppendQuoted(sb, Nonce);
            if (UsesQop)
            {
                sb.Append(", nc=");
                sb.Append(nc);
                sb.Append(", cnonce=");
                AppendQuoted(sb, cnonce);
                sb.Append(", qop=auth");
            }
            sb.Append(", response=");
            AppendQuoted(sb, response);
            if (Opaque != null)
            {
                sb.Append(", opaque=");
                AppendQuoted(sb, Opaque);
            }
            return sb.ToString();
        }

        /// <summary>nc is eight lower-case hex digits (RFC 7616 section 3.4).</summary>
        public static string NonceCountText(int count)
        {
            byte[] b = new byte[] { (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count };
            return Hex.Encode(b);
        }

        private static void AppendQuoted(StringBuilder sb, string value)
        {
            sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\') sb.Append('\\');
                sb.Append(c);
            }
            sb.Append('"');
        }
    }
}
