using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;

namespace FlaxGuard.Server.Dashboard;

/// <summary>
/// Dashboard sessions live in a cookie, so on their own they would outlive a logout or a password change (a copied
/// cookie stays valid for hours). Each session carries an id and a stamp of the password file it was opened under:
/// a session ends for good at logout (its id is remembered here) and when the dashboard password changes (the stamp
/// no longer matches).
/// </summary>
public sealed class DashboardSessions(string passwordFile, TimeSpan lifetime)
{
    public const string SessionIdClaim = "flaxguard-session-id";
    public const string PasswordStampClaim = "flaxguard-password-stamp";

    // Ended sessions, with when they ended; forgotten once their cookie would have expired anyway.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    /// <summary>The claims of a new session opened under the current password.</summary>
    public IEnumerable<Claim> Open() =>
    [
        new(SessionIdClaim, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
        new(PasswordStampClaim, PasswordStamp()),
    ];

    public void End(ClaimsPrincipal user)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, ended) in _ended)
            if (now - ended > lifetime) _ended.TryRemove(id, out _);
        if (user.FindFirstValue(SessionIdClaim) is { } sid) _ended[sid] = now;
    }

    public bool IsValid(ClaimsPrincipal? user) =>
        user?.FindFirstValue(SessionIdClaim) is { } sid && !_ended.ContainsKey(sid)
        && user.FindFirstValue(PasswordStampClaim) is { } stamp && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(stamp), Convert.FromHexString(PasswordStamp()));

    /// <summary>A digest of the password file (a salted hash, so every new password gives a new stamp); empty when there is none.</summary>
    private string PasswordStamp()
    {
        try
        {
            return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(passwordFile)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
