using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FlaxGuard.Server.Tls;

namespace FlaxGuard.Dashboard.Tests.Fixtures;

/// <summary>
/// One host CA and server certificate (127.0.0.1, localhost) for the whole test run, made exactly as serve makes them.
/// Every <see cref="DashboardSite"/> serves HTTPS with it; chromium trusts exactly that server key (its SPKI hash
/// on the command line) and Playwright's request client (node) trusts the CA through NODE_EXTRA_CA_CERTS, so the
/// browser tests run over real, checked TLS rather than with certificate errors ignored.
/// </summary>
public static class DashboardTls
{
    private static readonly Lazy<(HostCertificateAuthority Ca, ServerCertificate Server)> Shared = new(Create);

    public static X509Certificate2 ServerCertificate => Shared.Value.Server.Certificate;

    public static X509Certificate2 Ca => Shared.Value.Ca.CaCertificate;

    public static string CaPath => Shared.Value.Ca.CaCertificatePath;

    /// <summary>base64(SHA-256(SubjectPublicKeyInfo)) of the server certificate, as chromium's --ignore-certificate-errors-spki-list wants it.</summary>
    public static string ServerSpkiHash => Convert.ToBase64String(SHA256.HashData(ServerCertificate.PublicKey.ExportSubjectPublicKeyInfo()));

    private static (HostCertificateAuthority, ServerCertificate) Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"fg-dashboard-tls-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var ca = HostCertificateAuthority.LoadOrCreate(directory);
        return (ca, ca.EnsureServerCertificate(TlsNames.DefaultsFor(new IPEndPoint(IPAddress.Loopback, 0))));
    }
}
