namespace FlaxGuard.Lab.Twins.Onvif;

/// <summary>One ONVIF account: name, password (known only to the twin) and ONVIF user level.</summary>
public sealed record OnvifUser(string Username, string Password, string UserLevel);

/// <summary>One entry of GetNetworkProtocols (HTTP, HTTPS, RTSP).</summary>
public sealed record OnvifProtocol(string Name, bool Enabled, IReadOnlyList<int> Ports);

/// <summary>A server entry as ONVIF lists it: Type (IPv4, IPv6, DNS) and the address or name.</summary>
public sealed record OnvifServer(string Type, string Value);

/// <summary>
/// Everything the ONVIF twin serves, as a camera keeps it. Mutated only by <see cref="OnvifTwin"/> under its lock.
/// </summary>
public sealed class OnvifTwinState
{
    public string Manufacturer { get; set; } = "FlaxCam";
    public string Model { get; set; } = "FC-IPC2431";
    public string FirmwareVersion { get; set; } = "V5.7.3 build 230915";
    public string SerialNumber { get; set; } = "FC2431A0017734";
    public string HardwareId { get; set; } = "HW-2431-B";

    public List<OnvifUser> Users { get; } = [];
    public List<OnvifProtocol> Protocols { get; } = [];

    public bool DnsFromDhcp { get; set; }
    public List<string> SearchDomains { get; } = [];
    public List<OnvifServer> DnsManual { get; } = [];
    public List<OnvifServer> DnsFromDhcpServers { get; } = [];

    public bool NtpFromDhcp { get; set; }
    public List<OnvifServer> NtpManual { get; } = [];
    public List<OnvifServer> NtpFromDhcpServers { get; } = [];

    /// <summary>Manual or NTP.</summary>
    public string DateTimeType { get; set; } = "NTP";
    public string TimeZone { get; set; } = "UTC0";

    /// <summary>The camera clock minus the real UTC clock.</summary>
    public TimeSpan ClockOffset { get; set; }

    // Issue 13: discovery mode, dynamic DNS, remote user, default gateway.
    public string DiscoveryMode { get; set; } = "NonDiscoverable";
    public string DynamicDnsType { get; set; } = "NoUpdate";
    public string DynamicDnsName { get; set; } = "";
    public string? RemoteUser { get; set; }
    public List<OnvifServer> Gateways { get; } = [];

    // Issue 13: the camera's host name (its own, or the DHCP server's) and its WS-Discovery scopes.
    public bool HostnameFromDhcp { get; set; }
    public string Hostname { get; set; } = "lobby-cam";
    public string DhcpHostname { get; set; } = "dhcp-198-51-100-23";
    public List<(string Definition, string Item)> Scopes { get; } = [];

    // The IP address filter (tt:IPAddressFilter): Allow or Deny, and the prefixes it lists (empty: no filtering).
    public string IpFilterType { get; set; } = "Allow";
    public List<(string Address, int Prefix)> IpFilter { get; } = [];

    /// <summary>Values padded with white space, booleans as 1/0, case changed where ONVIF is case-insensitive.</summary>
    public bool Sloppy { get; set; }

    /// <summary>Lists served in reverse order.</summary>
    public bool Reversed { get; set; }

    /// <summary>Value of the session cookie the web server hands out (changes with session churn).</summary>
    public string SessionCookie { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The factory state: an admin (the twin's credentials), an operator and a viewer; documentation addresses only.</summary>
    public static OnvifTwinState Clean(string adminUser, string adminPassword)
    {
        var state = new OnvifTwinState();
        state.Users.Add(new OnvifUser(adminUser, adminPassword, "Administrator"));
        state.Users.Add(new OnvifUser("nvr", "nvr-" + adminPassword, "Operator"));
        state.Users.Add(new OnvifUser("viewer", "viewer-" + adminPassword, "User"));
        // Set up the way hardening guides ask: the web and ONVIF interface over HTTPS only.
        state.Protocols.Add(new OnvifProtocol("HTTP", false, [80]));
        state.Protocols.Add(new OnvifProtocol("HTTPS", true, [443, 8443]));
        state.Protocols.Add(new OnvifProtocol("RTSP", true, [554]));
        state.SearchDomains.Add("office.example");
        state.DnsManual.Add(new OnvifServer("IPv4", "192.0.2.53"));
        state.DnsManual.Add(new OnvifServer("IPv6", "2001:db8::53"));
        state.DnsFromDhcpServers.Add(new OnvifServer("IPv4", "198.51.100.1"));
        state.NtpManual.Add(new OnvifServer("DNS", "ntp.office.example"));
        state.NtpManual.Add(new OnvifServer("IPv4", "192.0.2.123"));
        state.NtpFromDhcpServers.Add(new OnvifServer("IPv4", "198.51.100.1"));
        state.Gateways.Add(new OnvifServer("IPv4", "192.0.2.1"));
        state.Gateways.Add(new OnvifServer("IPv6", "2001:db8::1"));
        state.Scopes.Add(("Fixed", "onvif://www.onvif.org/type/video_encoder"));
        state.Scopes.Add(("Fixed", "onvif://www.onvif.org/hardware/FC-IPC2431"));
        state.Scopes.Add(("Configurable", "onvif://www.onvif.org/name/LobbyCam"));
        state.Scopes.Add(("Configurable", "onvif://www.onvif.org/location/office"));
        state.IpFilter.Add(("198.51.100.0", 24));
        state.IpFilter.Add(("192.0.2.10", 32));
        state.IpFilter.Add(("2001:db8::", 64));
        return state;
    }
}
