using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// The client side of one Digest nonce (RFC 7616): realm, nonce, opaque, algorithm and qop taken from a
    /// challenge, and the nonce count that goes up by one with each request, so the nonce is reused without a
    /// new challenge until the server calls it stale. The hash object and the buffers for the hex digests and the
    /// header are made on the first request and reused, so a signed request costs one string, the header itself.
    /// Not thread-safe.
    /// </summary>
    public sealed class DigestSession
    {
        private const int CnonceBytes = 16;
        private const int ScratchBytes = 32;

        // Spare room in the header buffer, so the next request's longer path does not need a new one.
        private const int HeaderSlack = 32;

        private static readonly byte[] Colon = new byte[] { (byte)':' };

        private int _nonceCount;
        private byte[] _cnonce;
        private byte[] _cnonceHex;
        private IHashAlgorithm _hash;
        private byte[] _scratch;
        private byte[] _digest;
        private byte[] _ha1;
        private byte[] _ha2;
        private byte[] _response;
        private byte[] _nc;
        private char[] _header;

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
            if (_cnonce == null)
            {
                _cnonce = new byte[CnonceBytes];
                _cnonceHex = new byte[CnonceBytes * 2];
            }
            random.NextBytes(_cnonce, 0, CnonceBytes);
            Hex.EncodeInto(_cnonce, 0, CnonceBytes, _cnonceHex, 0);
            return Authorize(credentials, method, requestTarget, null, _cnonceHex, _cnonceHex.Length);
        }

        /// <summary>As above with a given client nonce (tests use the RFC's).</summary>
        public string Authorize(HttpCredentials credentials, string method, string requestTarget, string cnonce)
        {
            if (cnonce == null) throw new ArgumentNullException("cnonce");
            byte[] cnonceBytes = Utf8.GetBytes(cnonce);
            return Authorize(credentials, method, requestTarget, cnonce, cnonceBytes, cnonceBytes.Length);
        }

        /// <summary>nc is eight lower-case hex digits (RFC 7616 section 3.4).</summary>
        public static string NonceCountText(int count)
        {
            byte[] b = new byte[] { (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count };
            return Hex.Encode(b);
        }

        /// <param name="cnonceText">The client nonce as given, or null when it is the ASCII in <paramref name="cnonce"/>.</param>
        private string Authorize(HttpCredentials credentials, string method, string requestTarget, string cnonceText, byte[] cnonce, int cnonceLength)
        {
            if (credentials == null) throw new ArgumentNullException("credentials");
            if (method == null) throw new ArgumentNullException("method");
            if (requestTarget == null) throw new ArgumentNullException("requestTarget");
            if (_nonceCount == int.MaxValue) throw new InvalidOperationException("the nonce count is exhausted");
            _nonceCount++;
            Prepare();
            WriteNonceCount(_nonceCount);
            int hexLength = ComputeResponse(credentials, method, requestTarget, cnonce, cnonceLength);
            return Header(credentials.Username, requestTarget, cnonceText, cnonce, cnonceLength, hexLength);
        }

        private void Prepare()
        {
            if (_hash != null) return;
            _hash = Algorithm.CreateHash();
            _scratch = new byte[ScratchBytes];
            _digest = new byte[_hash.HashSize];
            _ha1 = new byte[_hash.HashSize * 2];
            _ha2 = new byte[_hash.HashSize * 2];
            _response = new byte[_hash.HashSize * 2];
            _nc = new byte[8];
        }

        private void WriteNonceCount(int count)
        {
            _digest[0] = (byte)(count >> 24);
            _digest[1] = (byte)(count >> 16);
            _digest[2] = (byte)(count >> 8);
            _digest[3] = (byte)count;
            Hex.EncodeInto(_digest, 0, 4, _nc, 0);
        }

        /// <summary>RFC 7616 section 3.4.1 (RFC 2617 section 3.2.2 without qop), the same sums as <see cref="DigestResponse.Compute"/>, into _response; returns its length.</summary>
        private int ComputeResponse(HttpCredentials credentials, string method, string requestTarget, byte[] cnonce, int cnonceLength)
        {
            IHashAlgorithm h = _hash;
            int hexLength = h.HashSize * 2;
            Utf8Hashing.Update(h, credentials.Username, _scratch);
            h.Update(Colon, 0, 1);
            Utf8Hashing.Update(h, Realm, _scratch);
            h.Update(Colon, 0, 1);
            Utf8Hashing.Update(h, credentials.Password, _scratch);
            FinishHex(_ha1);
            if (Algorithm.IsSession)
            {
                h.Update(_ha1, 0, hexLength);
                h.Update(Colon, 0, 1);
                Utf8Hashing.Update(h, Nonce, _scratch);
                h.Update(Colon, 0, 1);
                h.Update(cnonce, 0, cnonceLength);
                FinishHex(_ha1);
            }
            Utf8Hashing.Update(h, method, _scratch);
            h.Update(Colon, 0, 1);
            Utf8Hashing.Update(h, requestTarget, _scratch);
            FinishHex(_ha2);

            h.Update(_ha1, 0, hexLength);
            h.Update(Colon, 0, 1);
            Utf8Hashing.Update(h, Nonce, _scratch);
            h.Update(Colon, 0, 1);
            if (UsesQop)
            {
                h.Update(_nc, 0, _nc.Length);
                h.Update(Colon, 0, 1);
                h.Update(cnonce, 0, cnonceLength);
                h.Update(Colon, 0, 1);
                Utf8Hashing.Update(h, "auth", _scratch);
                h.Update(Colon, 0, 1);
            }
            h.Update(_ha2, 0, hexLength);
            FinishHex(_response);
            // HA1 stands in for the password; it is not left lying in the buffer.
            Array.Clear(_ha1, 0, _ha1.Length);
            Array.Clear(_digest, 0, _digest.Length);
            return hexLength;
        }

        private void FinishHex(byte[] into)
        {
            _hash.Final(_digest, 0);
            Hex.EncodeInto(_digest, 0, _digest.Length, into, 0);
        }

        private string Header(string username, string requestTarget, string cnonceText, byte[] cnonce, int cnonceLength, int hexLength)
        {
            int need = WriteHeader(null, username, requestTarget, cnonceText, cnonce, cnonceLength, hexLength);
            if (_header == null || _header.Length < need) _header = new char[need + HeaderSlack];
            int length = WriteHeader(_header, username, requestTarget, cnonceText, cnonce, cnonceLength, hexLength);
            return new string(_header, 0, length);
        }

        /// <summary>Writes the header value into <paramref name="b"/>, or only measures it when <paramref name="b"/> is null; returns its length.</summary>
        private int WriteHeader(char[] b, string username, string requestTarget, string cnonceText, byte[] cnonce, int cnonceLength, int hexLength)
        {
            int p = 0;
            p = Put(b, p, "Digest username=");
            p = PutQuoted(b, p, username);
            p = Put(b, p, ", realm=");
            p = PutQuoted(b, p, Realm);
            p = Put(b, p, ", uri=");
            p = PutQuoted(b, p, requestTarget);
            p = Put(b, p, ", algorithm=");
            p = Put(b, p, Algorithm.Token);
            p = Put(b, p, ", nonce=");
            p = PutQuoted(b, p, Nonce);
            if (UsesQop)
            {
                p = Put(b, p, ", nc=");
                p = PutQuotedAscii(b, p, _nc, _nc.Length, false);
                p = Put(b, p, ", cnonce=");
                if (cnonceText != null) p = PutQuoted(b, p, cnonceText);
                else p = PutQuotedAscii(b, p, cnonce, cnonceLength, true);
                p = Put(b, p, ", qop=auth");
            }
            p = Put(b, p, ", response=");
            p = PutQuotedAscii(b, p, _response, hexLength, true);
            if (Opaque != null)
            {
                p = Put(b, p, ", opaque=");
                p = PutQuoted(b, p, Opaque);
            }
            return p;
        }

        private static int Put(char[] b, int p, string text)
        {
            if (b == null) return p + text.Length;
            for (int i = 0; i < text.Length; i++) b[p++] = text[i];
            return p;
        }

        private static int PutQuoted(char[] b, int p, string value)
        {
            p = Put(b, p, "\"");
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\') p = Put(b, p, "\\");
                if (b != null) b[p] = c;
                p++;
            }
            return Put(b, p, "\"");
        }

        /// <summary>ASCII bytes (hex digits) as characters, in quotes or not.</summary>
        private static int PutQuotedAscii(char[] b, int p, byte[] ascii, int count, bool quoted)
        {
            if (quoted) p = Put(b, p, "\"");
            for (int i = 0; i < count; i++)
            {
                char c = (char)ascii[i];
                if (c == '"' || c == '\\') p = Put(b, p, "\\");
                if (b != null) b[p] = c;
                p++;
            }
            return quoted ? Put(b, p, "\"") : p;
        }
    }
}
