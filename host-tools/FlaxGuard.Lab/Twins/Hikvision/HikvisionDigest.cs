using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>How the camera judged a request's credentials.</summary>
public enum HikvisionLogin
{
    /// <summary>A valid Digest response with a live nonce.</summary>
    Accepted,
    /// <summary>No Digest credentials at all (or another scheme): challenge, nothing counted.</summary>
    Missing,
    /// <summary>The response was right but the nonce expired, was used up, or is unknown after a restart: stale=TRUE.</summary>
    Stale,
    /// <summary>Wrong user, password or realm: counted towards the lock.</summary>
    Refused,
    /// <summary>The client address is locked after too many failures; even the right password is refused.</summary>
    Locked,
    /// <summary>The credentials do not fit this request (uri, qop, algorithm, nonce count replayed).</summary>
    BadRequest,
}

/// <summary>
/// The camera's HTTP Digest (RFC 7616 as Hikvision firmware uses it: MD5, qop="auth", stale="FALSE" in every
/// challenge) with nonce expiry and the "illegal login lock": after <see cref="LockThreshold"/> failed logins from
/// one address the address is locked for <see cref="LockDuration"/> (Hikvision manuals: 7 failed attempts for admin).
/// </summary>
public sealed class HikvisionDigest
{
    private const int MaxNonces = 512;
    private readonly Dictionary<string, NonceRecord> _nonces = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, ClientRecord> _clients = [];
    private readonly object _gate = new();

    public HikvisionDigest(string realm) => Realm = realm;

    public string Realm { get; }

    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests one nonce may authorize; 0 for no limit.</summary>
    public int NonceMaxUses { get; set; }

    public int LockThreshold { get; set; } = 7;

    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed logins counted so far (all clients), for tests that check the probe does not hammer the device.</summary>
    public int FailedLogins { get; private set; }

    /// <summary>Right credentials answered stale="TRUE" so far (expired, used-up or forgotten nonces).</summary>
    public int StaleAnswers { get; private set; }

    /// <summary>Forgets every nonce (reboot, or the device replacing its session secret).</summary>
    public void ForgetNonces()
    {
        lock (_gate) _nonces.Clear();
    }

    /// <summary>Clears failure counts and locks (a reboot does).</summary>
    public void ForgetClients()
    {
        lock (_gate) _clients.Clear();
    }

    public string Challenge(bool stale)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            if (_nonces.Count >= MaxNonces)
            {
                var oldest = _nonces.MinBy(n => n.Value.Issued).Key;
                _nonces.Remove(oldest);
            }
            _nonces[nonce] = new NonceRecord { Issued = DateTimeOffset.UtcNow };
        }
        return $"Digest qop=\"auth\", realm=\"{Realm}\", nonce=\"{nonce}\", stale=\"{(stale ? "TRUE" : "FALSE")}\"";
    }

    /// <summary>Seconds left on a client's lock, 0 when it is not locked.</summary>
    public int LockSecondsLeft(IPAddress client)
    {
        lock (_gate)
        {
            if (!_clients.TryGetValue(client, out var record) || record.LockedUntil is not { } until) return 0;
            var left = until - DateTimeOffset.UtcNow;
            return left > TimeSpan.Zero ? (int)Math.Ceiling(left.TotalSeconds) : 0;
        }
    }

    public int RetriesLeft(IPAddress client)
    {
        lock (_gate) return _clients.TryGetValue(client, out var r) ? Math.Max(0, LockThreshold - r.Failures) : LockThreshold;
    }

    public HikvisionLogin Check(string? authorization, string method, string target, IPAddress client, Func<string, string?> passwordOf) =>
        Check(authorization, method, target, client, passwordOf, out _);

    /// <summary>As above, and the user name of an accepted login.</summary>
    public HikvisionLogin Check(string? authorization, string method, string target, IPAddress client, Func<string, string?> passwordOf, out string? acceptedUser)
    {
        acceptedUser = null;
        if (authorization is null || !authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) return IsLocked(client) ? HikvisionLogin.Locked : HikvisionLogin.Missing;
        if (IsLocked(client)) return HikvisionLogin.Locked;
        var p = ParseParameters(authorization["Digest ".Length..]);
        if (p is null) return HikvisionLogin.BadRequest;
        string? Get(string name) => p.TryGetValue(name, out var v) ? v : null;
        var user = Get("username");
        var realm = Get("realm");
        var nonce = Get("nonce");
        var uri = Get("uri");
        var response = Get("response");
        var qop = Get("qop");
        var nc = Get("nc");
        var cnonce = Get("cnonce");
        var algorithm = Get("algorithm");
        if (user is null || realm is null || nonce is null || uri is null || response is null) return HikvisionLogin.BadRequest;
        if (algorithm is not null && !algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase)) return HikvisionLogin.BadRequest;
        if (qop != "auth" || nc is null || cnonce is null || nc.Length != 8) return HikvisionLogin.BadRequest;
        if (!string.Equals(uri, target, StringComparison.Ordinal)) return HikvisionLogin.BadRequest;
        if (!int.TryParse(nc, System.Globalization.NumberStyles.HexNumber, null, out var count) || count < 1) return HikvisionLogin.BadRequest;

        var password = passwordOf(user);
        var ha1 = Md5Hex($"{user}:{Realm}:{password ?? string.Empty}");
        var ha2 = Md5Hex($"{method}:{uri}");
        var expected = Md5Hex($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
        var matches = password is not null && realm == Realm
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant()));
        lock (_gate)
        {
            if (!matches)
            {
                CountFailure(client);
                return HikvisionLogin.Refused;
            }
            if (!_nonces.TryGetValue(nonce, out var record) || DateTimeOffset.UtcNow - record.Issued > NonceLifetime || (NonceMaxUses > 0 && record.Uses >= NonceMaxUses))
            {
                _nonces.Remove(nonce);
                StaleAnswers++;
                return HikvisionLogin.Stale;
            }
            // A nonce count that does not rise is a replayed request.
            if (count <= record.LastCount) return HikvisionLogin.BadRequest;
            record.LastCount = count;
            record.Uses++;
            if (_clients.TryGetValue(client, out var c)) c.Failures = 0;
            acceptedUser = user;
            return HikvisionLogin.Accepted;
        }
    }

    private bool IsLocked(IPAddress client) => LockSecondsLeft(client) > 0;

    private void CountFailure(IPAddress client)
    {
        FailedLogins++;
        if (!_clients.TryGetValue(client, out var record)) _clients[client] = record = new ClientRecord();
        record.Failures++;
        if (record.Failures >= LockThreshold)
        {
            record.LockedUntil = DateTimeOffset.UtcNow + LockDuration;
            record.Failures = 0;
        }
    }

    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>auth-params (RFC 9110 11.2): token=token or token="quoted", comma separated; null when malformed.</summary>
    private static Dictionary<string, string>? ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) i++;
            if (i >= text.Length) break;
            var start = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',') i++;
            if (i >= text.Length || text[i] != '=') return null;
            var name = text[start..i].Trim();
            i++;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) return null;
                i++;
                value = sb.ToString();
            }
            else
            {
                start = i;
                while (i < text.Length && text[i] != ',') i++;
                value = text[start..i].Trim();
            }
            if (name.Length == 0 || !result.TryAdd(name, value)) return null;
        }
        return result;
    }

    private sealed class NonceRecord
    {
        public DateTimeOffset Issued { get; init; }
        public int LastCount { get; set; }
        public int Uses { get; set; }
    }

    private sealed class ClientRecord
    {
        public int Failures { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}
