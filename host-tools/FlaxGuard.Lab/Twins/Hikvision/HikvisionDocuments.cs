using System.Globalization;
using System.Security;
using System.Text;

namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>
/// The ISAPI XML documents of the lab camera, in the shapes Hikvision firmware sends (root element with
/// version="2.0" and the hikvision.com XMLSchema namespace, as in the ISAPI developer guide and published captures).
/// </summary>
internal static class HikvisionDocuments
{
    public static string DeviceInfo(HikvisionTwinState s)
    {
        var members = new List<string>
        {
            Leaf(s, "deviceName", s.DeviceName),
            Leaf(s, "deviceID", "48443030-3637-3534-3838-" + s.MacAddress.Replace(":", "", StringComparison.Ordinal)),
            Leaf(s, "model", s.Model),
            Leaf(s, "serialNumber", s.SerialNumber),
            Leaf(s, "macAddress", s.MacAddress),
            Leaf(s, "firmwareVersion", s.FirmwareVersion),
            Leaf(s, "firmwareReleasedDate", s.FirmwareReleasedDate),
            Leaf(s, "encoderVersion", s.EncoderVersion),
            Leaf(s, "encoderReleasedDate", s.EncoderReleasedDate),
            Leaf(s, "bootVersion", "V1.3.4"),
            Leaf(s, "bootReleasedDate", "100316"),
            Leaf(s, "hardwareVersion", s.HardwareVersion),
            Leaf(s, "deviceType", s.DeviceType),
            Leaf(s, "telecontrolID", "88"),
            Leaf(s, "supportBeep", "false"),
            Leaf(s, "supportVideoLoss", "false"),
        };
        if (s.Reordered) members.Reverse();
        return Document(s, "DeviceInfo", string.Concat(members));
    }

    public static string Users(HikvisionTwinState s)
    {
        var users = s.Users.ToList();
        if (s.Reordered) users.Reverse();
        var sb = new StringBuilder();
        foreach (var u in users)
        {
            sb.Append(Open(s, "User"));
            sb.Append(Leaf(s, "id", u.Id.ToString(CultureInfo.InvariantCulture)));
            sb.Append(Leaf(s, "userName", u.Name));
            sb.Append(Leaf(s, "userLevel", s.WhitespaceAndCase ? u.Level.ToLowerInvariant() : u.Level));
            sb.Append("</User>").Append(Newline(s));
        }
        return Document(s, "UserList", sb.ToString());
    }

    public static string Interfaces(HikvisionTwinState s)
    {
        string wired = Interface(s, "1", s.Addressing, s.IpAddress, s.Gateway, s.PrimaryDns, s.SecondaryDns, s.MacAddress);
        string wireless = Interface(s, "2", "dynamic", s.WirelessIpAddress, "198.51.100.1", s.WirelessPrimaryDns, s.WirelessSecondaryDns, s.WirelessMac);
        return Document(s, "NetworkInterfaceList", s.Reordered ? wireless + wired : wired + wireless);
    }

    private static string Interface(HikvisionTwinState s, string id, string addressing, string address, string gateway, string primaryDns, string secondaryDns, string mac)
    {
        var dns = new StringBuilder()
            .Append("<PrimaryDNS>").Append(Leaf(s, "ipAddress", primaryDns)).Append("</PrimaryDNS>").Append(Newline(s))
            .Append("<SecondaryDNS>").Append(Leaf(s, "ipAddress", secondaryDns)).Append("</SecondaryDNS>").Append(Newline(s));
        var ip = new StringBuilder()
            .Append(Open(s, "IPAddress"))
            .Append(Leaf(s, "ipVersion", "dual"))
            .Append(Leaf(s, "addressingType", s.WhitespaceAndCase ? addressing.ToUpperInvariant() : addressing))
            .Append(Leaf(s, "ipAddress", address))
            .Append(Leaf(s, "subnetMask", "255.255.255.0"))
            .Append(Leaf(s, "ipV6AddressingType", "ra"))
            .Append("<DefaultGateway>").Append(Leaf(s, "ipAddress", gateway)).Append("</DefaultGateway>").Append(Newline(s))
            .Append(dns)
            .Append("<Ipv6Mode>").Append(Leaf(s, "ipV6AddressingType", "ra")).Append("<ipv6AddressList><v6Address>")
            .Append(Leaf(s, "id", "1")).Append(Leaf(s, "type", "manual")).Append(Leaf(s, "address", "::")).Append(Leaf(s, "bitMask", "0"))
            .Append("</v6Address></ipv6AddressList></Ipv6Mode>").Append(Newline(s))
            .Append("</IPAddress>").Append(Newline(s));
        var link = new StringBuilder()
            .Append(Open(s, "Link"))
            .Append(Leaf(s, "MACAddress", mac))
            .Append(Leaf(s, "autoNegotiation", "true"))
            .Append(Leaf(s, "speed", s.LinkSpeed.ToString(CultureInfo.InvariantCulture)))
            .Append(Leaf(s, "duplex", "full"))
            .Append(Leaf(s, "MTU", "1500"))
            .Append("</Link>").Append(Newline(s));
        return new StringBuilder()
            .Append(Open(s, "NetworkInterface"))
            .Append(Leaf(s, "id", id))
            .Append(s.Reordered ? link.ToString() + ip : ip.ToString() + link)
            .Append("</NetworkInterface>").Append(Newline(s))
            .ToString();
    }

    public static string Switch(HikvisionTwinState s, string root, bool enabled) =>
        Document(s, root, Leaf(s, "enabled", Boolean(s, enabled)));

    public static string Cloud(HikvisionTwinState s)
    {
        var body = new StringBuilder()
            .Append(Leaf(s, "enabled", Boolean(s, s.CloudEnabled)))
            .Append(Leaf(s, "registerStatus", Boolean(s, s.CloudEnabled && s.CloudRegistered)))
            .Append("<serverAddress>").Append(Newline(s))
            .Append(Leaf(s, "addressingFormatType", "hostname"))
            .Append(Leaf(s, "hostName", s.WhitespaceAndCase ? s.CloudServer.ToUpperInvariant() : s.CloudServer))
            .Append("</serverAddress>").Append(Newline(s))
            .Append(Leaf(s, "verificationCode", ""))
            .Append(Leaf(s, "bindStatus", s.CloudEnabled && s.CloudRegistered ? "bind" : "unbind"));
        return Document(s, "EZVIZ", body.ToString());
    }

    /// <summary>GET /ISAPI/System/Network/Ehome: ISUP (EHome) platform access; the key is write-only and never shown.</summary>
    public static string Ehome(HikvisionTwinState s) =>
        Document(s, "Ehome", new StringBuilder()
            .Append(Leaf(s, "enabled", Boolean(s, s.IsupEnabled)))
            .Append(Leaf(s, "addressingFormatType", "ipaddress"))
            .Append(Leaf(s, "ipAddress", s.IsupServer))
            .Append(Leaf(s, "portNo", s.IsupPort.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(Leaf(s, "deviceID", "lobby-cam"))
            .Append(Leaf(s, "registerStatus", Boolean(s, s.IsupEnabled && s.CloudRegistered)))
            .Append(Leaf(s, "version", "v5.0")).ToString());

    public static string Upnp(HikvisionTwinState s) =>
        Document(s, "UPnP", Leaf(s, "enabled", Boolean(s, s.UpnpEnabled)) + Leaf(s, "name", s.DeviceName));

    /// <summary>GET /ISAPI/Event/notification/httpHosts: where alarms are pushed.</summary>
    public static string HttpHosts(HikvisionTwinState s)
    {
        var hosts = s.PushHosts.Select((h, i) => (h, i)).ToList();
        if (s.Reordered) hosts.Reverse();
        var sb = new StringBuilder();
        foreach (var (h, i) in hosts)
        {
            sb.Append("<HttpHostNotification>").Append(Newline(s))
                .Append(Leaf(s, "id", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(Leaf(s, "url", h.Url))
                .Append(Leaf(s, "protocolType", s.WhitespaceAndCase ? "http" : "HTTP"))
                .Append(Leaf(s, "parameterFormatType", "XML"))
                .Append(Leaf(s, "addressingFormatType", "ipaddress"))
                .Append(Leaf(s, "ipAddress", h.Address))
                .Append(Leaf(s, "portNo", h.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(Leaf(s, "httpAuthenticationMethod", "none"))
                .Append("</HttpHostNotification>").Append(Newline(s));
        }
        return Document(s, "HttpHostNotificationList", sb.ToString());
    }

    public static string Ddns(HikvisionTwinState s) =>
        Document(s, "DDNSList", new StringBuilder().Append("<DDNS>").Append(Newline(s))
            .Append(Leaf(s, "id", "1"))
            .Append(Leaf(s, "enabled", Boolean(s, s.DdnsEnabled)))
            .Append(Leaf(s, "provider", s.WhitespaceAndCase ? "HIDDNS" : "HiDDNS"))
            .Append("<serverAddress>").Append(Newline(s))
            .Append(Leaf(s, "addressingFormatType", "hostname"))
            .Append(Leaf(s, "hostName", s.WhitespaceAndCase ? s.DdnsServer.ToUpperInvariant() : s.DdnsServer))
            .Append("</serverAddress>").Append(Newline(s))
            .Append(Leaf(s, "portNo", "0"))
            .Append(Leaf(s, "deviceDomainName", "lobbycam"))
            .Append("</DDNS>").Append(Newline(s)).ToString());

    public static string RtspCertificate(HikvisionTwinState s) =>
        Document(s, "RTSPCertificate", Leaf(s, "certificateType", s.WhitespaceAndCase ? s.RtspAuth.ToUpperInvariant() : s.RtspAuth));

    public static string NtpServers(HikvisionTwinState s)
    {
        var servers = s.NtpServers.ToList();
        if (s.Reordered) servers.Reverse();
        var sb = new StringBuilder();
        foreach (var n in servers)
        {
            sb.Append(Open(s, "NTPServer"));
            sb.Append(Leaf(s, "id", n.Id.ToString(CultureInfo.InvariantCulture)));
            sb.Append(Leaf(s, "addressingFormatType", n.ByHostName ? "hostname" : "ipaddress"));
            if (n.ByHostName) sb.Append(Leaf(s, "hostName", s.WhitespaceAndCase ? n.Server.ToUpperInvariant() : n.Server));
            else sb.Append(Leaf(s, "ipAddress", n.Server));
            sb.Append(Leaf(s, "portNo", "123"));
            sb.Append(Leaf(s, "synchronizeInterval", "1440"));
            sb.Append("</NTPServer>").Append(Newline(s));
        }
        return Document(s, "NTPServerList", sb.ToString());
    }

    public static string Time(HikvisionTwinState s, DateTimeOffset now)
    {
        var local = (now + s.ClockOffset).ToOffset(TimeSpan.FromHours(1));
        var body = new StringBuilder()
            .Append(Leaf(s, "timeMode", s.WhitespaceAndCase ? s.TimeMode.ToLowerInvariant() : s.TimeMode))
            .Append(Leaf(s, "localTime", local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)))
            .Append(Leaf(s, "timeZone", s.TimeZone));
        return Document(s, "Time", body.ToString());
    }

    public static string Status(HikvisionTwinState s, DateTimeOffset now)
    {
        var body = new StringBuilder()
            .Append(Leaf(s, "currentDeviceTime", (now + s.ClockOffset).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)))
            .Append(Leaf(s, "deviceUpTime", ((long)(now - s.BootTime).TotalSeconds).ToString(CultureInfo.InvariantCulture)))
            .Append("<CPUList><CPU>").Append(Leaf(s, "cpuDescription", "ARM")).Append(Leaf(s, "cpuUtilization", s.CpuUtilization.ToString(CultureInfo.InvariantCulture))).Append("</CPU></CPUList>")
            .Append("<MemoryList><Memory>").Append(Leaf(s, "memoryDescription", "DDR Memory"))
            .Append(Leaf(s, "memoryUsage", s.MemoryUsage.ToString("0.0", CultureInfo.InvariantCulture))).Append("</Memory></MemoryList>")
            .Append(Leaf(s, "netPacketsReceived", s.PacketsReceived.ToString(CultureInfo.InvariantCulture)));
        return Document(s, "DeviceStatus", body.ToString());
    }

    /// <summary>ISAPI's error report: statusCode 1 OK ... 4 Invalid Operation, with a subStatusCode such as notSupport.</summary>
    public static string ResponseStatus(string requestUrl, int statusCode, string statusString, string subStatusCode) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ResponseStatus version=\"2.0\" xmlns=\"" + HikvisionTwinState.Ver20Namespace + "\">\n"
        + "<requestURL>" + SecurityElement.Escape(requestUrl) + "</requestURL>\n"
        + "<statusCode>" + statusCode.ToString(CultureInfo.InvariantCulture) + "</statusCode>\n"
        + "<statusString>" + statusString + "</statusString>\n"
        + "<subStatusCode>" + subStatusCode + "</subStatusCode>\n</ResponseStatus>\n";

    /// <summary>The answer of /ISAPI/Security/userCheck to a valid login (what the web client calls to test a password).</summary>
    public static readonly string UserCheckOk =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<userCheck version=\"2.0\" xmlns=\"" + HikvisionTwinState.Ver20Namespace + "\">\n"
        + "<statusValue>200</statusValue>\n<statusString>OK</statusString>\n</userCheck>\n";

    /// <summary>The body firmware 5.x sends with a refused login: lock state and how many attempts are left.</summary>
    public static string UserCheck(bool locked, int unlockSeconds, int retriesLeft) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<userCheck version=\"2.0\" xmlns=\"" + HikvisionTwinState.Ver20Namespace + "\">\n"
        + "<statusValue>401</statusValue>\n<statusString>Unauthorized</statusString>\n"
        + "<lockStatus>" + (locked ? "lock" : "unlock") + "</lockStatus>\n"
        + "<unlockTime>" + unlockSeconds.ToString(CultureInfo.InvariantCulture) + "</unlockTime>\n"
        + "<retryLoginTime>" + retriesLeft.ToString(CultureInfo.InvariantCulture) + "</retryLoginTime>\n</userCheck>\n";

    /// <summary>The web server's page for a request without credentials.</summary>
    public const string UnauthorizedPage =
        "<!DOCTYPE html>\n<html><head><title>Document Error: Unauthorized</title></head>\n"
        + "<body><h2>Access Error: 401 -- Unauthorized</h2>\n<p>Authentication Error</p>\n</body>\n</html>\n";

    private static string Document(HikvisionTwinState s, string root, string body)
    {
        var ns = s.WhitespaceAndCase ? HikvisionTwinState.Ver10Namespace : HikvisionTwinState.Ver20Namespace;
        var version = s.WhitespaceAndCase ? "1.0" : "2.0";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Newline(s) + "<" + root + " version=\"" + version + "\" xmlns=\"" + ns + "\">" + Newline(s)
            + body + "</" + root + ">" + Newline(s);
    }

    private static string Open(HikvisionTwinState s, string name)
    {
        var ns = s.WhitespaceAndCase ? HikvisionTwinState.Ver10Namespace : HikvisionTwinState.Ver20Namespace;
        return "<" + name + " version=\"2.0\" xmlns=\"" + ns + "\">" + Newline(s);
    }

    private static string Leaf(HikvisionTwinState s, string name, string value)
    {
        var text = SecurityElement.Escape(value) ?? string.Empty;
        // Pretty-printed firmware puts values on their own indented line; the value itself is unchanged.
        if (s.WhitespaceAndCase && text.Length > 0) text = "\r\n\t  " + text + "  \r\n";
        return "<" + name + ">" + text + "</" + name + ">" + Newline(s);
    }

    private static string Boolean(HikvisionTwinState s, bool value) =>
        s.WhitespaceAndCase ? (value ? "TRUE" : "False") : (value ? "true" : "false");

    private static string Newline(HikvisionTwinState s) => s.WhitespaceAndCase ? "\r\n" : "\n";
}
