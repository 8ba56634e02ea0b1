using System.Text;

namespace FlaxGuard.Alerts.Syslog;

public enum SyslogTransport
{
    Udp,
    Tcp,
}

/// <summary>
/// Where syslog messages go. Parsed from <c>syslog+udp://host[:port][?facility=local0&amp;hostname=NAME]</c> or
/// <c>syslog+tcp://...</c> (port 514 by default). The facility defaults to local0: it is reserved for local use,
/// so an administrator can route FlaxGuard's alerts to their own file or forwarding rule without catching every
/// other daemon's messages (as "daemon" would).
/// </summary>
public sealed class SyslogOptions
{
    public const int DefaultPort = 514;
    private static readonly string[] Allowed = ["facility", "hostname", "timeout"];

    // RFC 5424 section 6.2.1, table 1.
    private static readonly Dictionary<string, int> Facilities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kern"] = 0, ["user"] = 1, ["mail"] = 2, ["daemon"] = 3, ["auth"] = 4, ["syslog"] = 5, ["lpr"] = 6,
        ["news"] = 7, ["uucp"] = 8, ["cron"] = 9, ["authpriv"] = 10, ["ftp"] = 11, ["ntp"] = 12, ["audit"] = 13,
        ["alert"] = 14, ["clock"] = 15, ["local0"] = 16, ["local1"] = 17, ["local2"] = 18, ["local3"] = 19,
        ["local4"] = 20, ["local5"] = 21, ["local6"] = 22, ["local7"] = 23,
    };

    public SyslogOptions(SyslogTransport transport, string host, int port = DefaultPort, int facility = 16, string? hostname = null, TimeSpan? timeout = null)
    {
        if (string.IsNullOrWhiteSpace(host)) throw new AlertConfigException("syslog: a host is needed (example: syslog+udp://127.0.0.1:514)");
        if (port is < 1 or > 65535) throw new AlertConfigException("syslog: the port must be 1 to 65535");
        if (facility is < 0 or > 23) throw new AlertConfigException("syslog: the facility must be 0 to 23");
        Transport = transport;
        Host = host;
        Port = port;
        Facility = facility;
        Hostname = SyslogFormatter.HeaderField(hostname ?? Environment.MachineName, 255);
        Timeout = timeout ?? TimeSpan.FromSeconds(5);
    }

    public SyslogTransport Transport { get; }
    public string Host { get; }
    public int Port { get; }

    /// <summary>Facility number 0-23 (RFC 5424 table 1).</summary>
    public int Facility { get; }

    /// <summary>The HOSTNAME header field ("-" when nothing printable is left).</summary>
    public string Hostname { get; }

    public TimeSpan Timeout { get; }

    public string Description => $"syslog+{(Transport == SyslogTransport.Udp ? "udp" : "tcp")} {(Host.Contains(':') ? "[" + Host + "]" : Host)}:{Port}";

    public override string ToString() => Description;

    public static SyslogOptions Parse(string specification)
    {
        ArgumentNullException.ThrowIfNull(specification);
        var text = specification.Trim();
        SyslogTransport transport;
        if (text.StartsWith("syslog+udp://", StringComparison.OrdinalIgnoreCase)) transport = SyslogTransport.Udp;
        else if (text.StartsWith("syslog+tcp://", StringComparison.OrdinalIgnoreCase)) transport = SyslogTransport.Tcp;
        else if (text.StartsWith("syslog://", StringComparison.OrdinalIgnoreCase)) transport = SyslogTransport.Udp;
        else throw new AlertConfigException("syslog: the specification must start with syslog+udp:// or syslog+tcp://");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new AlertConfigException("syslog: not a valid address (example: syslog+tcp://logs.example.net:514?facility=local0)");
        if (uri.UserInfo.Length > 0) throw new AlertConfigException("syslog: the address must not contain a user name or password");
        if (uri.AbsolutePath is not ("" or "/") || uri.Fragment.Length > 0)
            throw new AlertConfigException("syslog: nothing may follow host:port except ?options");
        var options = SpecOptions.Parse("syslog", uri.Query.TrimStart('?'), Allowed);
        var facility = 16;
        var facilityText = options.Text("facility");
        if (facilityText is not null && !Facilities.TryGetValue(facilityText, out facility))
            throw new AlertConfigException("syslog: unknown facility (use one of kern, user, mail, daemon, auth, syslog, ..., local0 to local7)");
        var hostname = options.Text("hostname");
        if (hostname is not null && (hostname.Length == 0 || SyslogFormatter.HeaderField(hostname, 255) != hostname))
            throw new AlertConfigException("syslog: hostname must be 1 to 255 printable ASCII characters without spaces");
        var timeout = options.Integer("timeout", 5, 1, 60);
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        return new SyslogOptions(transport, uri.IdnHost.Trim('[', ']'), port, facility, hostname, TimeSpan.FromSeconds(timeout));
    }
}
