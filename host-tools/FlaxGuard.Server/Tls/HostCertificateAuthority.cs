using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Server.Tls;

/// <summary>
/// The host's private certificate authority in <c>&lt;data dir&gt;/tls/</c>: <c>ca.crt</c>/<c>ca.key</c> (ECDSA P-256,
/// 20 years) and the server certificate <c>server.crt</c>/<c>server.key</c> it signs (ECDSA P-256, one year,
/// serverAuth, the names appliances reach the host at). Keys are PKCS#8 PEM, mode 0600, never printed.
/// Appliances pin <c>ca.crt</c> (from the provisioning file), so the CA is created once and kept: a new CA would
/// strand every enrolled appliance. The server certificate is re-issued freely (near expiry, or for other names).
/// </summary>
public sealed class HostCertificateAuthority
{
    public const string DirectoryName = "tls";
    public const string CaCertificateFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string ServerCertificateFile = "server.crt";
    public const string ServerKeyFile = "server.key";

    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(20 * 365);
    public static readonly TimeSpan ServerValidity = TimeSpan.FromDays(365);

    /// <summary>A server certificate with less than this left is re-issued on the next start.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _directory;

    private HostCertificateAuthority(string directory, X509Certificate2 caCertificate, bool created)
    {
        _directory = directory;
        CaCertificate = caCertificate;
        Created = created;
    }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>True when this call created the CA.</summary>
    public bool Created { get; }

    public string Directory => _directory;

    public string CaCertificatePath => Path.Combine(_directory, CaCertificateFile);

    public string CaCertificatePem => CaCertificate.ExportCertificatePem();

    /// <summary>The random id in the CA's name ("FlaxGuard host CA 1a2b3c4d"): tells two hosts' CAs apart at a glance.</summary>
    public string ShortId => CaCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Split(' ')[^1];

    /// <summary>SHA-256 fingerprint of the CA certificate, for comparing with what an appliance pins.</summary>
    public string Fingerprint => CaCertificate.GetCertHashString(HashAlgorithmName.SHA256);

    public static string DirectoryIn(string dataDirectory) => Path.Combine(dataDirectory, DirectoryName);

    /// <summary>Loads the CA from <paramref name="dataDirectory"/>, creating it on first use.</summary>
    public static HostCertificateAuthority LoadOrCreate(string dataDirectory, DateTimeOffset? now = null)
    {
        var directory = DirectoryIn(dataDirectory);
        System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, PrivateDirectory);
        var certPath = Path.Combine(directory, CaCertificateFile);
        var keyPath = Path.Combine(directory, CaKeyFile);
        if (File.Exists(certPath) || File.Exists(keyPath)) return Existing(directory, certPath, keyPath);

        var issuedAt = (now ?? DateTimeOffset.UtcNow).AddMinutes(-5); // tolerate appliances whose clock is a little behind
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // The short id is taken from a random value here (the certificate hash does not exist yet) and kept in the name.
        var request = new CertificateRequest($"CN=FlaxGuard host CA {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}, O=FlaxGuard", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var ca = request.CreateSelfSigned(issuedAt, issuedAt + CaValidity);
        try
        {
            // Key first, then certificate: a crash in between leaves a key without certificate, which is refused loudly rather than silently replaced.
            WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
            WritePublic(certPath, ca.ExportCertificatePem());
        }
        catch (IOException) when (File.Exists(certPath))
        {
            // Another process created it at the same moment: use theirs.
            return Existing(directory, certPath, keyPath);
        }
        return new HostCertificateAuthority(directory, X509CertificateLoader.LoadCertificate(ca.RawData), created: true);
    }

    private static HostCertificateAuthority Existing(string directory, string certPath, string keyPath)
    {
        var pair = LoadPair(certPath, keyPath, "host CA");
        pair.Key.Dispose();
        return new HostCertificateAuthority(directory, pair.Certificate, created: false);
    }

    /// <summary>
    /// The server certificate for <paramref name="names"/> with its private key, usable by Kestrel. Re-issued
    /// (and written) when missing, for other names, from another CA, or within <see cref="RenewBefore"/> of expiry.
    /// </summary>
    public ServerCertificate EnsureServerCertificate(IReadOnlyList<string> names, DateTimeOffset? now = null)
    {
        var wanted = TlsNames.Normalize(names);
        var at = now ?? DateTimeOffset.UtcNow;
        var certPath = Path.Combine(_directory, ServerCertificateFile);
        var keyPath = Path.Combine(_directory, ServerKeyFile);
        string? why = null;
        if (!File.Exists(certPath) || !File.Exists(keyPath)) why = "created";
        else
        {
            X509Certificate2? existing;
            try
            {
                var pair = LoadPair(certPath, keyPath, "host server certificate");
                pair.Key.Dispose();
                existing = pair.Certificate;
            }
            catch (StoreException)
            {
                existing = null; // unlike the CA, the server certificate is cheap to replace
            }
            if (existing is null) why = "re-issued: the old one could not be used";
            else if (!IssuedByThisCa(existing)) why = "re-issued: it was not signed by this host CA";
            else if (!TlsNames.SameSet(TlsNames.Of(existing), wanted)) why = "re-issued for new names";
            else if (existing.NotAfter.ToUniversalTime() - at.UtcDateTime < RenewBefore) why = "re-issued: the old one was close to expiry";
            else if (existing.NotBefore.ToUniversalTime() > at.UtcDateTime) why = "re-issued: the old one was not valid yet";
            else return new ServerCertificate(LoadForServer(existing, keyPath), wanted, null);
        }
        Issue(wanted, at, certPath, keyPath);
        var issued = LoadPair(certPath, keyPath, "host server certificate");
        issued.Key.Dispose();
        return new ServerCertificate(LoadForServer(issued.Certificate, keyPath), wanted, why);
    }

    private bool IssuedByThisCa(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid; // expiry is decided above, with the caller's clock
        return chain.Build(certificate);
    }

    private void Issue(IReadOnlyList<string> names, DateTimeOffset at, string certPath, string keyPath)
    {
        using var caKey = LoadCaKey();
        using var caWithKey = CaCertificate.CopyWithPrivateKey(caKey);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names[0]}, O=FlaxGuard", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(CaCertificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var issuedAt = at.AddMinutes(-5);
        var notAfter = issuedAt + ServerValidity;
        if (notAfter > CaCertificate.NotAfter) notAfter = CaCertificate.NotAfter;
        using var issued = request.Create(caWithKey, issuedAt, notAfter, RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7F) : b).ToArray());
        // Replace, never edit in place: a reader sees the old pair or the new one.
        ReplacePrivate(keyPath, key.ExportPkcs8PrivateKeyPem());
        ReplacePublic(certPath, issued.ExportCertificatePem());
    }

    private ECDsa LoadCaKey()
    {
        var keyPath = Path.Combine(_directory, CaKeyFile);
        return LoadPair(Path.Combine(_directory, CaCertificateFile), keyPath, "host CA").Key;
    }

    private static X509Certificate2 LoadForServer(X509Certificate2 certificate, string keyPath)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        using var withKey = certificate.CopyWithPrivateKey(key);
        // Through PKCS#12 so the TLS stack gets a certificate whose key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    private sealed record Pair(X509Certificate2 Certificate, ECDsa Key);

    private static Pair LoadPair(string certPath, string keyPath, string what)
    {
        if (!File.Exists(certPath)) throw new StoreException($"{certPath} is missing but {keyPath} exists: the {what} is incomplete; restore both files from your backup");
        if (!File.Exists(keyPath)) throw new StoreException($"{keyPath} is missing but {certPath} exists: the {what} is incomplete; restore both files from your backup");
        CheckPrivate(keyPath);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        }
        catch (CryptographicException)
        {
            throw new StoreException($"{certPath} is not a PEM certificate (the {what} is damaged; restore it from your backup)");
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new StoreException($"{keyPath} is not a PEM ECDSA private key (the {what} is damaged; restore it from your backup)");
        }
        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null || !publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            key.Dispose();
            throw new StoreException($"{keyPath} does not belong to {certPath} (the {what} files were mixed up; restore both from your backup)");
        }
        return new Pair(certificate, key);
    }

    private static void CheckPrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            throw new StoreException($"{path} is readable by other users; run 'chmod 600 {path}'");
    }

    private static void WritePrivate(string path, string pem) => Write(path, pem, PrivateFile, FileMode.CreateNew);

    private static void WritePublic(string path, string pem) =>
        Write(path, pem, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead, FileMode.CreateNew);

    private static void ReplacePrivate(string path, string pem) => Replace(path, pem, PrivateFile);

    private static void ReplacePublic(string path, string pem) => Replace(path, pem, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    private static void Replace(string path, string pem, UnixFileMode mode)
    {
        var temporary = path + ".new-" + Environment.ProcessId;
        File.Delete(temporary);
        Write(temporary, pem, mode, FileMode.CreateNew);
        File.Move(temporary, path, overwrite: true);
    }

    private static void Write(string path, string pem, UnixFileMode mode, FileMode fileMode)
    {
        var options = new FileStreamOptions { Mode = fileMode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using var stream = new FileStream(path, options);
        var bytes = System.Text.Encoding.ASCII.GetBytes(pem + "\n");
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
        Array.Clear(bytes);
    }
}

/// <summary>A server certificate with its key, the names it carries, and why it was (re-)issued now (null when reused).</summary>
public sealed record ServerCertificate(X509Certificate2 Certificate, IReadOnlyList<string> Names, string? IssuedBecause);
