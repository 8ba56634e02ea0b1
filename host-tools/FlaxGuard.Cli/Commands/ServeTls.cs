using System.Net;
using System.Security.Cryptography.X509Certificates;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server.Tls;

namespace FlaxGuard.Cli.Commands;

/// <summary>How <c>flaxguard serve</c> protects its listener: the host CA's certificate (default), a brought one, or none.</summary>
internal sealed record ServeTls(X509Certificate2? Certificate, X509Certificate2Collection? Chain, IReadOnlyList<string> Lines, RenewingServerCertificate? Renewing = null) : IDisposable
{
    /// <summary>How often a running serve checks whether the host CA's server certificate is due for renewal.</summary>
    public static readonly TimeSpan RenewalCheck = TimeSpan.FromHours(12);

    public Func<X509Certificate2>? Selector => Renewing is { } renewing ? () => renewing.Current : null;

    /// <summary>The names the served certificate carries (empty for plain HTTP): requests may name any of them as their Host.</summary>
    public IReadOnlyList<string> Names => Certificate is { } certificate ? TlsNames.Of(certificate) : [];

    public void Dispose() => Renewing?.Dispose();

    public const string PlainHttpWarning =
        "flaxguard serve: warning: TLS is off (--plain-http): credentials travel only encrypted inside the job envelope, but reports and the dashboard are not protected.";

    public static ServeTls Resolve(string dataDirectory, IPEndPoint listen, IReadOnlyList<string> names, string? certFile, string? keyFile, bool plainHttp)
    {
        if (plainHttp)
        {
            if (names.Count > 0 || certFile is not null || keyFile is not null)
                throw new UserInputException("--plain-http turns TLS off; leave out --tls-name, --tls-cert and --tls-key with it");
            return new ServeTls(null, null, [PlainHttpWarning]);
        }
        if ((certFile is null) != (keyFile is null))
            throw new UserInputException("give --tls-cert and --tls-key together (the certificate and its private key, both PEM)");
        if (certFile is not null)
        {
            if (names.Count > 0) throw new UserInputException("--tls-name names the host CA's certificate; a certificate from --tls-cert carries its own names");
            var loaded = TlsCertificateFiles.Load(certFile, keyFile!);
            var certNames = TlsNames.Of(loaded.Certificate);
            return new ServeTls(loaded.Certificate, loaded.Chain,
            [
                $"flaxguard serve: TLS with the certificate from {certFile} for {(certNames.Count == 0 ? "(no subject alternative names)" : string.Join(", ", certNames))}, valid until {loaded.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}",
                "flaxguard serve: appliances must trust its issuer: enroll them with 'flaxguard agent add --ca <issuer CA PEM>'",
            ]);
        }
        var ca = HostCertificateAuthority.LoadOrCreate(dataDirectory);
        var server = ca.EnsureServerCertificate(names.Count > 0 ? names : TlsNames.DefaultsFor(listen));
        var lines = new List<string>();
        if (ca.Created)
            lines.Add($"flaxguard serve: host CA created in {ca.Directory}; back up that directory with the master key: appliances pin this CA, and without it every one must be provisioned again");
        lines.Add($"flaxguard serve: TLS with host CA \"{ca.CaCertificate.GetNameInfo(X509NameType.SimpleName, false)}\" ({ca.CaCertificatePath}, SHA-256 {ca.Fingerprint[..16]}...)");
        lines.Add($"flaxguard serve: server certificate for {string.Join(", ", server.Names)}, valid until {server.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}" +
                  (server.IssuedBecause is null ? "" : $" ({server.IssuedBecause})"));
        var renewing = new RenewingServerCertificate(ca, server, RenewalCheck, line => Console.Out.WriteLine("flaxguard serve: " + line));
        return new ServeTls(server.Certificate, null, lines, renewing);
    }
}
