using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Server.Tests.Fixtures;

/// <summary>
/// An HttpClient that trusts only the host CA of a serve data directory (<c>tls/ca.crt</c>), as an appliance does:
/// the tests talk to serve over real TLS with real certificate checking, never with validation switched off.
/// </summary>
internal static class PinnedHttp
{
    public static X509Certificate2 HostCa(string dataDirectory) =>
        X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dataDirectory, "tls", "ca.crt")));

    public static HttpClient Create(string dataDirectory, Uri baseAddress, TimeSpan timeout, bool allowRedirects = true) =>
        Create(HostCa(dataDirectory), baseAddress, timeout, allowRedirects);

    public static HttpClient Create(X509Certificate2 ca, Uri baseAddress, TimeSpan timeout, bool allowRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = allowRedirects,
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsTo(ca, certificate, errors) },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout };
    }

    /// <summary>The agent's own pin check, so the tests trust exactly what an appliance trusts.</summary>
    public static bool ChainsTo(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors) =>
        FlaxGuard.Agent.HostHttpClient.ChainsToPinnedCa(ca, certificate, errors);
}
