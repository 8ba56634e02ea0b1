using System.Net;
using System.Text;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.HttpAuth;

/// <summary>SHA-256 Digest over real sockets and the real HTTP transport (apache cannot do SHA-256).</summary>
[TestClass]
public sealed class HttpAuthSha256Tests
{
    private static readonly IPAddress Address = new([127, 72, (byte)(Environment.ProcessId % 250), 2]);

    [TestMethod]
    public void Sha256IsChosenOverMd5_AndTheNonceIsReused()
    {
        using var server = new Sha256DigestServer(Address, "admin", "Sha-Pa55");
        using var transport = new HttpClientTransport();
        var http = new AuthenticatedHttp(transport, new HttpCredentials("admin", "Sha-Pa55"), SecureRandomSource.Instance);
        for (var i = 0; i < 3; i++)
        {
            var sink = new HttpAuthApacheTests.MemorySink();
            var result = http.Send(new HttpRequest("GET", server.Origin + "/ISAPI/System/deviceInfo?x=1") { TimeoutMs = 5000 }, sink);
            Assert.AreEqual(AuthOutcome.Completed, result.Outcome, result.Reason);
            Assert.AreEqual(Sha256DigestServer.Body, Encoding.UTF8.GetString(sink.Bytes.ToArray()));
        }
        Assert.AreSame(DigestAlgorithm.Sha256, http.Digest!.Algorithm);
        Assert.AreEqual(3, http.Digest.NonceCount);
        lock (server.Log)
        {
            Assert.AreEqual(1, server.Log.Count(l => l.StartsWith("401", StringComparison.Ordinal)), string.Join("\n", server.Log));
            Assert.AreEqual(3, server.Log.Count(l => l.StartsWith("200", StringComparison.Ordinal)));
        }
    }

    [TestMethod]
    public void WrongPassword_IsRefused()
    {
        using var server = new Sha256DigestServer(Address, "admin", "Sha-Pa55");
        using var transport = new HttpClientTransport();
        var http = new AuthenticatedHttp(transport, new HttpCredentials("admin", "nope-Pa55"), SecureRandomSource.Instance);
        var result = http.Send(new HttpRequest("GET", server.Origin + "/ISAPI/System/deviceInfo") { TimeoutMs = 5000 }, null);
        Assert.AreEqual(AuthOutcome.CredentialsRefused, result.Outcome);
        Assert.AreEqual(2, result.RequestsSent);
        Assert.IsFalse(result.Reason!.Contains("nope-Pa55", StringComparison.Ordinal));
    }
}
