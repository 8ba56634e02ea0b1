namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>One account of the camera. The password is only used to check Digest logins; no document shows it.</summary>
public sealed record HikvisionUser(int Id, string Name, string Level, string Password);

/// <summary>One configured time server: by host name or by address, as ISAPI's addressingFormatType says.</summary>
public sealed record HikvisionNtpServer(int Id, bool ByHostName, string Server);

/// <summary>
/// Everything the lab camera answers from: identity, firmware, accounts, network, services, time, and the noise
/// a real camera produces by itself (uptime, counters, clock, its own DHCP address). Mutated only under the twin's lock.
/// </summary>
public sealed class HikvisionTwinState
{
    public const string Ver20Namespace = "http://www.hikvision.com/ver20/XMLSchema";
    public const string Ver10Namespace = "http://www.hikvision.com/ver10/XMLSchema";

    public string DeviceName { get; set; } = "Lobby Camera";
    public string Model { get; set; } = "DS-2CD2043G0-I";
    public string SerialNumber { get; set; } = "DS-2CD2043G0-I20190312AAWRC12345678";
    public string MacAddress { get; set; } = "44:19:b6:0a:1b:2c";
    public string FirmwareVersion { get; set; } = "V5.5.82";
    public string FirmwareReleasedDate { get; set; } = "build 190220";
    public string EncoderVersion { get; set; } = "V7.3";
    public string EncoderReleasedDate { get; set; } = "build 190214";
    public string DeviceType { get; set; } = "IPCamera";
    public string HardwareVersion { get; set; } = "0x0";

    public List<HikvisionUser> Users { get; } = [];

    // The wired interface: an installer's static address with DNS servers typed in by hand.
    public string Addressing { get; set; } = "static";
    public string IpAddress { get; set; } = "192.168.1.64";
    public string Gateway { get; set; } = "192.0.2.1";
    public string PrimaryDns { get; set; } = "192.168.1.1";
    public string SecondaryDns { get; set; } = "9.9.9.9";

    // The Wi-Fi interface (the -W models): address and DNS servers from the access point's DHCP server.
    public string WirelessIpAddress { get; set; } = "198.51.100.23";
    public string WirelessMac { get; set; } = "44:19:b6:0a:1b:2d";
    public string WirelessPrimaryDns { get; set; } = "198.51.100.1";
    public string WirelessSecondaryDns { get; set; } = "1.1.1.1";
    public int LinkSpeed { get; set; } = 100;

    public bool TelnetSupported { get; set; } = true;
    public bool TelnetEnabled { get; set; }
    public bool SshSupported { get; set; } = true;
    public bool SshEnabled { get; set; }
    public bool CloudSupported { get; set; } = true;
    public bool CloudEnabled { get; set; }
    public string CloudServer { get; set; } = "litedev.hik-connect.com";
    public bool CloudRegistered { get; set; }
    public bool NtpSupported { get; set; } = true;

    // Issue 13: accounts may be missing on a model; platform access, UPnP, event push, DDNS and RTSP authentication.
    public bool UsersSupported { get; set; } = true;
    public bool IsupEnabled { get; set; }
    public string IsupServer { get; set; } = "0.0.0.0";
    public int IsupPort { get; set; } = 7660;
    public bool UpnpEnabled { get; set; }
    public List<(string Address, int Port, string Url)> PushHosts { get; } = [];
    public bool DdnsEnabled { get; set; }
    public string DdnsServer { get; set; } = "www.hik-online.com";
    public string RtspAuth { get; set; } = "digest";

    // Issue 13: ONVIF accounts made through ISAPI, brute-force lock, IP filter, protocol ports, SNMP, upload targets.
    public List<(string Name, string Type)> OnvifUsers { get; } = [];
    public bool LoginLockEnabled { get; set; } = true;
    public bool IpFilterEnabled { get; set; } = true;
    public List<string> IpFilterAddresses { get; } = [];
    public List<(string Protocol, int Port)> AdminAccesses { get; } = [];
    public bool SnmpV2cEnabled { get; set; }
    public (bool Enabled, string Address, int Port) Ftp { get; set; } = (false, "0.0.0.0", 21);
    public string SmtpServer { get; set; } = "smtp.office.example";
    public List<string> MailReceivers { get; } = [];
    public (string Address, string Type, string Path) Nas { get; set; } = ("198.51.100.30", "NFS", "/volume1/cameras");
    public long NasFreeSpace { get; set; } = 1_204_224;

    /// <summary>False for a model without issue 13's access and upload resources (they answer 404 notSupport).</summary>
    public bool AccessResourcesSupported { get; set; } = true;

    /// <summary>A web server that answers every unknown path with its login page (200) instead of 404.</summary>
    public bool WebRootAnswersEverything { get; set; }

    /// <summary>Files an intruder left in the web root (served without a login, as the firmware serves webLib): path to body.</summary>
    public Dictionary<string, string> WebRootDrops { get; } = new(StringComparer.Ordinal);

    public List<HikvisionNtpServer> NtpServers { get; } = [];
    public string TimeMode { get; set; } = "NTP";
    public string TimeZone { get; set; } = "CST-1:00:00";
    public TimeSpan ClockOffset { get; set; }

    public DateTimeOffset BootTime { get; set; } = DateTimeOffset.UtcNow.AddDays(-12);
    public int CpuUtilization { get; set; } = 7;
    public double MemoryUsage { get; set; } = 41.5;
    public long PacketsReceived { get; set; } = 1_284_551;

    /// <summary>Reorder churn: lists (and the members of deviceInfo) come in another order.</summary>
    public bool Reordered { get; set; }

    /// <summary>The web interface's login script as the firmware serves it (web-file-changed appends to it).</summary>
    public string LoginScript { get; set; } = HikvisionWebFiles.CleanLoginScript;

    /// <summary>Whitespace/case churn: pretty-printed values, other case in enumerations and names, the ver10 namespace.</summary>
    public bool WhitespaceAndCase { get; set; }

    public static HikvisionTwinState CreateClean(string adminUser, string adminPassword)
    {
        var state = new HikvisionTwinState();
        state.Users.Add(new HikvisionUser(1, adminUser, "Administrator", adminPassword));
        state.Users.Add(new HikvisionUser(2, "nvr-operator", "Operator", RandomPassword()));
        state.Users.Add(new HikvisionUser(3, "guard", "Viewer", RandomPassword()));
        state.NtpServers.Add(new HikvisionNtpServer(1, true, "time.windows.com"));
        state.NtpServers.Add(new HikvisionNtpServer(2, false, "192.168.1.1"));
        // The NVR that records alarms, and an unused slot.
        state.PushHosts.Add(("192.168.1.10", 80, "/alarm"));
        state.PushHosts.Add(("0.0.0.0", 80, ""));
        // The installer's NVR may stream over ONVIF; only the office addresses may log in; recordings go to the office NAS.
        state.OnvifUsers.Add(("nvr-onvif", "mediaUser"));
        state.IpFilterAddresses.Add("198.51.100.10");
        state.IpFilterAddresses.Add("198.51.100.20");
        state.AdminAccesses.Add(("HTTP", 80));
        state.AdminAccesses.Add(("HTTPS", 443));
        state.AdminAccesses.Add(("DEV_MANAGE", 8000));
        state.AdminAccesses.Add(("RTSP", 554));
        state.MailReceivers.Add("security@office.example");
        return state;
    }

    private static string RandomPassword() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
}
