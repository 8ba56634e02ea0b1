using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Server.Tls;

/// <summary>
/// A certificate and key the owner brings (<c>serve --tls-cert FILE --tls-key FILE</c>): PEM, the certificate file
/// may carry the issuing chain after the server certificate, the key is unencrypted PKCS#8, PKCS#1 or SEC1 (RSA or
/// ECDSA). Every problem is one line naming the file; the key's content never appears in a message.
/// </summary>
public static class TlsCertificateFiles
{
    public const int MaxFileBytes = 256 * 1024;

    public sealed record Loaded(X509Certificate2 Certificate, X509Certificate2Collection Chain);

    public static Loaded Load(string certificatePath, string keyPath, DateTimeOffset? now = null)
    {
        var certificateText = Read(certificatePath, "--tls-cert");
        var keyText = Read(keyPath, "--tls-key");
        var chain = new X509Certificate2Collection();
        try
        {
            chain.ImportFromPem(certificateText);
        }
        catch (CryptographicException)
        {
            throw new StoreException($"--tls-cert '{certificatePath}' is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        if (chain.Count == 0) throw new StoreException($"--tls-cert '{certificatePath}' holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        if (keyText.Contains("ENCRYPTED", StringComparison.Ordinal))
            throw new StoreException($"--tls-key '{keyPath}' is encrypted; give the key unencrypted (e.g. 'openssl pkey -in key.pem -out plain.pem') and keep it mode 0600");
        if (!keyText.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            throw new StoreException($"--tls-key '{keyPath}' holds no PEM private key (expected -----BEGIN PRIVATE KEY-----)");
        var leaf = chain[0];
        X509Certificate2 withKey;
        try
        {
            withKey = X509Certificate2.CreateFromPem(leaf.ExportCertificatePem(), keyText);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new StoreException(KeyAlgorithmMatches(leaf, keyText)
                ? $"--tls-key '{keyPath}' does not belong to the certificate in --tls-cert '{certificatePath}' (give the key the certificate was issued for)"
                : $"--tls-key '{keyPath}' cannot be used with --tls-cert '{certificatePath}': the key is not the certificate's {Algorithm(leaf)} key");
        }
        var at = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        if (leaf.NotAfter.ToUniversalTime() < at) throw new StoreException($"--tls-cert '{certificatePath}' expired on {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd}; renew it");
        if (leaf.NotBefore.ToUniversalTime() > at) throw new StoreException($"--tls-cert '{certificatePath}' is not valid before {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; check the clock");
        using (withKey)
        {
            var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            var issuers = new X509Certificate2Collection();
            for (var i = 1; i < chain.Count; i++) issuers.Add(chain[i]);
            return new Loaded(usable, issuers);
        }
    }

    private static string Algorithm(X509Certificate2 certificate) => certificate.GetKeyAlgorithm() switch
    {
        "1.2.840.10045.2.1" => "ECDSA",
        "1.2.840.113549.1.1.1" => "RSA",
        var other => other,
    };

    // Whether the key is of the certificate's algorithm, to tell "wrong key" from "wrong kind of key".
    private static bool KeyAlgorithmMatches(X509Certificate2 certificate, string keyText)
    {
        try
        {
            switch (Algorithm(certificate))
            {
                case "ECDSA":
                    using (var ec = ECDsa.Create()) ec.ImportFromPem(keyText);
                    return true;
                case "RSA":
                    using (var rsa = RSA.Create()) rsa.ImportFromPem(keyText);
                    return true;
                default:
                    return false;
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static string Read(string path, string option)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new StoreException($"{option} '{path}' does not exist");
            if (info.Length > MaxFileBytes) throw new StoreException($"{option} '{path}' is larger than {MaxFileBytes / 1024} KiB; it is not a PEM file");
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot read {option} '{path}': {e.Message}");
        }
    }
}
