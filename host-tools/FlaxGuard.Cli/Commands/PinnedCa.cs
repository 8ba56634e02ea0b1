using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server.Tls;

namespace FlaxGuard.Cli.Commands;

/// <summary>The CA certificate 'agent add' writes into a provisioning file (null for http://), with what to tell the owner.</summary>
internal sealed record PinnedCa(string? Pem, IReadOnlyList<string> Lines)
{
    public static PinnedCa For(Uri hostUrl, string? caFile, string dataDirectory)
    {
        if (hostUrl.Scheme == Uri.UriSchemeHttp)
        {
            if (caFile is not null) throw new UserInputException("--ca needs an https:// --host-url (over http:// there is no certificate to check)");
            return new PinnedCa(null, ["Note: http:// host URL: the appliance talks plain HTTP and pins no CA; run 'flaxguard serve --plain-http' for it."]);
        }
        if (caFile is not null)
        {
            var given = ReadCaFile(caFile);
            return new PinnedCa(given.ExportCertificatePem(),
                [$"Pinned CA: {given.GetNameInfo(X509NameType.SimpleName, false)} from {caFile} (SHA-256 {given.GetCertHashString(HashAlgorithmName.SHA256)[..16]}...); serve's --tls-cert must chain to it and name {hostUrl.Host}."]);
        }
        var ca = HostCertificateAuthority.LoadOrCreate(dataDirectory);
        var lines = new List<string>();
        if (ca.Created) lines.Add($"Host CA created in {ca.Directory} ('flaxguard serve' uses it); back it up with master.key: appliances pin it.");
        lines.AddRange(
        [
            $"Pinned CA: {ca.CaCertificate.GetNameInfo(X509NameType.SimpleName, false)} ({ca.CaCertificatePath}, SHA-256 {ca.Fingerprint[..16]}...); the appliance accepts only servers it signed.",
        ]);
        var serverNames = ServerCertificateNames(ca);
        if (serverNames is not null && !TlsNames.Covers(serverNames, hostUrl.Host))
            lines.Add($"Note: serve's certificate names {string.Join(", ", serverNames)} but not {hostUrl.Host}: start serve with --tls-name {hostUrl.Host.Trim('[', ']')} or the appliance will refuse it.");
        else if (serverNames is null && !TlsNames.Covers(["127.0.0.1", "::1", "localhost"], hostUrl.Host))
            lines.Add($"Note: start serve with --tls-name {hostUrl.Host.Trim('[', ']')} so its certificate names the host the appliance connects to.");
        return new PinnedCa(ca.CaCertificatePem, lines);
    }

    private static IReadOnlyList<string>? ServerCertificateNames(HostCertificateAuthority ca)
    {
        var path = Path.Combine(ca.Directory, HostCertificateAuthority.ServerCertificateFile);
        if (!File.Exists(path)) return null;
        try
        {
            using var server = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return TlsNames.Of(server);
        }
        catch (CryptographicException)
        {
            return null; // serve re-issues a damaged certificate on its next start
        }
    }

    private static X509Certificate2 ReadCaFile(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new UserInputException($"--ca '{path}' does not exist");
            if (info.Length > TlsCertificateFiles.MaxFileBytes) throw new UserInputException($"--ca '{path}' is too large to be a PEM certificate");
            certificates.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read --ca '{path}': {e.Message}");
        }
        catch (CryptographicException)
        {
            throw new UserInputException($"--ca '{path}' is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        if (certificates.Count != 1)
            throw new UserInputException($"--ca '{path}' holds {certificates.Count} certificates; give exactly the one CA certificate to pin");
        return certificates[0];
    }
}
