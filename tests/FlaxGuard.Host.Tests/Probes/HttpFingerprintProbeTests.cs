using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab;
using FlaxGuard.Platform;

namespace FlaxGuard.Host.Tests.Probes;

[TestClass]
public sealed class HttpFingerprintProbeTests
{
    private static ProbeOutput Run(string host, HttpFingerprintOptions options)
    {
        using var http = new HttpClientTransport();
        var context = new ProbeContext(host, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance);
        var output = new ProbeOutput();
        new HttpFingerprintProbe(options).Run(context, output);
        return output;
    }

    private static string Sha256Hex(string text) => Hex.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [TestMethod]
    public async Task LabRouter_GivesStatusServerTitleAndAssetHashes()
    {
        await using var lab = await LabWebDevice.StartAsync(Loopback.NextAddress());
        var output = Run(lab.Address.ToString(), new HttpFingerprintOptions { Port = lab.HttpPort, Paths = ["/missing.js"] });

        Assert.AreEqual(0, output.VerdictCount, string.Join("; ", output.Verdicts().Select(v => v.ToString())));
        var facts = output.Facts;
        Assert.AreEqual("200", facts.Get("http.status")!.Value);
        Assert.AreEqual("lighttpd/1.4.59", facts.Get("http.server")!.Value);
        Assert.AreEqual("Lab Router AX1800 & Wi-Fi - Login", facts.Get("http.title")!.Value);
        // Reference: the bytes the lab serves, hashed by .NET's SHA-256.
        Assert.AreEqual(Sha256Hex(lab.Script), facts.Get("http.asset./js/app.js.sha256")!.Value);
        Assert.IsNotNull(facts.Get("http.asset./css/style.css.sha256"));
        Assert.AreEqual("status:404", facts.Get("http.asset./missing.js.sha256")!.Value);
        Assert.IsNull(facts.Get("tls.cert.sha256"));
    }

    [TestMethod]
    public async Task Https_RecordsTheCertificateFingerprint()
    {
        await using var lab = await LabWebDevice.StartAsync(Loopback.NextAddress());
        var output = Run(lab.Address.ToString(), new HttpFingerprintOptions { Scheme = "https", Port = lab.HttpsPort });
        Assert.AreEqual(Hex.Encode(lab.CertificateSha256), output.Facts.Get("tls.cert.sha256")!.Value);
    }

    [TestMethod]
    public async Task TamperedScript_ChangesItsHash_AndNothingElse()
    {
        await using var lab = await LabWebDevice.StartAsync(Loopback.NextAddress());
        var options = new HttpFingerprintOptions { Port = lab.HttpPort };
        var before = Run(lab.Address.ToString(), options).Facts;
        var again = Run(lab.Address.ToString(), options).Facts;
        Assert.AreEqual(before.DigestHex(), again.DigestHex(), "session cookies and other noise must not change the facts");
        await lab.CompromiseAsync(telnetPort: 0);
        var after = Run(lab.Address.ToString(), options).Facts;
        var changed = before.ToArray().Where(f => after.Get(f.Key)?.Value != f.Value).Select(f => f.Key).ToArray();
        CollectionAssert.AreEqual(new[] { "http.asset./js/app.js.sha256" }, changed);
    }

    [TestMethod]
    [DataRow(HostileBehavior.EndlessHeaders)]
    [DataRow(HostileBehavior.SlowBody)]
    [DataRow(HostileBehavior.SlowHeaders)]
    [DataRow(HostileBehavior.Silent)]
    [DataRow(HostileBehavior.CloseMidBody)]
    [DataRow(HostileBehavior.CloseMidHeaders)]
    [DataRow(HostileBehavior.NotHttp)]
    public async Task HostileDevice_IsCouldNotVerify_NeverOk(HostileBehavior behavior)
    {
        await using var server = new HostileHttpServer(Loopback.NextAddress(), behavior);
        var watch = Stopwatch.StartNew();
        var output = Run(server.Address.ToString(), new HttpFingerprintOptions { Port = server.Port, TimeoutMs = 1500 });
        Assert.IsLessThan(5000, watch.ElapsedMilliseconds, $"took {watch.ElapsedMilliseconds} ms");
        var verdicts = output.Verdicts();
        Assert.IsTrue(verdicts.Any(v => v.IsUnverified), $"{behavior}: expected 'could not verify', got {output.Facts.Count} facts and [{string.Join("; ", verdicts.Select(v => v.ToString()))}]");
        StringAssert.StartsWith(verdicts.First(v => v.IsUnverified).Message, "Could not verify:");
    }

    [TestMethod]
    public async Task HugeLandingPage_IsReadOnlyToTheLimit()
    {
        await using var server = new HostileHttpServer(Loopback.NextAddress(), HostileBehavior.HugeBody);
        var watch = Stopwatch.StartNew();
        var output = Run(server.Address.ToString(), new HttpFingerprintOptions { Port = server.Port, TimeoutMs = 3000, DiscoverAssets = false });
        Assert.IsLessThan(5000, watch.ElapsedMilliseconds, $"took {watch.ElapsedMilliseconds} ms");
        Assert.AreEqual("200", output.Facts.Get("http.status")!.Value, "a landing page over the limit is still fingerprinted from its head");
        var cut = output.Verdicts().Single(v => v.IsUnverified);
        StringAssert.Contains(cut.Message, "longer than 256 KiB", "a page cut at the limit is not fully verified");
    }

    [TestMethod]
    public async Task HugeAsset_IsUnverified()
    {
        await using var server = new HostileHttpServer(Loopback.NextAddress(), HostileBehavior.HugeBody);
        var output = Run(server.Address.ToString(), new HttpFingerprintOptions { Port = server.Port, TimeoutMs = 3000, Paths = ["/firmware.bin"], MaxAssetBytes = 1 << 20 });
        Assert.AreEqual("unverified", output.Facts.Get("http.asset./firmware.bin.sha256")!.Value);
        Assert.IsTrue(output.Verdicts().Any(v => v.IsUnverified && v.Message.Contains("/firmware.bin")));
    }

    [TestMethod]
    public async Task RedirectLoop_StopsAfterTheLimit()
    {
        await using var server = new HostileHttpServer(Loopback.NextAddress(), HostileBehavior.RedirectLoop);
        var output = Run(server.Address.ToString(), new HttpFingerprintOptions { Port = server.Port, TimeoutMs = 1500, MaxRedirects = 3 });
        Assert.AreEqual("302", output.Facts.Get("http.status")!.Value);
        Assert.IsNotNull(output.Facts.Get("http.redirect"));
        Assert.IsLessThanOrEqualTo(4, server.Connections, $"{server.Connections} requests for a 3-redirect limit");
    }

    [TestMethod]
    public void NothingListening_IsCouldNotVerify()
    {
        var address = Loopback.NextAddress();
        var output = Run(address.ToString(), new HttpFingerprintOptions { Port = Loopback.ClosedPort(address) });
        var verdict = output.Verdicts().Single();
        Assert.IsTrue(verdict.IsUnverified);
        Assert.AreEqual(Severity.Medium, verdict.Severity);
        StringAssert.Contains(verdict.Message, "connection failed");
    }
}
