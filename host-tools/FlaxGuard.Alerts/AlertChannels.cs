using FlaxGuard.Alerts.Mqtt;
using FlaxGuard.Alerts.Syslog;
using FlaxGuard.Alerts.Webhook;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Alerts;

/// <summary>
/// Creates a channel from a specification string (what a user writes after --alert):
/// <list type="bullet">
/// <item><c>webhook+https://hooks.example.net/path#secret-file=/etc/flaxguard/hook.key&amp;timeout=10</c> (or a plain http(s) URL)</item>
/// <item><c>syslog+udp://127.0.0.1:514?facility=local0</c>, <c>syslog+tcp://logs.lan:514?facility=daemon&amp;hostname=flaxguard-1</c></item>
/// <item><c>mqtt://flaxguard@broker.lan:1883?password-file=/etc/flaxguard/mqtt.pw&amp;topic-prefix=flaxguard&amp;discovery-prefix=homeassistant</c></item>
/// </list>
/// Mistakes give an <see cref="AlertConfigException"/> with one line for the user, which never repeats the
/// specification (it may contain tokens).
/// </summary>
public static class AlertChannels
{
    public const string Examples = "webhook+https://host/path#secret-file=PATH, syslog+udp://host:514?facility=local0, syslog+tcp://host:514, mqtt://user@host:1883?password-file=PATH";

    public static IAlertChannel Create(string specification, ILogger? logger = null)
    {
        if (string.IsNullOrWhiteSpace(specification)) throw new AlertConfigException("alert channel: the specification is empty (examples: " + Examples + ")");
        var text = specification.Trim();
        var colon = text.IndexOf(':');
        var scheme = colon > 0 ? text[..colon].ToLowerInvariant() : string.Empty;
        return scheme switch
        {
            "webhook+http" or "webhook+https" or "http" or "https" => new WebhookChannel(WebhookOptions.Parse(text)),
            "syslog" or "syslog+udp" or "syslog+tcp" => new SyslogChannel(SyslogOptions.Parse(text)),
            "mqtt" or "mqtts" => new MqttAlertChannel(MqttOptions.Parse(text), logger),
            _ => throw new AlertConfigException("alert channel: unknown kind" + (scheme.Length is > 0 and <= 20 && scheme.All(char.IsAsciiLetterOrDigit) ? " '" + scheme + "'" : "") + " (examples: " + Examples + ")"),
        };
    }

    /// <summary>Like <see cref="Create"/> but returns the one-line error instead of throwing.</summary>
    public static bool TryCreate(string specification, out IAlertChannel? channel, out string? error, ILogger? logger = null)
    {
        try
        {
            channel = Create(specification, logger);
            error = null;
            return true;
        }
        catch (AlertConfigException e)
        {
            channel = null;
            error = e.Message;
            return false;
        }
    }
}
