namespace FlaxGuard.Wording;

/// <summary>One line per device profile for help texts and the dashboard.</summary>
public static class ProfileDescriptions
{
    private static readonly Dictionary<string, string> Lines = new(StringComparer.Ordinal)
    {
        ["web"] = "any device with a web admin page: HTTP fingerprint, TLS certificate, risky ports",
        ["openwrt"] = "OpenWrt routers: ubus JSON-RPC (/ubus), release, accounts, SSH keys, DNS, firewall forwards, services; plus UPnP mappings and DNS answers",
        ["routeros"] = "MikroTik RouterOS 7: REST API (/rest), packages, users, SSH keys, services, DNS, NAT, scheduler, proxies; plus UPnP mappings and DNS answers",
        ["router"] = "routers without a supported API: web fingerprint, UPnP IGD port mappings, the router's DNS answers against a trusted resolver",
        ["hikvision"] = "Hikvision cameras and NVRs: ISAPI with Digest auth, device info, users, DNS, telnet/SSH, NTP",
        ["onvif"] = "ONVIF cameras: device service (SOAP 1.2, WS-UsernameToken), device info, users, protocols, DNS, NTP",
        ["snmp"] = "devices that only speak SNMP (v2c community or v3 user): sysDescr/ObjectID, ENTITY-MIB firmware revisions, running processes",
        ["upnp"] = "gateways that only speak UPnP IGD: device description and every port mapping",
    };

    /// <summary>The line for a profile, or a plain note for a profile this host tool does not describe yet.</summary>
    public static string For(string profile) =>
        Lines.TryGetValue(profile, out var line) ? line : "device profile '" + profile + "'";

    public static bool Has(string profile) => Lines.ContainsKey(profile);
}
