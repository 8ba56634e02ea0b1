using System.Diagnostics;
using System.Security.Cryptography;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Lab;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Platform;

[TestClass]
public sealed class HttpClientTransportTests
{
    private sealed class CountingSink : IByteSink
    {
        public long Bytes;
        public void Write(byte[] data, int offset, int count) => Bytes += count;
    }

    private static HttpResponse Get(string url, IByteSink? sink = null, int timeoutMs = 5000, long maxBody = 1 << 20)
    {
        using var transport = new HttpClientTransport();
        var request = new HttpRequest("GET", url) { TimeoutMs = timeoutMs, MaxBodyBytes = maxBody };
        return transport.Send(request, sink);
    }

    [TestMethod]
    public async Task LabPage_Completes_WithHeadersAndStreamedBody()
    {
        await using var lab = await LabWebDevice.StartAsync(Loopback.NextAddress());
        var sha = new Sha256();
        var response = Get($"http://{lab.Address}:{lab.HttpPort}/js/app.js", new HashSink(sha));
        Assert.AreEqual(HttpOutcome.Completed, response.Outcome, response.Error);
        Assert.AreEqual(200, response.StatusCode);
        Assert.AreEqual("lighttpd/1.4.59", response.GetHeader("server"));
        Assert.IsNull(response.CertificateSha256);
        CollectionAssert.AreEqual(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lab.Script)), sha.Final());
        Assert.AreEqual(System.Text.Encoding.UTF8.GetByteCount(lab.Script), response.BodyBytes);
    }

    [TestMethod]
    public async Task Https_AcceptsSelfSignedCertificate_AndFingerprintsIt()
    {
        await using var lab = await LabWebDevice.StartAsync(Loopback.NextAddress());
        var response = Get($"https://{lab.Address}:{lab.HttpsPort}/");
        Assert.AreEqual(HttpOutcome.Completed, response.Outcome, response.Error);
        CollectionAssert.AreEqual(lab.CertificateSha256, response.CertificateSha256);
        Assert.AreEqual("CN=labrouter.local, O=FlaxGuard Lab", response.CertificateSubject);
    }

    [TestMethod]
    public void RefusedConnection_IsConnectFailed()
    {
        var address = Loopback.NextAddress();
        var response = Get($"http://{address}:{Loopback.ClosedPort(address)}/");
        Assert.AreEqual(HttpOutcome.ConnectFailed, response.Outcome);
        Assert.AreEqual(0, response.StatusCode);
    }

    [TestMethod]
    [DataRow("ftp://127.0.0.1/")]
    [DataRow("not a url")]
    [DataRow("/relative")]
    public void NonHttpUrls_AreInvalid(string url)
    {
        Assert.AreEqual(HttpOutcome.InvalidUrl, Get(url).Outcome);
    }

    [TestMethod]
    [DataRow(HostileBehavior.EndlessHeaders, HttpOutcome.HeadersTooLarge)]
    [DataRow(HostileBehavior.HugeBody, HttpOutcome.BodyTooLarge)]
    [DataRow(HostileBehavior.SlowBody, HttpOutcome.TimedOut)]
    [DataRow(HostileBehavior.SlowHeaders, HttpOutcome.TimedOut)]
    [DataRow(HostileBehavior.Silent, HttpOutcome.TimedOut)]
    [DataRow(HostileBehavior.CloseMidBody, HttpOutcome.ProtocolError)]
    [DataRow(HostileBehavior.CloseMidHeaders, HttpOutcome.ProtocolError)]
    [DataRow(HostileBehavior.NotHttp, HttpOutcome.ProtocolError)]
    public async Task HostileServer_EndsWithinTheBound_WithTheRightOutcome(HostileBehavior behavior, HttpOutcome expected)
    {
        await using var server = new HostileHttpServer(Loopback.NextAddress(), behavior);
        var sink = new CountingSink();
        var watch = Stopwatch.StartNew();
        var response = Get(UrlOf(server), sink, timeoutMs: 1500, maxBody: 256 * 1024);
        Assert.AreEqual(expected, response.Outcome, response.Error);
        // The 1.5 s deadline plus scheduling slack; a stalled body must not add a drain of the connection (2 s more).
        Assert.IsLessThan(2800, watch.ElapsedMilliseconds, $"took {watch.ElapsedMilliseconds} ms");
        Assert.IsLessThanOrEqualTo(256 * 1024, sink.Bytes, $"sink got {sink.Bytes} bytes");
    }

    private static string UrlOf(HostileHttpServer server) => $"http://{server.Address}:{server.Port}/";
}
