namespace FlaxGuard.Alerts.Webhook;

/// <summary>
/// Where and how to POST alerts. Parsed from a specification such as
/// <c>webhook+https://hooks.example.net/flaxguard?team=ops#secret-file=/etc/flaxguard/hook.key&amp;timeout=10</c>:
/// the URL after "webhook+" is used as written (its query goes to the receiver); FlaxGuard's own options sit
/// in the fragment, which HTTP never sends: secret-file / secret-env (HMAC-SHA256 signing key) and timeout
/// (seconds per attempt, 1-120, default 10). A plain http(s):// URL is accepted too.
/// </summary>
public sealed class WebhookOptions
{
    public const string Scheme = "webhook";
    private static readonly string[] Allowed = ["secret-file", "secret-env", "timeout"];

    public WebhookOptions(Uri endpoint, byte[]? signingSecret = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            throw new AlertConfigException("webhook: the URL must start with http:// or https://");
        if (endpoint.UserInfo.Length > 0)
            throw new AlertConfigException("webhook: the URL must not contain a user name or password (sign with #secret-file=PATH instead)");
        Endpoint = endpoint;
        SigningSecret = signingSecret;
        Timeout = timeout ?? TimeSpan.FromSeconds(10);
    }

    public Uri Endpoint { get; }

    /// <summary>Shared secret for the X-FlaxGuard-Signature header; null sends unsigned requests.</summary>
    public byte[]? SigningSecret { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Kind and host:port only: paths and queries of webhook URLs often carry tokens.</summary>
    public string Description => $"webhook {Endpoint.Scheme}://{Endpoint.Authority}";

    public override string ToString() => Description;

    public static WebhookOptions Parse(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var text = specification.Trim();
        if (text.StartsWith(Scheme + "+", StringComparison.OrdinalIgnoreCase)) text = text[(Scheme.Length + 1)..];
        var hash = text.IndexOf('#');
        var fragment = hash >= 0 ? text[(hash + 1)..] : string.Empty;
        var urlText = hash >= 0 ? text[..hash] : text;
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var endpoint) || endpoint.Host.Length == 0)
            throw new AlertConfigException("webhook: not a valid http(s) URL (example: webhook+https://hooks.example.net/flaxguard#secret-file=/etc/flaxguard/hook.key)");
        var options = SpecOptions.Parse("webhook", fragment, Allowed);
        var secret = options.Secret("secret-file", "secret-env");
        var timeout = options.Integer("timeout", 10, 1, 120);
        return new WebhookOptions(endpoint, secret is null ? null : System.Text.Encoding.UTF8.GetBytes(secret), TimeSpan.FromSeconds(timeout));
    }
}
