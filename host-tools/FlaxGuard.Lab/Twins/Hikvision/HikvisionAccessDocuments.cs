using System.Globalization;
using System.Security;
using System.Text;

namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>
/// Issue 13's ISAPI documents of the lab camera: ONVIF accounts (GET /ISAPI/Security/ONVIF/users), the brute-force lock
/// (Security/illegalLoginLock), the IP address filter (System/Network/ipFilter), protocol ports (Security/adminAccesses),
/// SNMP (System/Network/SNMP), FTP (System/Network/ftp), e-mail (System/Network/mailing) and network storage
/// (ContentMgmt/Storage/nas), in the element shapes of the ISAPI developer guide and published captures. Secrets
/// (passwords, communities) are served empty, as the firmware does with security=0.
/// </summary>
internal static class HikvisionAccessDocuments
{
    public static string OnvifUsers(HikvisionTwinState s)
    {
        var users = s.OnvifUsers.Select((u, i) => (u, i)).ToList();
        if (s.Reordered) users.Reverse();
        var sb = new StringBuilder();
        foreach (var (u, i) in users)
        {
            sb.Append("<User>").Append(Nl(s))
                .Append(Leaf(s, "id", Text(i + 1)))
                .Append(Leaf(s, "userName", u.Name))
                .Append(Leaf(s, "userType", u.Type))
                .Append("</User>").Append(Nl(s));
        }
        return Document(s, "UserList", sb.ToString());
    }

    public static string LoginLock(HikvisionTwinState s) =>
        Document(s, "IllegalLoginLock", Leaf(s, "enabled", Bool(s, s.LoginLockEnabled)) + Leaf(s, "maxIllegalLoginTimes", "5") + Leaf(s, "maxIllegalLoginLockTime", "1800"));

    public static string IpFilter(HikvisionTwinState s)
    {
        var addresses = s.IpFilterAddresses.Select((a, i) => (a, i)).ToList();
        if (s.Reordered) addresses.Reverse();
        var sb = new StringBuilder().Append(Leaf(s, "enabled", Bool(s, s.IpFilterEnabled))).Append(Leaf(s, "permissionType", "allow"))
            .Append("<IPFilterAddressList size=\"32\">").Append(Nl(s));
        foreach (var (a, i) in addresses)
        {
            sb.Append("<IPFilterAddress>").Append(Nl(s))
                .Append(Leaf(s, "id", Text(i + 1)))
                .Append(Leaf(s, "permissionType", "allow"))
                .Append(Leaf(s, "addressFilterType", "mask"))
                .Append("<AddressMask>").Append(Leaf(s, "ipAddress", a)).Append("</AddressMask>").Append(Nl(s))
                .Append("</IPFilterAddress>").Append(Nl(s));
        }
        return Document(s, "IPFilter", sb.Append("</IPFilterAddressList>").Append(Nl(s)).ToString());
    }

    public static string AdminAccesses(HikvisionTwinState s)
    {
        var protocols = s.AdminAccesses.Select((p, i) => (p, i)).ToList();
        if (s.Reordered) protocols.Reverse();
        var sb = new StringBuilder();
        foreach (var (p, i) in protocols)
        {
            sb.Append("<AdminAccessProtocol>").Append(Nl(s))
                .Append(Leaf(s, "id", Text(i + 1)))
                .Append(Leaf(s, "enabled", Bool(s, true)))
                .Append(Leaf(s, "protocol", s.WhitespaceAndCase ? p.Protocol.ToLowerInvariant() : p.Protocol))
                .Append(Leaf(s, "portNo", Text(p.Port)))
                .Append("</AdminAccessProtocol>").Append(Nl(s));
        }
        return Document(s, "AdminAccessProtocolList", sb.ToString());
    }

    public static string Snmp(HikvisionTwinState s)
    {
        static string Version(HikvisionTwinState s, string name, bool enabled) =>
            "<" + name + ">" + Nl(s) + Leaf(s, "enabled", Bool(s, enabled)) + Leaf(s, "writeCommunity", "") + Leaf(s, "readCommunity", "") + "</" + name + ">" + Nl(s);
        return Document(s, "SNMP", Version(s, "SNMPv1c", false) + Version(s, "SNMPv2c", s.SnmpV2cEnabled)
            + "<SNMPAdvanced>" + Nl(s) + Leaf(s, "localEngineID", "e0ca3cb6482a") + Leaf(s, "enabled", Bool(s, false)) + "</SNMPAdvanced>" + Nl(s)
            + Leaf(s, "listenPort", "161"));
    }

    public static string Ftp(HikvisionTwinState s) =>
        Document(s, "FTPNotificationList", "<FTPNotification>" + Nl(s)
            + Leaf(s, "id", "1") + Leaf(s, "enabled", Bool(s, s.Ftp.Enabled)) + Leaf(s, "addressingFormatType", "ipaddress")
            + Leaf(s, "ipAddress", s.Ftp.Address) + Leaf(s, "portNo", Text(s.Ftp.Port)) + Leaf(s, "userName", "") + Leaf(s, "password", "")
            + "<uploadPath>" + Leaf(s, "pathDepth", "0") + "</uploadPath>" + Nl(s)
            + "</FTPNotification>" + Nl(s));

    public static string Mailing(HikvisionTwinState s)
    {
        var receivers = s.MailReceivers.Concat(["", ""]).Select((r, i) => (r, i)).ToList();
        if (s.Reordered) receivers.Reverse();
        var sb = new StringBuilder("<mailing>").Append(Nl(s)).Append(Leaf(s, "id", "1"))
            .Append("<sender>").Append(Leaf(s, "name", "Lobby Camera")).Append(Leaf(s, "emailAddress", "camera@office.example"))
            .Append("<smtp>").Append(Leaf(s, "enableAuthorization", Bool(s, true))).Append(Leaf(s, "enableSSL", Bool(s, true)))
            .Append(Leaf(s, "addressingFormatType", "hostname")).Append(Leaf(s, "hostName", s.WhitespaceAndCase ? s.SmtpServer.ToUpperInvariant() : s.SmtpServer))
            .Append(Leaf(s, "portNo", "587")).Append(Leaf(s, "accountName", "")).Append("</smtp></sender>").Append(Nl(s))
            .Append("<receiverList>").Append(Nl(s));
        foreach (var (r, i) in receivers)
            sb.Append("<receiver>").Append(Leaf(s, "id", Text(i + 1))).Append(Leaf(s, "name", "")).Append(Leaf(s, "emailAddress", s.WhitespaceAndCase ? r.ToUpperInvariant() : r)).Append("</receiver>").Append(Nl(s));
        return Document(s, "mailingList", sb.Append("</receiverList>").Append(Nl(s)).Append("</mailing>").Append(Nl(s)).ToString());
    }

    public static string Nas(HikvisionTwinState s) =>
        Document(s, "nasList", "<nas>" + Nl(s)
            + Leaf(s, "id", "9") + Leaf(s, "addressingFormatType", "ipaddress") + Leaf(s, "ipAddress", s.Nas.Address) + Leaf(s, "portNo", "0")
            + Leaf(s, "nasType", s.Nas.Type) + Leaf(s, "path", s.Nas.Path) + Leaf(s, "userName", "")
            + Leaf(s, "status", s.NasFreeSpace % 2 == 0 ? "ok" : "sleep") + Leaf(s, "capacity", "1907726") + Leaf(s, "freeSpace", Text(s.NasFreeSpace))
            + "</nas>" + Nl(s));

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Document(HikvisionTwinState s, string root, string body)
    {
        var ns = s.WhitespaceAndCase ? HikvisionTwinState.Ver10Namespace : HikvisionTwinState.Ver20Namespace;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + Nl(s) + "<" + root + " version=\"2.0\" xmlns=\"" + ns + "\">" + Nl(s) + body + "</" + root + ">" + Nl(s);
    }

    private static string Leaf(HikvisionTwinState s, string name, string value)
    {
        var text = SecurityElement.Escape(value) ?? string.Empty;
        if (s.WhitespaceAndCase && text.Length > 0) text = "\r\n\t  " + text + "  \r\n";
        return "<" + name + ">" + text + "</" + name + ">" + Nl(s);
    }

    private static string Bool(HikvisionTwinState s, bool value) => s.WhitespaceAndCase ? (value ? "TRUE" : "False") : (value ? "true" : "false");

    private static string Nl(HikvisionTwinState s) => s.WhitespaceAndCase ? "\r\n" : "\n";
}
