using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Server.Tls;

/// <summary>
/// The host CA's server certificate for a long-running serve: checked every <c>checkEvery</c> and re-issued in place
/// (new TLS handshakes get the new one) when <see cref="HostCertificateAuthority.EnsureServerCertificate"/> says so,
/// so a serve that runs for more than a year never presents an expired certificate.
/// </summary>
public sealed class RenewingServerCertificate : IDisposable
{
    private readonly HostCertificateAuthority _ca;
    private readonly IReadOnlyList<string> _names;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Action<string> _log;
    private readonly Timer? _timer;
    private X509Certificate2 _current;

    public RenewingServerCertificate(HostCertificateAuthority ca, ServerCertificate initial, TimeSpan? checkEvery, Action<string> log, Func<DateTimeOffset>? clock = null)
    {
        _ca = ca;
        _names = initial.Names;
        _current = initial.Certificate;
        _log = log;
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
        if (checkEvery is { } every) _timer = new Timer(_ => CheckNow(), null, every, every);
    }

    /// <summary>The certificate new connections get.</summary>
    public X509Certificate2 Current => Volatile.Read(ref _current);

    /// <summary>Re-issues when due; true when the certificate changed. Problems are logged, the old certificate stays.</summary>
    public bool CheckNow()
    {
        ServerCertificate checkedNow;
        try
        {
            checkedNow = _ca.EnsureServerCertificate(_names, _clock());
        }
        catch (Exception e) when (e is StoreException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            _log($"could not renew the server certificate (the current one stays, valid until {Current.NotAfter.ToUniversalTime():yyyy-MM-dd}): {e.Message}");
            return false;
        }
        if (checkedNow.IssuedBecause is null)
        {
            checkedNow.Certificate.Dispose();
            return false;
        }
        // The old certificate is not disposed: a handshake in progress may still be using it.
        Volatile.Write(ref _current, checkedNow.Certificate);
        _log($"server certificate {checkedNow.IssuedBecause}, valid until {checkedNow.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        return true;
    }

    public void Dispose() => _timer?.Dispose();
}
