using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FlaxGuard.Server.Tests.Fixtures;

namespace FlaxGuard.Server.Tests.Cli;

/// <summary><c>flaxguard serve</c> over TLS and <c>flaxguard agent add</c>'s pinned CA, as real child processes on loopback.</summary>
[TestClass]
public sealed class ServeTlsCliTests
{
    public TestContext TestContext { get; set; } = null!;

    private static async Task<string> HealthAsync(HttpClient http) => await http.GetStringAsync("api/v1/health");

    /// <summary>Serve is ready at "listening on"; the dashboard line follows it, so wait for that last start line.</summary>
    private static void WaitForStartLines(ServeProcess serve)
    {
        for (var i = 0; i < 100 && !serve.Output.Contains("dashboard at", StringComparison.Ordinal); i++) Thread.Sleep(100);
        StringAssert.Contains(serve.Output, "dashboard at");
    }

    [TestMethod]
    [Timeout(180_000, CooperativeCancellation = true)]
    public async Task Serve_ByDefault_CreatesTheHostCa_ServesHttps_AndAgentAddPinsThatCa()
    {
        using var dir = new TempDir("serve-tls");
        var caPath = Path.Combine(dir.Path, "tls", "ca.crt");
        string caPem;
        using (var serve = ServeProcess.Start(dir.Path))
        {
            WaitForStartLines(serve);
            TestContext.WriteLine(serve.Output);
            StringAssert.Contains(serve.Output, $"flaxguard serve: host CA created in {Path.Combine(dir.Path, "tls")}");
            StringAssert.Contains(serve.Output, "flaxguard serve: TLS with host CA \"FlaxGuard host CA ");
            StringAssert.Contains(serve.Output, "flaxguard serve: server certificate for 127.0.0.1, localhost, valid until ");
            StringAssert.Contains(serve.Output, $"listening on {serve.BaseAddress}");
            StringAssert.Contains(serve.Output, $"dashboard at {serve.BaseAddress}dashboard");
            Assert.AreEqual("https", serve.BaseAddress.Scheme);
            Assert.DoesNotContain("PRIVATE KEY", serve.Output);

            using (var pinned = serve.CreateClient(TimeSpan.FromSeconds(20))) StringAssert.Contains(await HealthAsync(pinned), "\"status\":\"ok\"");
            using (var localhost = PinnedHttp.Create(dir.Path, new Uri($"https://localhost:{serve.BaseAddress.Port}/"), TimeSpan.FromSeconds(20)))
                StringAssert.Contains(await HealthAsync(localhost), "\"status\":\"ok\"", "localhost is in the certificate on loopback");
            using (var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(20) })
                await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetStringAsync(new Uri($"http://127.0.0.1:{serve.BaseAddress.Port}/api/v1/health")), "no plain HTTP on the TLS port");
            using (var otherCa = CreateCa("Somebody else"))
            using (var wrongPin = PinnedHttp.Create(otherCa, serve.BaseAddress, TimeSpan.FromSeconds(20)))
                await Assert.ThrowsAsync<HttpRequestException>(() => HealthAsync(wrongPin), "a client pinning another CA refuses this server");
            caPem = File.ReadAllText(caPath);
        }

        // Next start with other names: the server certificate is re-issued, the CA is the same.
        using (var serve = ServeProcess.Start(dir.Path, null, "--tls-name", "localhost", "--tls-name", "flaxguard.test"))
        {
            StringAssert.Contains(serve.Output, "server certificate for localhost, flaxguard.test, valid until ");
            StringAssert.Contains(serve.Output, "(re-issued for new names)");
            Assert.DoesNotContain("host CA created", serve.Output);
            Assert.AreEqual(caPem, File.ReadAllText(caPath));
            using var localhost = PinnedHttp.Create(dir.Path, new Uri($"https://localhost:{serve.BaseAddress.Port}/"), TimeSpan.FromSeconds(20));
            StringAssert.Contains(await HealthAsync(localhost), "\"status\":\"ok\"");
        }

        // agent add: https by default, the host CA in the file, and a note when serve's certificate lacks the URL's host.
        var provisioning = Path.Combine(dir.Path, "dongle.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "dongle", "--out", provisioning, "--data-dir", dir.Path);
        TestContext.WriteLine(add.Stdout);
        Assert.AreEqual(0, add.ExitCode, add.All);
        var json = JsonDocument.Parse(File.ReadAllText(provisioning)).RootElement;
        Assert.AreEqual("https://127.0.0.1:8443", json.GetProperty("hostUrl").GetString());
        Assert.AreEqual(caPem.Trim(), json.GetProperty("caCertificatePem").GetString()!.Trim());
        StringAssert.Contains(add.Stdout, "Pinned CA: FlaxGuard host CA ");
        StringAssert.Contains(add.Stdout, "names localhost, flaxguard.test but not 127.0.0.1: start serve with --tls-name 127.0.0.1");
        Assert.IsFalse(add.All.Contains(json.GetProperty("key").GetString()!, StringComparison.Ordinal), "the key was printed");

        var help = FlaxguardProcess.Run(null, "serve", "--help");
        StringAssert.Contains(help.Stdout, "strand every enrolled appliance");
        StringAssert.Contains(help.Stdout, "--plain-http");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Serve_WithOwnCertificateAndKey_ServesThem_AndAgentAddPinsTheGivenCa()
    {
        using var dir = new TempDir("serve-own");
        using var ca = CreateCa("Example Org CA");
        var (certPath, keyPath) = WriteLeaf(dir, ca, "own");
        var caPath = dir.File("org-ca.pem");
        File.WriteAllText(caPath, ca.ExportCertificatePem());

        using (var serve = ServeProcess.Start(dir.Path, null, "--tls-cert", certPath, "--tls-key", keyPath))
        {
            StringAssert.Contains(serve.Output, $"TLS with the certificate from {certPath} for localhost, 127.0.0.1");
            StringAssert.Contains(serve.Output, "--ca");
            using var pinned = PinnedHttp.Create(ca, serve.BaseAddress, TimeSpan.FromSeconds(20));
            StringAssert.Contains(await HealthAsync(pinned), "\"status\":\"ok\"");
            Assert.IsFalse(Directory.Exists(Path.Combine(dir.Path, "tls")), "no host CA is made when the owner brings a certificate");
        }

        var provisioning = dir.File("pi.json");
        var add = FlaxguardProcess.Run(null, "agent", "add", "pi", "--host-url", "https://localhost:8443", "--ca", caPath, "--out", provisioning, "--data-dir", dir.Path);
        Assert.AreEqual(0, add.ExitCode, add.All);
        StringAssert.Contains(add.Stdout, "Pinned CA: Example Org CA");
        Assert.AreEqual(ca.ExportCertificatePem().Trim(), JsonDocument.Parse(File.ReadAllText(provisioning)).RootElement.GetProperty("caCertificatePem").GetString()!.Trim());

        var caWithHttp = FlaxguardProcess.Run(null, "agent", "add", "x", "--host-url", "http://localhost:8443", "--ca", caPath, "--out", dir.File("x.json"), "--data-dir", dir.Path);
        Assert.AreEqual(3, caWithHttp.ExitCode);
        Assert.AreEqual("flaxguard: --ca needs an https:// --host-url (over http:// there is no certificate to check)", caWithHttp.Stderr.Trim());
        var notACert = FlaxguardProcess.Run(null, "agent", "add", "y", "--ca", keyPath, "--out", dir.File("y.json"), "--data-dir", dir.Path);
        Assert.AreEqual(3, notACert.ExitCode);
        StringAssert.Contains(notACert.Stderr, "holds 0 certificates");
        Assert.IsFalse(File.Exists(dir.File("y.json")));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Serve_WithBadCertificateOrKeyFiles_SaysWhatIsWrongInOneLine()
    {
        using var dir = new TempDir("serve-badtls");
        using var ca = CreateCa("Example Org CA");
        var (certPath, keyPath) = WriteLeaf(dir, ca, "a");
        var (_, otherKeyPath) = WriteLeaf(dir, ca, "b");
        var rsaKeyPath = dir.File("rsa.key");
        using (var rsa = RSA.Create(2048)) File.WriteAllText(rsaKeyPath, rsa.ExportPkcs8PrivateKeyPem());
        var otherKeyText = File.ReadAllText(otherKeyPath);
        var port = "127.0.0.1:" + FreePort.Tcp();

        void AssertOneLine(string expected, params string[] tlsArgs)
        {
            var r = FlaxguardProcess.Run(null, ["serve", "--listen", port, "--data-dir", dir.Path, .. tlsArgs]);
            Assert.AreEqual(3, r.ExitCode, r.All);
            Assert.AreEqual("flaxguard: " + expected, r.Stderr.Trim(), r.All);
            Assert.AreEqual("", r.Stdout.Trim(), "nothing else is printed");
            FlaxguardProcess.AssertNoStackTrace(r);
            Assert.IsFalse(r.All.Contains(otherKeyText.Split('\n')[1], StringComparison.Ordinal), "key material in the output");
        }

        AssertOneLine($"--tls-key '{otherKeyPath}' does not belong to the certificate in --tls-cert '{certPath}' (give the key the certificate was issued for)",
            "--tls-cert", certPath, "--tls-key", otherKeyPath);
        AssertOneLine($"--tls-key '{rsaKeyPath}' cannot be used with --tls-cert '{certPath}': the key is not the certificate's ECDSA key",
            "--tls-cert", certPath, "--tls-key", rsaKeyPath);
        AssertOneLine($"--tls-cert '{keyPath}' holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)", "--tls-cert", keyPath, "--tls-key", keyPath);
        AssertOneLine($"--tls-cert '{dir.File("missing.pem")}' does not exist", "--tls-cert", dir.File("missing.pem"), "--tls-key", keyPath);
        AssertOneLine("give --tls-cert and --tls-key together (the certificate and its private key, both PEM)", "--tls-cert", certPath);
        AssertOneLine("--plain-http turns TLS off; leave out --tls-name, --tls-cert and --tls-key with it", "--plain-http", "--tls-name", "localhost");
        AssertOneLine("--tls-name 'bad_name' is not a DNS name or an IP address (e.g. flaxguard.lan or 192.0.2.10)", "--tls-name", "bad_name");
        Assert.IsFalse(Directory.Exists(Path.Combine(dir.Path, "tls")) && File.Exists(Path.Combine(dir.Path, "tls", "server.crt")), "no certificate issued for a refused command");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Serve_WithPlainHttp_StillWorks_AndWarnsInOneLine()
    {
        using var dir = new TempDir("serve-plain");
        using var serve = ServeProcess.Start(dir.Path, null, "--plain-http");
        WaitForStartLines(serve);
        Assert.AreEqual("http", serve.BaseAddress.Scheme);
        var warning = serve.Output.Split('\n').Where(l => l.Contains("warning", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, warning, serve.Output);
        Assert.AreEqual("flaxguard serve: warning: TLS is off (--plain-http): credentials travel only encrypted inside the job envelope, but reports and the dashboard are not protected.", warning[0].Trim());
        StringAssert.Contains(serve.Output, $"dashboard at http://127.0.0.1:{serve.BaseAddress.Port}/dashboard");
        using var http = serve.CreateClient(TimeSpan.FromSeconds(20));
        StringAssert.Contains(await HealthAsync(http), "\"status\":\"ok\"");
        Assert.IsFalse(Directory.Exists(Path.Combine(dir.Path, "tls")), "no CA is made for plain HTTP");
    }

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    }

    /// <summary>A server certificate for localhost and 127.0.0.1 issued by <paramref name="ca"/>, as PEM files (chain appended to the certificate).</summary>
    private static (string Cert, string Key) WriteLeaf(TempDir dir, X509Certificate2 ca, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(90), RandomNumberGenerator.GetBytes(8));
        var certPath = dir.File(name + ".crt");
        var keyPath = dir.File(name + ".key");
        File.WriteAllText(certPath, issued.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (certPath, keyPath);
    }
}
