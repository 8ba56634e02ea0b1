using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Agent.Tests;

/// <summary>The host CA from the provisioning file is the only trust anchor, with certificates made by .NET's own CertificateRequest.</summary>
[TestClass]
public sealed class HostCertificatePinTests
{
    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string host, IPAddress? ip = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        if (ip is not null) san.AddIpAddress(ip);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        var serial = RandomNumberGenerator.GetBytes(8);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        // With its private key, and through PKCS#12 so SslStream on Linux can use it as a server certificate.
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A one-request HTTPS server on loopback (SslStream over a socket) presenting <paramref name="certificate"/>.</summary>
    private static async Task<(int? Status, string? Problem)> GetOverTls(X509Certificate2 serverCertificate, X509Certificate2 pinnedCa)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var server = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync(cts.Token);
            await using var tls = new SslStream(socket.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = serverCertificate }, cts.Token);
                var buffer = new byte[4096];
                _ = await tls.ReadAsync(buffer, cts.Token); // the request itself does not matter, only that one arrived
                await tls.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), cts.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                // The client refused the certificate (with TLS 1.3 only after the server's side of the handshake).
            }
        });
        using var client = HostHttpClient.Create(pinnedCa.ExportCertificatePem());
        int? status = null;
        string? problem = null;
        try
        {
            using var response = await client.GetAsync($"https://127.0.0.1:{port}/api/v1/health", cts.Token);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            problem = HostHttpClient.Describe(e);
        }
        await server;
        return (status, problem);
    }

    [TestMethod]
    public async Task RealTlsHost_WithACertificateFromThePinnedCa_IsReached()
    {
        using var ca = Ca("FlaxGuard host CA");
        using var leaf = Leaf(ca, "localhost", IPAddress.Loopback);
        Assert.AreEqual(200, (await GetOverTls(leaf, ca)).Status);
    }

    [TestMethod]
    public async Task RealTlsHost_WithACertificateFromAnotherCa_IsRefused()
    {
        using var pinned = Ca("FlaxGuard host CA");
        using var other = Ca("Somebody else");
        using var leaf = Leaf(other, "localhost", IPAddress.Loopback);
        var (status, problem) = await GetOverTls(leaf, pinned);
        Assert.IsNull(status);
        // One line that says it is the certificate (not the network), and what to do about it.
        Assert.IsNotNull(problem);
        StringAssert.StartsWith(problem, "TLS refused: the host's certificate is not from the CA pinned in the provisioning file");
        StringAssert.Contains(problem, "provision this appliance again");
        Assert.DoesNotContain("\n", problem);
    }

    [TestMethod]
    public async Task RealTlsHost_FromThePinnedCaButForAnotherName_IsRefused()
    {
        using var ca = Ca("FlaxGuard host CA");
        using var leaf = Leaf(ca, "flaxguard.lan");
        var (status, problem) = await GetOverTls(leaf, ca);
        Assert.IsNull(status, "127.0.0.1 is not in the certificate");
        StringAssert.StartsWith(problem!, "TLS refused:");
    }

    [TestMethod]
    public void CertificateFromThePinnedCa_IsAccepted()
    {
        using var ca = Ca("FlaxGuard host CA");
        using var leaf = Leaf(ca, "flaxguard.lan");
        Assert.IsTrue(HostHttpClient.ChainsToPinnedCa(X509CertificateLoader.LoadCertificate(ca.RawData), leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [TestMethod]
    public void CertificateFromAnotherCa_IsRefused()
    {
        using var pinned = Ca("FlaxGuard host CA");
        using var other = Ca("Somebody else");
        using var leaf = Leaf(other, "flaxguard.lan");
        Assert.IsFalse(HostHttpClient.ChainsToPinnedCa(X509CertificateLoader.LoadCertificate(pinned.RawData), leaf, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [TestMethod]
    public void NameMismatch_IsRefusedEvenFromThePinnedCa()
    {
        using var ca = Ca("FlaxGuard host CA");
        using var leaf = Leaf(ca, "flaxguard.lan");
        Assert.IsFalse(HostHttpClient.ChainsToPinnedCa(X509CertificateLoader.LoadCertificate(ca.RawData), leaf, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [TestMethod]
    public void DamagedCaInTheProvisioningFile_IsOneClearError()
    {
        var e = Assert.ThrowsExactly<AgentSetupException>(() => HostHttpClient.Create("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
        StringAssert.Contains(e.Message, "CA certificate");
    }
}
