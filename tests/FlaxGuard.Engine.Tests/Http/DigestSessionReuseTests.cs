using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Tests.Http;

/// <summary>
/// The Authorization header a session writes with its reused hash and buffers, request after request, against the
/// header built the plain way: strings joined and hashed with .NET's MD5 and SHA-256.
/// </summary>
[TestClass]
public sealed class DigestSessionReuseTests
{
    [TestMethod]
    public void EveryAlgorithm_WithAndWithoutQopAndOpaque_MatchesAnIndependentHeader()
    {
        var random = new Random(51);
        foreach (var token in new[] { "MD5", "MD5-sess", "SHA-256", "SHA-256-sess" })
        {
            foreach (var qop in new[] { true, false })
            {
                foreach (var opaque in new[] { "5ccc069c403ebaf9f0171e9517f40e41", null })
                {
                    var realm = "cam\"era\\" + random.Next(1000);
                    var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(random.Next(8, 40)));
                    var challenge = $"Digest realm=\"{realm.Replace("\\", "\\\\").Replace("\"", "\\\"")}\", nonce=\"{nonce}\", algorithm={token}"
                        + (qop ? ", qop=\"auth\"" : "") + (opaque is null ? "" : $", opaque=\"{opaque}\"");
                    var session = DigestSession.FromChallenge(ChallengeParser.Parse(challenge).Single())!;
                    var credentials = new HttpCredentials("ad\"min", "p\u00e4ss " + random.Next());
                    // Paths of different lengths, so the header buffer must grow and be reused.
                    string[] paths = ["/", "/ISAPI/System/Network/interfaces", "/ISAPI/System/deviceInfo", "/x?y=\"1\"&z=" + new string('a', 300), "/ISAPI/Security/users"];
                    for (var i = 0; i < paths.Length; i++)
                    {
                        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
                        var expected = Reference(token, credentials, realm, nonce, opaque, qop, i + 1, cnonce, "GET", paths[i]);
                        Assert.AreEqual(expected, session.Authorize(credentials, "GET", paths[i], cnonce), $"{token} qop={qop} opaque={opaque is not null} request {i + 1}");
                    }
                }
            }
        }
    }

    [TestMethod]
    public void TheRandomClientNonce_IsHexOfTheRandomBytes_AndSignedLikeAGivenOne()
    {
        var challenge = ChallengeParser.Parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=MD5").Single();
        var withRandom = DigestSession.FromChallenge(challenge)!;
        var withGiven = DigestSession.FromChallenge(challenge)!;
        var credentials = new HttpCredentials("u", "p");
        for (var i = 0; i < 3; i++)
        {
            var source = new FixedRandom((byte)(0x10 * i + 1));
            var header = withRandom.Authorize(credentials, "GET", "/a/b", source);
            var cnonce = Convert.ToHexStringLower(source.Last);
            Assert.AreEqual(withGiven.Authorize(credentials, "GET", "/a/b", cnonce), header);
            StringAssert.Contains(header, "cnonce=\"" + cnonce + "\"");
        }
    }

    /// <summary>RFC 7616 section 3.4 header, as a client without reuse would write it.</summary>
    private static string Reference(string token, HttpCredentials c, string realm, string nonce, string? opaque, bool qop, int count, string cnonce, string method, string uri)
    {
        string H(string s) => Convert.ToHexStringLower(token.StartsWith("MD5") ? MD5.HashData(Encoding.UTF8.GetBytes(s)) : SHA256.HashData(Encoding.UTF8.GetBytes(s)));
        static string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var nc = count.ToString("x8");
        var ha1 = H(c.Username + ":" + realm + ":" + c.Password);
        if (token.EndsWith("-sess")) ha1 = H(ha1 + ":" + nonce + ":" + cnonce);
        var ha2 = H(method + ":" + uri);
        var response = qop ? H(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2) : H(ha1 + ":" + nonce + ":" + ha2);
        var header = "Digest username=" + Q(c.Username) + ", realm=" + Q(realm) + ", uri=" + Q(uri) + ", algorithm=" + token + ", nonce=" + Q(nonce);
        if (qop) header += ", nc=" + nc + ", cnonce=" + Q(cnonce) + ", qop=auth";
        header += ", response=" + Q(response);
        if (opaque is not null) header += ", opaque=" + Q(opaque);
        return header;
    }

    private sealed class FixedRandom(byte start) : IRandomSource
    {
        public byte[] Last { get; private set; } = [];

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = (byte)(start + i);
            Last = buffer.AsSpan(offset, count).ToArray();
        }
    }
}
