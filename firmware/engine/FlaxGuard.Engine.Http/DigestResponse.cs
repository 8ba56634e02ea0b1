namespace FlaxGuard.Engine.Http
{
    /// <summary>The "response" value of RFC 7616 section 3.4.1 (and RFC 2617 section 3.2.2 without qop).</summary>
    public static class DigestResponse
    {
        /// <param name="qop">"auth", or null for the RFC 2069 form servers use when their challenge has no qop.</param>
        public static string Compute(DigestAlgorithm algorithm, string username, string realm, string password,
            string nonce, string cnonce, string nonceCount, string qop, string method, string uri)
        {
            string ha1 = algorithm.HashHex(username + ":" + realm + ":" + password);
            if (algorithm.IsSession) ha1 = algorithm.HashHex(ha1 + ":" + nonce + ":" + cnonce);
            string ha2 = algorithm.HashHex(method + ":" + uri);
            if (qop == null) return algorithm.HashHex(ha1 + ":" + nonce + ":" + ha2);
            return algorithm.HashHex(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
        }
    }
}
