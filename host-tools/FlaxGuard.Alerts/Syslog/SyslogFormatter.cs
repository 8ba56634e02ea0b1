using System.Globalization;
using System.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts.Syslog;

/// <summary>
/// Builds RFC 5424 messages:
/// <c>&lt;PRI&gt;1 TIMESTAMP HOSTNAME flaxguard PROCID FINDING [flaxguard@32473 ...] BOM sentence</c>.
///
/// Choices, with their sources:
/// - SD-ID flaxguard@32473: 32473 is the private enterprise number reserved for documentation (RFC 5612).
/// - PARAM-VALUE escaping: '"', '\' and ']' get a backslash (RFC 5424 section 6.3.3); control characters were
///   already turned into spaces by <see cref="AlertText"/>, so a device name cannot end the line.
/// - MSG starts with the UTF-8 BOM: RFC 5424 section 6.4 says a MSG encoded in UTF-8 MUST start with it, and
///   device names and sentences may be non-ASCII. Receivers that follow the RFC (rsyslog does) use it to know the
///   encoding; without it the MSG would be MSG-ANY, an unknown encoding.
/// - Severity: critical -> 2 (crit), high -> 3 (err), medium -> 4 (warning), low -> 5 (notice), info -> 6 (info);
///   a cleared finding is 5 (notice): good news should not page anyone at "crit".
/// </summary>
public static class SyslogFormatter
{
    public const string AppName = "flaxguard";
    public const string MessageId = "FINDING";
    public const string StructuredDataId = "flaxguard@32473";

    /// <summary>RFC 5426 section 3.2: every receiver must accept 480 octets and SHOULD accept 2048; stay within 2048.</summary>
    public const int MaxUdpMessageBytes = 2048;

    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static int SyslogSeverity(AlertEvent alert)
    {
        if (alert.State == AlertState.Cleared) return 5;
        return alert.Severity switch
        {
            Severity.Critical => 2,
            Severity.High => 3,
            Severity.Medium => 4,
            Severity.Low => 5,
            _ => 6,
        };
    }

    /// <summary>The whole message as bytes, at most <paramref name="maxBytes"/> long (the sentence is cut to fit).</summary>
    public static byte[] Format(AlertEvent alert, int facility, string hostname, int processId, int maxBytes = MaxUdpMessageBytes)
    {
        var priority = facility * 8 + SyslogSeverity(alert);
        var header = new StringBuilder();
        header.Append('<').Append(priority.ToString(CultureInfo.InvariantCulture)).Append(">1 ");
        header.Append(alert.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append(' ');
        header.Append(HeaderField(hostname, 255)).Append(' ');
        header.Append(AppName).Append(' ');
        header.Append(processId.ToString(CultureInfo.InvariantCulture)).Append(' ');
        header.Append(MessageId).Append(' ');
        header.Append('[').Append(StructuredDataId);
        Param(header, "state", alert.StateName);
        Param(header, "severity", alert.SeverityName);
        Param(header, "appliance", alert.ApplianceId);
        Param(header, "device-id", alert.DeviceId);
        Param(header, "device", alert.DeviceName);
        Param(header, "key", alert.FindingKey);
        Param(header, "id", alert.Id);
        header.Append("] ");
        var head = Encoding.UTF8.GetBytes(header.ToString());
        var room = maxBytes - head.Length - Bom.Length;
        if (room < 16) throw new AlertDeliveryException("syslog: the message header alone exceeds the size limit", isPermanent: true);
        var message = Encoding.UTF8.GetBytes(AlertText.TruncateUtf8(alert.Sentence, room));
        var result = new byte[head.Length + Bom.Length + message.Length];
        head.CopyTo(result, 0);
        Bom.CopyTo(result, head.Length);
        message.CopyTo(result, head.Length + Bom.Length);
        return result;
    }

    /// <summary>RFC 6587 section 3.4.1 octet counting: "MSG-LEN SP SYSLOG-MSG".</summary>
    public static byte[] OctetCounted(byte[] message)
    {
        var prefix = Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " ");
        var framed = new byte[prefix.Length + message.Length];
        prefix.CopyTo(framed, 0);
        message.CopyTo(framed, prefix.Length);
        return framed;
    }

    /// <summary>A SD-PARAM value with '"', '\' and ']' escaped (RFC 5424 section 6.3.3).</summary>
    public static string EscapeParamValue(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '"' or '\\' or ']') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>A header field: printable US-ASCII (33-126) only, at most <paramref name="maxLength"/>; "-" (NILVALUE) when empty.</summary>
    public static string HeaderField(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value)) return "-";
        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in value)
        {
            if (builder.Length == maxLength) break;
            if (c is >= (char)33 and <= (char)126) builder.Append(c);
        }
        return builder.Length == 0 ? "-" : builder.ToString();
    }

    private static void Param(StringBuilder builder, string name, string value)
    {
        builder.Append(' ').Append(name).Append("=\"").Append(EscapeParamValue(value)).Append('"');
    }
}
