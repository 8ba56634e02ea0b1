using System.Text.RegularExpressions;

namespace FlaxGuard.Alerts.Mqtt;

/// <summary>
/// Where MQTT alerts go. Parsed from
/// <c>mqtt://[user@]host[:port][?password-file=PATH|password-env=NAME&amp;topic-prefix=flaxguard&amp;discovery-prefix=homeassistant&amp;client-id=ID&amp;timeout=10]</c>
/// (port 1883 by default). A password in the URL is refused: it would end up in shell history and logs.
/// </summary>
public sealed partial class MqttOptions
{
    public const int DefaultPort = 1883;
    private static readonly string[] Allowed = ["password-file", "password-env", "topic-prefix", "discovery-prefix", "client-id", "timeout"];

    public MqttOptions(string host, int port = DefaultPort, string? userName = null, string? password = null,
        string topicPrefix = "flaxguard", string discoveryPrefix = "homeassistant", string? clientId = null, TimeSpan? timeout = null)
    {
        if (string.IsNullOrWhiteSpace(host)) throw new AlertConfigException("mqtt: a host is needed (example: mqtt://127.0.0.1:1883)");
        if (port is < 1 or > 65535) throw new AlertConfigException("mqtt: the port must be 1 to 65535");
        if (password is not null && userName is null) throw new AlertConfigException("mqtt: a password needs a user name (mqtt://user@host?password-file=PATH)");
        CheckTopicPrefix(topicPrefix, "topic-prefix");
        CheckTopicPrefix(discoveryPrefix, "discovery-prefix");
        clientId ??= "flaxguard-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        if (clientId.Length is < 1 or > 64 || !ClientIdPattern().IsMatch(clientId))
            throw new AlertConfigException("mqtt: client-id must be 1 to 64 letters, digits, '-' or '_'");
        Host = host;
        Port = port;
        UserName = userName;
        Password = password;
        TopicPrefix = topicPrefix;
        DiscoveryPrefix = discoveryPrefix;
        ClientId = clientId;
        Timeout = timeout ?? TimeSpan.FromSeconds(10);
    }

    public string Host { get; }
    public int Port { get; }
    public string? UserName { get; }

    /// <summary>Never printed: <see cref="ToString"/> and <see cref="Description"/> leave it out.</summary>
    public string? Password { get; }

    public string TopicPrefix { get; }
    public string DiscoveryPrefix { get; }
    public string ClientId { get; }
    public TimeSpan Timeout { get; }

    public string Description => $"mqtt {(Host.Contains(':') ? "[" + Host + "]" : Host)}:{Port}";

    public override string ToString() => Description;

    public static MqttOptions Parse(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var text = specification.Trim();
        if (text.StartsWith("mqtts://", StringComparison.OrdinalIgnoreCase))
            throw new AlertConfigException("mqtt: mqtts:// (TLS) is not supported yet; use mqtt:// on a trusted network or a local broker that bridges with TLS");
        if (!text.StartsWith("mqtt://", StringComparison.OrdinalIgnoreCase))
            throw new AlertConfigException("mqtt: the specification must start with mqtt://");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new AlertConfigException("mqtt: not a valid address (example: mqtt://flaxguard@broker.lan:1883?password-file=/etc/flaxguard/mqtt.pw)");
        if (uri.AbsolutePath is not ("" or "/") || uri.Fragment.Length > 0)
            throw new AlertConfigException("mqtt: nothing may follow host:port except ?options");
        string? user = null;
        if (uri.UserInfo.Length > 0)
        {
            if (uri.UserInfo.Contains(':'))
                throw new AlertConfigException("mqtt: do not put the password in the URL; use ?password-file=PATH or ?password-env=NAME");
            user = Uri.UnescapeDataString(uri.UserInfo);
        }
        var options = SpecOptions.Parse("mqtt", uri.Query.TrimStart('?'), Allowed);
        if (user is null && (options.Text("password-file") ?? options.Text("password-env")) is not null)
            throw new AlertConfigException("mqtt: a password needs a user name (mqtt://user@host?password-file=PATH)");
        var password = options.Secret("password-file", "password-env");
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        return new MqttOptions(uri.IdnHost.Trim('[', ']'), port, user, password,
            options.Text("topic-prefix") ?? "flaxguard",
            options.Text("discovery-prefix") ?? "homeassistant",
            options.Text("client-id"),
            TimeSpan.FromSeconds(options.Integer("timeout", 10, 1, 60)));
    }

    private static void CheckTopicPrefix(string prefix, string name)
    {
        // Topic levels made of safe characters only; no wildcards, no empty levels, no leading '$'.
        if (prefix.Length is < 1 or > 100 || !TopicPrefixPattern().IsMatch(prefix))
            throw new AlertConfigException($"mqtt: {name} must be 1 to 100 letters, digits, '-', '_' or '/' between levels");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$")]
    private static partial Regex TopicPrefixPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ClientIdPattern();
}
