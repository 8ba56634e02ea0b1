using System.Diagnostics;
using System.Text;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.HttpAuth;

/// <summary>
/// The engine's Basic and Digest client against Debian's apache2 (mod_auth_digest, mod_auth_basic) over the
/// real HTTP transport. mod_auth_digest speaks only MD5, so this covers MD5; SHA-256 is covered by the RFC 7616
/// vectors and an in-test server in FlaxGuard.Engine.Tests/Http.
/// </summary>
[TestClass]
public sealed class HttpAuthApacheTests
{
    private const int TimeoutMs = 5000;

    private static ApacheAuthServer _apache = null!;
    private static HttpClientTransport _transport = null!;

    [ClassInitialize]
    public static void StartApache(TestContext _)
    {
        _apache = ApacheAuthServer.Start();
        _transport = new HttpClientTransport();
    }

    [ClassCleanup]
    public static void StopApache()
    {
        _transport?.Dispose();
        _apache?.Dispose();
    }

    private static HttpRequest Get(string path) => new("GET", _apache.Origin + path) { TimeoutMs = TimeoutMs, MaxBodyBytes = 64 * 1024 };

    private static AuthenticatedHttp Client(string password, IHttpTransport? transport = null) =>
        new(transport ?? _transport, new HttpCredentials(ApacheAuthServer.User, password), SecureRandomSource.Instance);

    private static string[] LogLinesFor(string path, int skip) => _apache.LoggedRequests().Skip(skip).Where(l => l.Contains(path, StringComparison.Ordinal)).ToArray();

    [TestMethod]
    [DataRow("/ISAPI/System/deviceInfo")]
    [DataRow("/basic/System/deviceInfo")]
    public void CorrectCredentials_FetchTheXml(string path)
    {
        var http = Client(ApacheAuthServer.Password);
        var sink = new MemorySink();
        var result = http.Send(Get(path), sink);
        Assert.AreEqual(AuthOutcome.Completed, result.Outcome, result.Reason + "\n" + _apache.ErrorLog);
        Assert.AreEqual(200, result.Response.StatusCode);
        Assert.AreEqual("application/xml", result.Response.GetHeader("Content-Type"));
        Assert.AreEqual(ApacheAuthServer.DeviceInfoXml, Encoding.UTF8.GetString(sink.Bytes.ToArray()));
        Assert.AreEqual(2, result.RequestsSent);
        Assert.AreEqual(path.StartsWith("/ISAPI", StringComparison.Ordinal), http.Digest is not null, "Digest for /ISAPI, Basic for /basic");
    }

    [TestMethod]
    [DataRow("/ISAPI/System/deviceInfo")]
    [DataRow("/basic/System/deviceInfo")]
    public void WrongPassword_IsAClearRefusal_WithinTheBound_WithoutThePassword(string path)
    {
        const string wrong = "not-the-Pa55word";
        var http = Client(wrong);
        var watch = Stopwatch.StartNew();
        var result = http.Send(Get(path), new MemorySink());
        watch.Stop();
        Assert.AreEqual(AuthOutcome.CredentialsRefused, result.Outcome);
        Assert.AreEqual(401, result.Response.StatusCode);
        Assert.AreEqual(2, result.RequestsSent, "one challenge, one attempt with the credentials, no more");
        Assert.IsLessThan(2 * TimeoutMs, watch.ElapsedMilliseconds, $"took {watch.ElapsedMilliseconds} ms");
        var verdict = result.ToUnverified("camera-isapi")!;
        Assert.IsTrue(verdict.IsUnverified);
        StringAssert.Contains(verdict.Message, "the device refused the credentials");
        Assert.IsFalse(verdict.ToString().Contains(wrong, StringComparison.Ordinal));
        Assert.IsFalse(verdict.ToString().Contains(ApacheAuthServer.Password, StringComparison.Ordinal));
    }

    [TestMethod]
    public void Nonce_IsReused_OverSeveralRequests()
    {
        var before = _apache.LoggedRequests().Length;
        var http = Client(ApacheAuthServer.Password);
        for (var i = 0; i < 6; i++)
        {
            var result = http.Send(Get("/ISAPI/System/deviceInfo"), null);
            Assert.AreEqual(AuthOutcome.Completed, result.Outcome, result.Reason);
            Assert.AreEqual(i == 0 ? 2 : 1, result.RequestsSent);
        }
        Assert.AreEqual(6, http.Digest!.NonceCount);
        var lines = LogLinesFor("/ISAPI/System/deviceInfo", before);
        Assert.AreEqual(1, lines.Count(l => l.StartsWith("401 ", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.AreEqual(6, lines.Count(l => l.StartsWith("200 ", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void StaleNonce_IsRetriedOnce_AndWorks()
    {
        var recorder = new RecordingTransport(_transport);
        var http = Client(ApacheAuthServer.Password, recorder);
        Assert.AreEqual(AuthOutcome.Completed, http.Send(Get("/stale/System/deviceInfo"), null).Outcome);
        var firstNonce = http.Digest!.Nonce;
        // AuthDigestNonceLifetime is 1 s for /stale/; wait past it.
        Thread.Sleep(2500);
        var sink = new MemorySink();
        var result = http.Send(Get("/stale/System/deviceInfo"), sink);
        Assert.AreEqual(AuthOutcome.Completed, result.Outcome, result.Reason + "\n" + _apache.ErrorLog);
        Assert.AreEqual(2, result.RequestsSent, "the stale 401, then the retry");
        Assert.AreNotEqual(firstNonce, http.Digest!.Nonce);
        Assert.AreEqual(ApacheAuthServer.DeviceInfoXml, Encoding.UTF8.GetString(sink.Bytes.ToArray()), "the 401 page was dropped from the sink");
        var staleChallenge = recorder.Challenges.Last();
        StringAssert.Contains(staleChallenge, "stale=true", "apache marked the old nonce stale");
    }

    [TestMethod]
    public void WrongPassword_AfterAStaleNonce_IsStillRefused()
    {
        var http = Client("wrong-" + ApacheAuthServer.Password);
        var first = http.Send(Get("/stale/System/deviceInfo"), null);
        Assert.AreEqual(AuthOutcome.CredentialsRefused, first.Outcome);
        Thread.Sleep(1500);
        var second = http.Send(Get("/stale/System/deviceInfo"), null);
        Assert.AreEqual(AuthOutcome.CredentialsRefused, second.Outcome);
        Assert.IsLessThanOrEqualTo(2, second.RequestsSent);
    }

    internal sealed class MemorySink : IRestartableSink
    {
        public List<byte> Bytes { get; } = [];

        public void Write(byte[] data, int offset, int count) => Bytes.AddRange(data.AsSpan(offset, count).ToArray());

        public void Restart() => Bytes.Clear();
    }

    /// <summary>Passes requests through and keeps every WWW-Authenticate header that came back.</summary>
    private sealed class RecordingTransport(IHttpTransport inner) : IHttpTransport
    {
        public List<string> Challenges { get; } = [];

        public HttpResponse Send(HttpRequest request, IByteSink? sink)
        {
            var response = inner.Send(request, sink);
            for (var i = 0; i < response.HeaderCount; i++)
            {
                var h = response.GetHeaderAt(i);
                if (h.Name.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)) Challenges.Add(h.Value);
            }
            return response;
        }
    }
}
