using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Agent;

/// <summary>
/// The HttpClient the agent talks to its host with. When the provisioning file carries the host's CA, only
/// certificates chaining to that CA (and matching the host name) are accepted; the system store is not consulted.
/// No redirects, no cookies, no proxy from the environment: the agent talks to exactly the configured host.
/// </summary>
public static class HostHttpClient
{
    public static HttpClient Create(string? caCertificatePem)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (caCertificatePem is not null)
        {
            X509Certificate2 ca;
            try
            {
                ca = X509Certificate2.CreateFromPem(caCertificatePem);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new AgentSetupException("the CA certificate in the provisioning file cannot be read: " + e.Message);
            }
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => ChainsToPinnedCa(ca, certificate, errors),
            };
        }
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("FlaxGuard-Agent", "0.1"));
        return client;
    }

    /// <summary>
    /// One line for a failed request: a refused certificate is said as such (it is not a network problem), anything
    /// else as "cannot reach the host". Exception texts here carry no secret (the request has not been sent).
    /// </summary>
    public static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is not System.Security.Authentication.AuthenticationException tls) continue;
            // Our own callback refused it: the pinned CA did not sign it, or it names another host.
            if (tls.Message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal))
                return "TLS refused: the host's certificate is not from the CA pinned in the provisioning file or does not name the host in hostUrl; " +
                       "nothing was sent; if the host CA was re-created or the URL changed, provision this appliance again";
            return "TLS refused: the host's certificate is not trusted: " + tls.Message + "; nothing was sent";
        }
        return "cannot reach the host: " + e.Message;
    }

    /// <summary>Whether the server certificate names the host and chains to the pinned CA alone (the system's roots play no part).</summary>
    public static bool ChainsToPinnedCa(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null) return false;
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
