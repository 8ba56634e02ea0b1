using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Tests.Http;

/// <summary>The worked examples of RFC 7616 section 3.9.1 (MD5 and SHA-256) and RFC 2617 section 3.5.</summary>
[TestClass]
public sealed class DigestVectorTests
{
    // RFC 7616 section 3.9.1.
    private const string Rfc7616Challenges = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", "
        + "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static readonly HttpCredentials Mufasa7616 = new("Mufasa", "Circle of Life");

    [TestMethod]
    public void Rfc7616_Md5_Response()
    {
        Assert.AreEqual("8ca523f5e9506fed4657c9700eebdbec", DigestResponse.Compute(DigestAlgorithm.Md5, "Mufasa", "http-auth@example.org", "Circle of Life",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", Rfc7616Cnonce, "00000001", "auth", "GET", "/dir/index.html"));
    }

    [TestMethod]
    public void Rfc7616_Sha256_Response()
    {
        Assert.AreEqual("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", DigestResponse.Compute(DigestAlgorithm.Sha256, "Mufasa", "http-auth@example.org", "Circle of Life",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", Rfc7616Cnonce, "00000001", "auth", "GET", "/dir/index.html"));
    }

    [TestMethod]
    public void Rfc2617_Md5_Response()
    {
        Assert.AreEqual("6629fae49393a05397450978507c4ef1", DigestResponse.Compute(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093", "0a4f113b", "00000001", "auth", "GET", "/dir/index.html"));
    }

    [TestMethod]
    public void Rfc7616_FromTheChallengeHeaders_ToTheAuthorizationHeaders()
    {
        var challenges = ChallengeParser.Parse(Rfc7616Challenges);
        Assert.HasCount(2, challenges);
        var sha = DigestSession.FromChallenge(challenges[0])!;
        var md5 = DigestSession.FromChallenge(challenges[1])!;
        Assert.AreSame(DigestAlgorithm.Sha256, sha.Algorithm);
        Assert.AreSame(DigestAlgorithm.Md5, md5.Algorithm);
        Assert.AreEqual(
            "Digest username=\"Mufasa\", realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\", qop=auth, response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            sha.Authorize(Mufasa7616, "GET", "/dir/index.html", Rfc7616Cnonce));
        StringAssert.Contains(md5.Authorize(Mufasa7616, "GET", "/dir/index.html", Rfc7616Cnonce), "response=\"8ca523f5e9506fed4657c9700eebdbec\"");
    }

    [TestMethod]
    public void Rfc2617_FromTheChallengeHeader()
    {
        var challenge = ChallengeParser.Parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").Single();
        var session = DigestSession.FromChallenge(challenge)!;
        Assert.AreSame(DigestAlgorithm.Md5, session.Algorithm, "no algorithm parameter means MD5");
        var header = session.Authorize(new HttpCredentials("Mufasa", "Circle Of Life"), "GET", "/dir/index.html", "0a4f113b");
        StringAssert.Contains(header, "response=\"6629fae49393a05397450978507c4ef1\"");
        StringAssert.Contains(header, "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    [TestMethod]
    public void SessionVariants_And_NoQop_MatchAnIndependentComputation()
    {
        foreach (var (algorithm, name) in new[] { (DigestAlgorithm.Md5Sess, "MD5"), (DigestAlgorithm.Sha256Sess, "SHA256") })
        {
            string H(string s) => Convert.ToHexStringLower(name == "MD5" ? System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)) : System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
            var ha1 = H(H("u:r:p\u00e4ss") + ":n:c");
            var expected = H(ha1 + ":n:00000002:c:auth:" + H("POST:/x?y=1"));
            Assert.AreEqual(expected, DigestResponse.Compute(algorithm, "u", "r", "p\u00e4ss", "n", "c", "00000002", "auth", "POST", "/x?y=1"));
        }
        string Md5(string s) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
        Assert.AreEqual(Md5(Md5("u:r:p") + ":n:" + Md5("GET:/")), DigestResponse.Compute(DigestAlgorithm.Md5, "u", "r", "p", "n", "c", "00000001", null, "GET", "/"));
    }

    [TestMethod]
    public void NonceCount_CountsUp_InEightHexDigits()
    {
        var session = DigestSession.FromChallenge(ChallengeParser.Parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth\"").Single())!;
        var credentials = new HttpCredentials("u", "p");
        for (var i = 1; i <= 17; i++)
        {
            var header = session.Authorize(credentials, "GET", "/", "c");
            StringAssert.Contains(header, "nc=" + i.ToString("x8") + ",");
        }
        Assert.AreEqual(17, session.NonceCount);
    }

    [TestMethod]
    public void UnsupportedChallenges_GiveNoSession()
    {
        Assert.IsNull(DigestSession.FromChallenge(ChallengeParser.Parse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256").Single()));
        Assert.IsNull(DigestSession.FromChallenge(ChallengeParser.Parse("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"").Single()));
        Assert.IsNull(DigestSession.FromChallenge(ChallengeParser.Parse("Digest realm=\"r\"").Single()));
        Assert.IsNull(DigestSession.FromChallenge(ChallengeParser.Parse("Basic realm=\"r\"").Single()));
    }

    [TestMethod]
    public void Basic_Rfc7617Example_AndBase64AgainstDotNet()
    {
        Assert.AreEqual("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", BasicAuthorization.HeaderValue(new HttpCredentials("Aladdin", "open sesame")));
        // RFC 7617 section 2.1's UTF-8 example: user "test", password "123£".
        Assert.AreEqual("Basic dGVzdDoxMjPCow==", BasicAuthorization.HeaderValue(new HttpCredentials("test", "123\u00a3")));
        var random = new Random(77);
        for (var n = 0; n < 300; n++)
        {
            var data = new byte[n % 70];
            random.NextBytes(data);
            Assert.AreEqual(Convert.ToBase64String(data), Base64.Encode(data));
        }
    }

    [TestMethod]
    public void Credentials_NeverPrintThePassword()
    {
        var credentials = new HttpCredentials("admin", "s3cret-Pa55");
        Assert.DoesNotContain("s3cret", credentials.ToString());
        Assert.ThrowsExactly<ArgumentException>(() => new HttpCredentials("ad:min", "x"));
        Assert.ThrowsExactly<ArgumentException>(() => new HttpCredentials("ad\r\nmin", "x"));
    }
}
