using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FlaxGuard.Server.Tests.Fixtures;
using FlaxGuard.Server.Tls;

namespace FlaxGuard.Server.Tests.Tls;

/// <summary>The host CA and its server certificate on disk: created once, reused, re-issued without touching the CA.</summary>
[TestClass]
public sealed class HostCertificateAuthorityTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly string[] LoopbackNames = ["127.0.0.1", "localhost"];

    private static string Tls(TempDir dir, string file) => Path.Combine(dir.Path, "tls", file);

    [TestMethod]
    public void FirstUse_CreatesTheCaAndAServerCertificate_WithTheRightNamesUsagesAndPrivateKeys()
    {
        using var dir = new TempDir("tls-first");
        var ca = HostCertificateAuthority.LoadOrCreate(dir.Path);
        Assert.IsTrue(ca.Created);
        var server = ca.EnsureServerCertificate(TlsNames.DefaultsFor(new IPEndPoint(IPAddress.Loopback, 8443)));
        Assert.AreEqual("created", server.IssuedBecause);

        // CA: self-signed P-256, a CA that may sign only end certificates, long-lived, named with its short id.
        var caCert = X509Certificate2.CreateFromPem(File.ReadAllText(Tls(dir, "ca.crt")));
        StringAssert.Matches(caCert.GetNameInfo(X509NameType.SimpleName, false), new System.Text.RegularExpressions.Regex("^FlaxGuard host CA [0-9a-f]{8}$"));
        CollectionAssert.AreEqual(caCert.SubjectName.RawData, caCert.IssuerName.RawData, "self-signed");
        var constraints = caCert.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.IsTrue(constraints.CertificateAuthority);
        Assert.IsTrue(constraints.HasPathLengthConstraint);
        Assert.AreEqual(0, constraints.PathLengthConstraint);
        Assert.AreEqual(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, caCert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.AreEqual(ECCurve.NamedCurves.nistP256.Oid.Value, caCert.GetECDsaPublicKey()!.ExportParameters(false).Curve.Oid.Value);
        Assert.IsGreaterThan(DateTime.UtcNow.AddYears(15), caCert.NotAfter.ToUniversalTime(), "the CA outlives every appliance");

        // Server certificate: the listen address and localhost, serverAuth only, about a year, signed by the CA.
        var leaf = X509Certificate2.CreateFromPem(File.ReadAllText(Tls(dir, "server.crt")));
        CollectionAssert.AreEquivalent(LoopbackNames, TlsNames.Of(leaf).ToArray());
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        CollectionAssert.AreEqual(new[] { IPAddress.Loopback }, san.EnumerateIPAddresses().ToArray());
        CollectionAssert.AreEqual(new[] { "localhost" }, san.EnumerateDnsNames().ToArray());
        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).ToArray();
        CollectionAssert.AreEqual(new[] { "1.3.6.1.5.5.7.3.1" }, eku);
        Assert.AreEqual(X509KeyUsageFlags.DigitalSignature, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.IsFalse(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.AreEqual(ECCurve.NamedCurves.nistP256.Oid.Value, leaf.GetECDsaPublicKey()!.ExportParameters(false).Curve.Oid.Value);
        var lifetime = leaf.NotAfter - leaf.NotBefore;
        Assert.IsTrue(lifetime > TimeSpan.FromDays(360) && lifetime < TimeSpan.FromDays(370), $"server certificate lifetime {lifetime}");
        Assert.IsTrue(PinnedHttp.ChainsTo(caCert, leaf, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors), "chains to the host CA");
        Assert.IsTrue(server.Certificate.HasPrivateKey, "usable by Kestrel");

        // Keys: owner-only files in an owner-only directory; the certificates may be read by anyone.
        Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(Tls(dir, "ca.key")));
        Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(Tls(dir, "server.key")));
        Assert.AreEqual(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(dir.Path, "tls")));
        StringAssert.StartsWith(File.ReadAllText(Tls(dir, "ca.key")), "-----BEGIN PRIVATE KEY-----");
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(dir.Path, "tls"), "*.new-*"), "no temporary files left");
    }

    [TestMethod]
    public void DefaultNames_FollowTheListenAddress()
    {
        CollectionAssert.AreEqual(LoopbackNames, TlsNames.DefaultsFor(IPEndPoint.Parse("127.0.0.1:8443")).ToArray());
        CollectionAssert.AreEqual(new[] { "::1", "localhost" }, TlsNames.DefaultsFor(IPEndPoint.Parse("[::1]:8443")).ToArray());
        CollectionAssert.AreEqual(new[] { "192.0.2.10" }, TlsNames.DefaultsFor(IPEndPoint.Parse("192.0.2.10:8443")).ToArray());
        var any = TlsNames.DefaultsFor(IPEndPoint.Parse("0.0.0.0:8443")).ToList();
        CollectionAssert.Contains(any, "localhost");
        CollectionAssert.Contains(any, "127.0.0.1");
        CollectionAssert.DoesNotContain(any, "0.0.0.0", "the wildcard is no name a client can use");
        Assert.IsTrue(any.All(n => !n.Contains(':')), "0.0.0.0 listens on IPv4 only: " + string.Join(", ", any));
    }

    [TestMethod]
    public void NextStart_ReusesTheCaAndTheServerCertificate_Unchanged()
    {
        using var dir = new TempDir("tls-reuse");
        var first = HostCertificateAuthority.LoadOrCreate(dir.Path);
        var issued = first.EnsureServerCertificate(LoopbackNames);
        var files = Directory.GetFiles(Path.Combine(dir.Path, "tls")).ToDictionary(f => f, File.ReadAllBytes);

        var again = HostCertificateAuthority.LoadOrCreate(dir.Path);
        Assert.IsFalse(again.Created);
        Assert.AreEqual(first.CaCertificate.Thumbprint, again.CaCertificate.Thumbprint);
        var reused = again.EnsureServerCertificate(["localhost", "127.0.0.1"]); // same names, other order
        Assert.IsNull(reused.IssuedBecause);
        Assert.AreEqual(issued.Certificate.Thumbprint, reused.Certificate.Thumbprint);
        foreach (var (path, bytes) in files) CollectionAssert.AreEqual(bytes, File.ReadAllBytes(path), $"{path} was rewritten");
    }

    [TestMethod]
    public void OtherNames_ReissueTheServerCertificate_AndKeepTheCa()
    {
        using var dir = new TempDir("tls-names");
        var ca = HostCertificateAuthority.LoadOrCreate(dir.Path);
        var before = ca.EnsureServerCertificate(LoopbackNames);
        var caBytes = File.ReadAllBytes(Tls(dir, "ca.crt"));
        var caKey = File.ReadAllBytes(Tls(dir, "ca.key"));

        var after = HostCertificateAuthority.LoadOrCreate(dir.Path).EnsureServerCertificate(["flaxguard.lan", "192.0.2.10", "[2001:db8::10]"]);
        Assert.AreEqual("re-issued for new names", after.IssuedBecause);
        Assert.AreNotEqual(before.Certificate.Thumbprint, after.Certificate.Thumbprint);
        CollectionAssert.AreEquivalent(new[] { "flaxguard.lan", "192.0.2.10", "2001:db8::10" }, TlsNames.Of(after.Certificate).ToArray());
        CollectionAssert.AreEqual(caBytes, File.ReadAllBytes(Tls(dir, "ca.crt")), "the CA certificate is kept");
        CollectionAssert.AreEqual(caKey, File.ReadAllBytes(Tls(dir, "ca.key")), "the CA key is kept");
        Assert.IsTrue(PinnedHttp.ChainsTo(ca.CaCertificate, after.Certificate, System.Net.Security.SslPolicyErrors.None), "still signed by the same CA");
        Assert.AreEqual(OwnerOnly, File.GetUnixFileMode(Tls(dir, "server.key")), "a replaced key is private too");
    }

    [TestMethod]
    public void CloseToExpiry_TheServerCertificateIsReissued_AndTheCaKept()
    {
        using var dir = new TempDir("tls-expiry");
        var now = DateTimeOffset.UtcNow;
        var ca = HostCertificateAuthority.LoadOrCreate(dir.Path, now);
        var first = ca.EnsureServerCertificate(LoopbackNames, now);
        Assert.IsNull(ca.EnsureServerCertificate(LoopbackNames, now.AddDays(300)).IssuedBecause, "300 days in: still valid for long enough");
        var renewed = HostCertificateAuthority.LoadOrCreate(dir.Path).EnsureServerCertificate(LoopbackNames, now.AddDays(350));
        Assert.AreEqual("re-issued: the old one was close to expiry", renewed.IssuedBecause);
        Assert.IsGreaterThan(first.Certificate.NotAfter.AddDays(300), renewed.Certificate.NotAfter);
        Assert.AreEqual(ca.CaCertificate.Thumbprint, HostCertificateAuthority.LoadOrCreate(dir.Path).CaCertificate.Thumbprint);
    }

    [TestMethod]
    public async Task RunningServe_RenewsItsCertificateInPlace_AndNewConnectionsGetTheNewOne()
    {
        using var dir = new TempDir("tls-renew");
        var now = DateTimeOffset.UtcNow;
        var clock = now;
        var lines = new List<string>();
        var ca = HostCertificateAuthority.LoadOrCreate(dir.Path, now);
        using var renewing = new RenewingServerCertificate(ca, ca.EnsureServerCertificate(LoopbackNames, now), null, lines.Add, () => clock);
        var first = renewing.Current;
        await using var store = new FlaxGuard.Server.Store.SqliteFlaxStore(dir.File("flaxguard.db"));
        await store.MigrateAsync(null, CancellationToken.None);
        await using var server = FlaxGuard.Server.Api.FlaxServer.Create(
            new FlaxGuard.Server.Api.ServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), CertificateSelector = () => renewing.Current },
            store, FlaxGuard.Server.Secrets.MasterKey.Ephemeral());
        await server.StartAsync(CancellationToken.None);

        async Task<string> PresentedThumbprint()
        {
            string? seen = null;
            // A new handler per call: a new connection and handshake. Only the thumbprint is looked at here (the renewed
            // certificate is dated by the test clock, in the future); trust is covered by the other tests.
            using var http = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, c, _, _) => (seen = c?.GetCertHashString()) is not null },
            });
            using var response = await http.GetAsync(new Uri(server.BaseAddress, "api/v1/health"));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            return seen!;
        }

        Assert.AreEqual(first.Thumbprint, await PresentedThumbprint());
        Assert.IsFalse(renewing.CheckNow(), "not due yet");
        Assert.AreSame(first, renewing.Current);
        Assert.IsEmpty(lines);

        clock = now.AddDays(350); // 15 days before expiry
        Assert.IsTrue(renewing.CheckNow());
        Assert.AreNotEqual(first.Thumbprint, renewing.Current.Thumbprint);
        Assert.IsGreaterThan(first.NotAfter, renewing.Current.NotAfter);
        Assert.AreEqual(renewing.Current.Thumbprint, await PresentedThumbprint(), "the running server presents the renewed certificate");
        Assert.HasCount(1, lines);
        StringAssert.Contains(lines[0], "re-issued: the old one was close to expiry");
        Assert.AreEqual(ca.CaCertificate.Thumbprint, HostCertificateAuthority.LoadOrCreate(dir.Path).CaCertificate.Thumbprint);
    }

    [TestMethod]
    public void DamagedServerCertificate_IsReissued_WhileTheCaStays()
    {
        using var dir = new TempDir("tls-damaged");
        var ca = HostCertificateAuthority.LoadOrCreate(dir.Path);
        ca.EnsureServerCertificate(LoopbackNames);
        File.WriteAllText(Tls(dir, "server.crt"), "not a certificate");
        var again = HostCertificateAuthority.LoadOrCreate(dir.Path);
        var reissued = again.EnsureServerCertificate(LoopbackNames);
        Assert.AreEqual("re-issued: the old one could not be used", reissued.IssuedBecause);
        Assert.AreEqual(ca.CaCertificate.Thumbprint, again.CaCertificate.Thumbprint);
        Assert.IsTrue(PinnedHttp.ChainsTo(ca.CaCertificate, reissued.Certificate, System.Net.Security.SslPolicyErrors.None));
    }

    [TestMethod]
    public void ProblemsWithTheFiles_AreOneClearLine_AndTheCaIsNeverSilentlyReplaced()
    {
        using var dir = new TempDir("tls-bad");
        HostCertificateAuthority.LoadOrCreate(dir.Path);

        File.SetUnixFileMode(Tls(dir, "ca.key"), OwnerOnly | UnixFileMode.OtherRead);
        var readable = Assert.ThrowsExactly<StoreException>(() => HostCertificateAuthority.LoadOrCreate(dir.Path));
        StringAssert.Contains(readable.Message, "chmod 600");
        File.SetUnixFileMode(Tls(dir, "ca.key"), OwnerOnly);

        var keyText = File.ReadAllText(Tls(dir, "ca.key"));
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256)) File.WriteAllText(Tls(dir, "ca.key"), other.ExportPkcs8PrivateKeyPem());
        var mismatch = Assert.ThrowsExactly<StoreException>(() => HostCertificateAuthority.LoadOrCreate(dir.Path));
        StringAssert.Contains(mismatch.Message, "does not belong to");
        Assert.IsFalse(mismatch.Message.Contains("PRIVATE KEY", StringComparison.Ordinal), "no key material in the message");
        File.WriteAllText(Tls(dir, "ca.key"), keyText);

        File.Delete(Tls(dir, "ca.crt"));
        var missing = Assert.ThrowsExactly<StoreException>(() => HostCertificateAuthority.LoadOrCreate(dir.Path));
        StringAssert.Contains(missing.Message, "restore both files from your backup");
        Assert.IsTrue(File.Exists(Tls(dir, "ca.key")), "the CA key is left alone");

        StringAssert.Contains(Assert.ThrowsExactly<StoreException>(() => TlsNames.Normalize(["bad name!"])).Message, "--tls-name 'bad name!' is not a DNS name or an IP address");
    }
}
