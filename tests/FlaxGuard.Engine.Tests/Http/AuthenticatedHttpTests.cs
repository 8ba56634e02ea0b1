using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Platform;

namespace FlaxGuard.Engine.Tests.Http;

[TestClass]
public sealed class AuthenticatedHttpTests
{
    private const string Url = "http://192.0.2.10/ISAPI/System/deviceInfo?format=xml";

    private static HttpRequest Get() => new("GET", Url) { TimeoutMs = 5000, MaxBodyBytes = 64 * 1024 };

    [TestMethod]
    [DataRow("SHA-256")]
    [DataRow("SHA-256-sess")]
    [DataRow("MD5")]
    [DataRow("MD5-sess")]
    [DataRow("Basic")]
    public void CorrectCredentials_FetchTheBody(string algorithm)
    {
        var server = new DigestTestServer(algorithm);
        var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "correct horse"), SecureRandomSource.Instance);
        var sink = new MemorySink();
        var result = http.Send(Get(), sink);
        Assert.AreEqual(AuthOutcome.Completed, result.Outcome, result.Reason);
        Assert.AreEqual(200, result.Response.StatusCode);
        CollectionAssert.AreEqual(server.Body, sink.Bytes.ToArray(), "only the final body may reach the sink");
        Assert.AreEqual(2, result.RequestsSent);
        Assert.AreEqual(1, server.Refusals);
    }

    [TestMethod]
    [DataRow("SHA-256")]
    [DataRow("MD5-sess")]
    [DataRow("Basic")]
    public void BaseAndSuffix_AreSignedAndSentAsTheWholeUrl(string algorithm)
    {
        var server = new DigestTestServer(algorithm);
        var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "correct horse"), SecureRandomSource.Instance);
        var whole = new Uri(Url);
        var origin = whole.GetLeftPart(UriPartial.Authority);
        // A base without a path (the target is the suffix itself) and one with a path prefix (the target is joined).
        foreach (var (baseUrl, suffix) in new[] { (origin, "/ISAPI/System/deviceInfo?format=xml"), (origin + "/ISAPI", "/System/deviceInfo?format=xml") })
        {
            var request = new HttpRequest("GET", baseUrl, suffix) { TimeoutMs = 5000, MaxBodyBytes = 64 * 1024 };
            var result = http.Send(request, new MemorySink());
            Assert.AreEqual(AuthOutcome.Completed, result.Outcome, baseUrl + " + " + suffix + ": " + result.Reason);
            Assert.AreEqual(Url, request.Url);
        }
    }

    [TestMethod]
    public void NonceIsReused_WithRisingNonceCount_AndFreshClientNonces()
    {
        var server = new DigestTestServer("SHA-256");
        var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "correct horse"), SecureRandomSource.Instance);
        for (var i = 0; i < 5; i++) Assert.AreEqual(AuthOutcome.Completed, http.Send(Get(), null).Outcome);
        Assert.AreEqual(6, server.Requests, "one challenge, then one request each");
        Assert.AreEqual(1, server.Refusals);
        CollectionAssert.AreEqual(new[] { "00000001", "00000002", "00000003", "00000004", "00000005" }, server.NonceCounts);
        var cnonces = server.AuthorizationHeaders.Select(h => h.Split("cnonce=\"")[1].Split('"')[0]).ToList();
        Assert.AreEqual(5, cnonces.Distinct().Count());
        Assert.IsTrue(cnonces.All(c => c.Length == 32));
    }

    [TestMethod]
    public void StaleNonce_IsRetriedOnce_WithTheNewNonce()
    {
        var server = new DigestTestServer("SHA-256");
        var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "correct horse"), SecureRandomSource.Instance);
        Assert.AreEqual(AuthOutcome.Completed, http.Send(Get(), null).Outcome);
        var first = http.Digest!.Nonce;
        server.ExpireNonce();
        var sink = new MemorySink();
        var result = http.Send(Get(), sink);
        Assert.AreEqual(AuthOutcome.Completed, result.Outcome, result.Reason);
        Assert.AreEqual(2, result.RequestsSent);
        Assert.AreNotEqual(first, http.Digest!.Nonce);
        Assert.AreEqual(1, http.Digest.NonceCount, "a new nonce starts counting at 1");
        CollectionAssert.AreEqual(server.Body, sink.Bytes.ToArray(), "the stale 401's body was dropped from the sink");
    }

    [TestMethod]
    public void WrongPassword_IsRefused_AfterOneAttempt_WithoutLeakingIt()
    {
        foreach (var algorithm in new[] { "SHA-256", "MD5", "Basic" })
        {
            var server = new DigestTestServer(algorithm);
            var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "wrong-Pa55word"), SecureRandomSource.Instance);
            var result = http.Send(Get(), null);
            Assert.AreEqual(AuthOutcome.CredentialsRefused, result.Outcome);
            Assert.AreEqual(401, result.Response.StatusCode);
            Assert.AreEqual(2, result.RequestsSent);
            StringAssert.Contains(result.Reason, "the device refused the credentials");
            Assert.DoesNotContain("wrong-Pa55word", result.Reason);
        }
    }

    [TestMethod]
    public void ServerThatAlwaysSaysStale_IsRefused_WithinThreeRequests()
    {
        var server = new DigestTestServer("MD5") { AlwaysStale = true };
        var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "correct horse"), SecureRandomSource.Instance);
        var result = http.Send(Get(), null);
        Assert.AreEqual(AuthOutcome.CredentialsRefused, result.Outcome);
        Assert.AreEqual(3, result.RequestsSent);
    }

    [TestMethod]
    public void StrongestOfferedChallenge_IsChosen()
    {
        var server = new DigestTestServer("SHA-256") { ExtraChallenge = "Basic realm=\"cams\", Digest realm=\"cams\", nonce=\"x\", algorithm=MD5, qop=\"auth\"" };
        var http = new AuthenticatedHttp(server, new HttpCredentials("admin", "correct horse"), SecureRandomSource.Instance);
        Assert.AreEqual(AuthOutcome.Completed, http.Send(Get(), null).Outcome);
        StringAssert.Contains(server.AuthorizationHeaders.Single(), "algorithm=SHA-256");
    }

    [TestMethod]
    public void UnsupportedAndMalformedChallenges_AreNamed()
    {
        var unsupported = new DigestTestServer("SHA-256") { RawChallenge = "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256, NTLM" };
        var r1 = new AuthenticatedHttp(unsupported, new HttpCredentials("a", "b"), SecureRandomSource.Instance).Send(Get(), null);
        Assert.AreEqual(AuthOutcome.UnsupportedChallenge, r1.Outcome);
        var malformed = new DigestTestServer("SHA-256") { RawChallenge = "Digest realm=\"never closed" };
        var r2 = new AuthenticatedHttp(malformed, new HttpCredentials("a", "b"), SecureRandomSource.Instance).Send(Get(), null);
        Assert.AreEqual(AuthOutcome.MalformedChallenge, r2.Outcome);
        StringAssert.Contains(r2.Reason, "malformed");
    }

    [TestMethod]
    public void UnprotectedResource_IsFetched_AndRemembered()
    {
        var transport = new OpenTransport();
        var http = new AuthenticatedHttp(transport, new HttpCredentials("a", "b"), SecureRandomSource.Instance);
        var sink = new MemorySink();
        var result = http.Send(Get(), sink);
        Assert.AreEqual(AuthOutcome.Completed, result.Outcome);
        Assert.HasCount(3, sink.Bytes);
        Assert.AreEqual(1, http.Send(Get(), null).RequestsSent, "no second challenge request for an open resource");
        Assert.IsFalse(transport.SawAuthorization);
    }

    [TestMethod]
    public void TransportFailure_IsReported()
    {
        var http = new AuthenticatedHttp(new FailingTransport(), new HttpCredentials("a", "b"), SecureRandomSource.Instance);
        var result = http.Send(Get(), null);
        Assert.AreEqual(AuthOutcome.TransportFailed, result.Outcome);
        StringAssert.Contains(result.Reason, "no response");
    }

    [TestMethod]
    [DataRow("http://h/a/b?c=d#frag", "/a/b?c=d")]
    [DataRow("http://h", "/")]
    [DataRow("http://h:8080?x=1", "/?x=1")]
    [DataRow("https://[::1]:443/ISAPI/System/deviceInfo", "/ISAPI/System/deviceInfo")]
    public void RequestTarget_IsPathAndQuery(string url, string expected)
    {
        Assert.AreEqual(expected, RequestTarget.FromUrl(url));
    }

    internal sealed class MemorySink : IRestartableSink
    {
        public List<byte> Bytes { get; } = [];

        public void Write(byte[] data, int offset, int count) => Bytes.AddRange(data.AsSpan(offset, count).ToArray());

        public void Restart() => Bytes.Clear();
    }

    private sealed class OpenTransport : IHttpTransport
    {
        public bool SawAuthorization;

        public HttpResponse Send(HttpRequest request, FlaxGuard.Engine.Text.IByteSink? sink)
        {
            for (var i = 0; i < request.HeaderCount; i++) SawAuthorization |= request.GetHeader(i).Name == "Authorization";
            sink?.Write([1, 2, 3], 0, 3);
            return new HttpResponse(HttpOutcome.Completed, 200, null, 0, 3, null, null);
        }
    }

    private sealed class FailingTransport : IHttpTransport
    {
        public HttpResponse Send(HttpRequest request, FlaxGuard.Engine.Text.IByteSink? sink) => HttpResponse.Failed(HttpOutcome.TimedOut, "no response within 5000 ms");
    }
}
