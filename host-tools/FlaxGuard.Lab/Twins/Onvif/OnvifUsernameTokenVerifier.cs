using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace FlaxGuard.Lab.Twins.Onvif;

/// <summary>
/// Checks a WS-Security UsernameToken the way an ONVIF camera does (OASIS Username Token Profile 1.0,
/// ONVIF Core "Authentication"): PasswordDigest = Base64(SHA-1(nonce + created + password)), recomputed with
/// .NET's own SHA-1 (independent of the engine's); Created within a window of the camera's own clock; a nonce
/// used once only within that window (replays refused). The reason is for the test's diagnostics only and
/// never carries the password.
/// </summary>
public sealed class OnvifUsernameTokenVerifier
{
    public static readonly XNamespace Secext = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static readonly XNamespace Utility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public const string Base64BinaryType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
    private const int MaxRememberedNonces = 4096;

    private readonly Dictionary<string, DateTimeOffset> _seenNonces = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>How far Created may be from the camera's clock.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Forgets the nonces seen so far (a reboot or a session flush does this on a camera).</summary>
    public void Forget()
    {
        lock (_gate) _seenNonces.Clear();
    }

    /// <summary>The authenticated user, or null with <paramref name="reason"/> saying why not.</summary>
    public OnvifUser? Verify(XElement? header, IReadOnlyList<OnvifUser> users, DateTimeOffset cameraNow, out string reason)
    {
        var token = header?.Element(Secext + "Security")?.Element(Secext + "UsernameToken");
        if (token is null)
        {
            reason = "no UsernameToken";
            return null;
        }
        var username = token.Element(Secext + "Username")?.Value;
        var password = token.Element(Secext + "Password");
        var nonceText = token.Element(Secext + "Nonce");
        var createdText = token.Element(Utility + "Created")?.Value;
        if (username is null || password is null || nonceText is null || createdText is null)
        {
            reason = "UsernameToken lacks Username, Password, Nonce or Created";
            return null;
        }
        if ((string?)password.Attribute("Type") != PasswordDigestType)
        {
            reason = "password is not a PasswordDigest";
            return null;
        }
        var encoding = (string?)nonceText.Attribute("EncodingType");
        if (encoding is not null && encoding != Base64BinaryType)
        {
            reason = "nonce encoding is not Base64Binary";
            return null;
        }
        byte[] nonce;
        try
        {
            nonce = Convert.FromBase64String(nonceText.Value.Trim());
        }
        catch (FormatException)
        {
            reason = "nonce is not Base64";
            return null;
        }
        if (nonce.Length is < 8 or > 64)
        {
            reason = "nonce length is implausible";
            return null;
        }
        if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created))
        {
            reason = "Created is not an xsd:dateTime";
            return null;
        }
        if ((created - cameraNow).Duration() > Window)
        {
            reason = $"Created is {(created - cameraNow).TotalMinutes:F0} minutes off the camera clock";
            return null;
        }
        var user = users.FirstOrDefault(u => u.Username == username);
        var expected = user is null ? null : Digest(nonce, createdText, user.Password);
        if (user is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected!), Encoding.ASCII.GetBytes(password.Value.Trim())))
        {
            reason = "digest does not match";
            return null;
        }
        lock (_gate)
        {
            foreach (var old in _seenNonces.Where(p => cameraNow - p.Value > Window + Window).Select(p => p.Key).ToList()) _seenNonces.Remove(old);
            var key = Convert.ToBase64String(nonce);
            if (_seenNonces.ContainsKey(key))
            {
                reason = "nonce replayed";
                return null;
            }
            if (_seenNonces.Count >= MaxRememberedNonces)
            {
                reason = "too many recent requests";
                return null;
            }
            _seenNonces[key] = cameraNow;
        }
        reason = "ok";
        return user;
    }

    /// <summary>Base64(SHA-1(nonce + created + password)) with .NET's SHA-1.</summary>
    public static string Digest(byte[] nonce, string created, string password)
    {
        var material = nonce.Concat(Encoding.UTF8.GetBytes(created)).Concat(Encoding.UTF8.GetBytes(password)).ToArray();
        return Convert.ToBase64String(SHA1.HashData(material));
    }
}
