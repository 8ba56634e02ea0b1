using System.Globalization;
using System.Security;
using System.Text;

namespace FlaxGuard.Lab.Twins.Onvif;

/// <summary>
/// The SOAP 1.2 answers of the ONVIF device service (ONVIF devicemgmt.wsdl / onvif.xsd element names), and
/// faults in the shape ONVIF Core prescribes: env:Code env:Sender or env:Receiver with a ter: subcode and an
/// env:Reason text.
/// </summary>
public static class OnvifDocuments
{
    public const string EnvelopeNamespace = "http://www.w3.org/2003/05/soap-envelope";
    public const string DeviceNamespace = "http://www.onvif.org/ver10/device/wsdl";
    public const string SchemaNamespace = "http://www.onvif.org/ver10/schema";
    public const string ErrorNamespace = "http://www.onvif.org/ver10/error";

    public static string Envelope(string body, bool sloppy)
    {
        var nl = sloppy ? "\n" : "";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + nl +
            $"<env:Envelope xmlns:env=\"{EnvelopeNamespace}\" xmlns:tds=\"{DeviceNamespace}\" xmlns:tt=\"{SchemaNamespace}\" xmlns:ter=\"{ErrorNamespace}\">{nl}" +
            $"<env:Header/>{nl}<env:Body>{nl}{body}{nl}</env:Body>{nl}</env:Envelope>{nl}";
    }

    public static string Fault(string code, string subcode, string reason) =>
        $"<env:Fault><env:Code><env:Value>{code}</env:Value><env:Subcode><env:Value>{subcode}</env:Value></env:Subcode></env:Code>" +
        $"<env:Reason><env:Text xml:lang=\"en\">{Escape(reason)}</env:Text></env:Reason></env:Fault>";

    public static string SystemDateAndTime(OnvifTwinState s, DateTimeOffset cameraNow, bool hostileHour)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetSystemDateAndTimeResponse").Open("tds:SystemDateAndTime");
        w.Leaf("tt:DateTimeType", s.DateTimeType).Leaf("tt:DaylightSavings", w.Bool(false));
        w.Open("tt:TimeZone").Leaf("tt:TZ", s.TimeZone).Close("tt:TimeZone");
        foreach (var name in new[] { "tt:UTCDateTime", "tt:LocalDateTime" })
        {
            w.Open(name).Open("tt:Time");
            w.Leaf("tt:Hour", hostileHour ? "25" : cameraNow.Hour.ToString()).Leaf("tt:Minute", cameraNow.Minute.ToString()).Leaf("tt:Second", cameraNow.Second.ToString());
            w.Close("tt:Time").Open("tt:Date");
            w.Leaf("tt:Year", cameraNow.Year.ToString()).Leaf("tt:Month", cameraNow.Month.ToString()).Leaf("tt:Day", cameraNow.Day.ToString());
            w.Close("tt:Date").Close(name);
        }
        return w.Close("tds:SystemDateAndTime").Close("tds:GetSystemDateAndTimeResponse").ToString();
    }

    public static string DeviceInformation(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetDeviceInformationResponse");
        w.Leaf("tds:Manufacturer", s.Sloppy ? s.Manufacturer.ToUpperInvariant() : s.Manufacturer).Leaf("tds:Model", s.Model).Leaf("tds:FirmwareVersion", s.FirmwareVersion);
        if (hostile) w.Leaf("tds:FirmwareVersion", "V1.0.0");
        w.Leaf("tds:SerialNumber", s.SerialNumber).Leaf("tds:HardwareId", s.HardwareId);
        return w.Close("tds:GetDeviceInformationResponse").ToString();
    }

    public static string Users(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetUsersResponse");
        foreach (var u in Order(s.Users, s.Reversed))
        {
            // GetUsers never returns passwords (ONVIF Core: "the password is not included in the response").
            w.Open("tds:User").Leaf("tt:Username", u.Username).Leaf("tt:UserLevel", hostile ? "Root" : u.UserLevel).Close("tds:User");
        }
        return w.Close("tds:GetUsersResponse").ToString();
    }

    public static string NetworkProtocols(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetNetworkProtocolsResponse");
        foreach (var p in Order(s.Protocols, s.Reversed))
        {
            w.Open("tds:NetworkProtocols").Leaf("tt:Name", p.Name).Leaf("tt:Enabled", hostile ? "maybe" : w.Bool(p.Enabled));
            foreach (var port in Order(p.Ports, s.Reversed)) w.Leaf("tt:Port", hostile ? "eighty" : port.ToString());
            w.Close("tds:NetworkProtocols");
        }
        return w.Close("tds:GetNetworkProtocolsResponse").ToString();
    }

    public static string Dns(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetDNSResponse").Open("tds:DNSInformation").Leaf("tt:FromDHCP", w.Bool(s.DnsFromDhcp));
        foreach (var d in Order(s.SearchDomains, s.Reversed)) w.Leaf("tt:SearchDomain", d);
        foreach (var server in Order(s.DnsFromDhcpServers, s.Reversed)) Server(w, "tt:DNSFromDHCP", server, false);
        foreach (var server in Order(s.DnsManual, s.Reversed)) Server(w, "tt:DNSManual", server, hostile);
        return w.Close("tds:DNSInformation").Close("tds:GetDNSResponse").ToString();
    }

    public static string DiscoveryMode(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        return w.Open("tds:GetDiscoveryModeResponse").Leaf("tds:DiscoveryMode", hostile ? "Sometimes" : s.Sloppy ? s.DiscoveryMode.ToLowerInvariant() : s.DiscoveryMode)
            .Close("tds:GetDiscoveryModeResponse").ToString();
    }

    public static string DynamicDns(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetDynamicDNSResponse").Open("tds:DynamicDNSInformation").Leaf("tt:Type", hostile ? "Always" : s.DynamicDnsType);
        if (s.DynamicDnsName.Length > 0) w.Leaf("tt:Name", s.Sloppy ? s.DynamicDnsName.ToUpperInvariant() : s.DynamicDnsName);
        w.Leaf("tt:TTL", "PT1H");
        return w.Close("tds:DynamicDNSInformation").Close("tds:GetDynamicDNSResponse").ToString();
    }

    /// <summary>GetRemoteUser: no RemoteUser element while none is set; the password is never returned.</summary>
    public static string RemoteUser(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetRemoteUserResponse");
        if (s.RemoteUser is not null)
            w.Open("tds:RemoteUser").Leaf("tt:Username", s.RemoteUser).Leaf("tt:UseDerivedPassword", hostile ? "maybe" : w.Bool(false)).Close("tds:RemoteUser");
        return w.Close("tds:GetRemoteUserResponse").ToString();
    }

    public static string DefaultGateway(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetNetworkDefaultGatewayResponse").Open("tds:NetworkGateway");
        foreach (var gateway in Order(s.Gateways, s.Reversed))
            w.Leaf(gateway.Type == "IPv6" ? "tt:IPv6Address" : "tt:IPv4Address", hostile ? "gateway.local" : s.Sloppy ? gateway.Value.ToUpperInvariant() : gateway.Value);
        return w.Close("tds:NetworkGateway").Close("tds:GetNetworkDefaultGatewayResponse").ToString();
    }

    /// <summary>GetIPAddressFilter: tt:Type, then one tt:IPv4Address or tt:IPv6Address (Address, PrefixLength) per prefix.</summary>
    public static string IpAddressFilter(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetIPAddressFilterResponse").Open("tds:IPAddressFilter").Leaf("tt:Type", hostile ? "Maybe" : s.Sloppy ? s.IpFilterType.ToLowerInvariant() : s.IpFilterType);
        foreach (var (address, prefix) in Order(s.IpFilter, s.Reversed))
        {
            var element = address.Contains(':') ? "tt:IPv6Address" : "tt:IPv4Address";
            w.Open(element).Leaf("tt:Address", s.Sloppy ? address.ToUpperInvariant() : address)
                .Leaf("tt:PrefixLength", prefix.ToString(CultureInfo.InvariantCulture)).Close(element);
        }
        return w.Close("tds:IPAddressFilter").Close("tds:GetIPAddressFilterResponse").ToString();
    }

    /// <summary>GetHostname: tt:FromDHCP and, when set, tt:Name (device service WSDL, HostnameInformation).</summary>
    public static string Hostname(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetHostnameResponse").Open("tds:HostnameInformation").Leaf("tt:FromDHCP", w.Bool(s.HostnameFromDhcp));
        var name = s.HostnameFromDhcp ? s.DhcpHostname : s.Hostname;
        if (name.Length > 0) w.Leaf("tt:Name", hostile ? "not a host!" : s.Sloppy ? name.ToUpperInvariant() : name);
        return w.Close("tds:HostnameInformation").Close("tds:GetHostnameResponse").ToString();
    }

    /// <summary>GetScopes: each scope with tt:ScopeDef (Fixed or Configurable) and tt:ScopeItem (a URI).</summary>
    public static string Scopes(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetScopesResponse");
        foreach (var (definition, item) in Order(s.Scopes, s.Reversed))
            w.Open("tds:Scopes").Leaf("tt:ScopeDef", hostile ? "Sometimes" : s.Sloppy ? definition.ToLowerInvariant() : definition).Leaf("tt:ScopeItem", item).Close("tds:Scopes");
        return w.Close("tds:GetScopesResponse").ToString();
    }

    public static string Ntp(OnvifTwinState s, bool hostile)
    {
        var w = new Writer(s.Sloppy);
        w.Open("tds:GetNTPResponse").Open("tds:NTPInformation").Leaf("tt:FromDHCP", hostile ? "perhaps" : w.Bool(s.NtpFromDhcp));
        foreach (var server in Order(s.NtpFromDhcpServers, s.Reversed)) Server(w, "tt:NTPFromDHCP", server, false);
        foreach (var server in Order(s.NtpManual, s.Reversed)) Server(w, "tt:NTPManual", server, false);
        return w.Close("tds:NTPInformation").Close("tds:GetNTPResponse").ToString();
    }

    /// <summary>Enough of GetCapabilities for ONVIF clients that ask for it before anything else (libonvif does).</summary>
    public static string Capabilities(string deviceXAddr) =>
        "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device>" +
        $"<tt:XAddr>{Escape(deviceXAddr)}</tt:XAddr>" +
        "<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration><tt:IPVersion6>true</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>" +
        "<tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>true</tt:FirmwareUpgrade>" +
        "<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions></tt:System>" +
        "<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>false</tt:TLS1.2><tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig><tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken><tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security>" +
        "</tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>";

    private static void Server(Writer w, string element, OnvifServer server, bool hostile)
    {
        var (valueElement, value) = server.Type switch
        {
            "IPv4" => ("tt:IPv4Address", server.Value),
            "IPv6" => ("tt:IPv6Address", w.Sloppy ? server.Value.ToUpperInvariant() : server.Value),
            _ => ("tt:DNSname", w.Sloppy ? server.Value.ToUpperInvariant() : server.Value),
        };
        w.Open(element).Leaf("tt:Type", server.Type).Leaf(valueElement, hostile ? "not-an-ip" : value).Close(element);
    }

    private static IEnumerable<T> Order<T>(IEnumerable<T> items, bool reversed) => reversed ? items.Reverse() : items;

    public static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    /// <summary>Writes elements compactly, or (sloppy) indented with values padded by white space, as some firmware does.</summary>
    private sealed class Writer(bool sloppy)
    {
        private readonly StringBuilder _sb = new();
        private int _depth;

        public bool Sloppy => sloppy;

        public string Bool(bool value) => sloppy ? (value ? "1" : "0") : (value ? "true" : "false");

        public Writer Open(string name)
        {
            Indent();
            _sb.Append('<').Append(name).Append('>');
            _depth++;
            return this;
        }

        public Writer Close(string name)
        {
            _depth--;
            Indent();
            _sb.Append("</").Append(name).Append('>');
            return this;
        }

        public Writer Leaf(string name, string value)
        {
            Indent();
            var text = Escape(value);
            _sb.Append('<').Append(name).Append('>').Append(sloppy ? "  " + text + " \n\t" : text).Append("</").Append(name).Append('>');
            return this;
        }

        private void Indent()
        {
            if (sloppy) _sb.Append('\n').Append(' ', _depth * 2);
        }

        public override string ToString() => _sb.ToString();
    }
}
