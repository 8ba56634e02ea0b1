using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>
/// A lab twin of a Hikvision IP camera's ISAPI, on loopback (tests use 127.83.x.y). Strict like the firmware:
/// every resource needs HTTP Digest (MD5, qop=auth; nonces expire and are then answered stale="TRUE"), a request
/// without credentials gets the web server's 401 page, a wrong login gets 401 with a &lt;userCheck&gt; body, and
/// after 7 failed logins the client address is locked (the right password is refused too). After login, unknown
/// resources answer 404 with an ISAPI &lt;ResponseStatus&gt; (notSupport), other methods than GET answer 400
/// methodNotAllowed, accounts below Administrator get 403 lowPrivilege for users, telnet, SSH and cloud access,
/// and documents come as application/xml.
/// <para>
/// Supported changes: new-admin, dns-changed, telnet, wan-admin (Hik-Connect cloud access switched on),
/// firmware-downgrade, firmware-unknown, and issue 13's admin-promoted (an Operator made Administrator), ssh-enabled,
/// platform-access (ISUP to a foreign platform), push-target (alarms pushed to a foreign host), ddns-on, upnp-on and
/// rtsp-auth-weak (RTSP logins checked with Basic), web-file-changed (the login script of the web interface, served
/// without a login like its other static files, gets code appended), web-shell (CVE-2021-36260's output file /x in the web
/// root), onvif-user (an ONVIF administrator made through ISAPI), login-lock-off, ipfilter-removed, access-port (the SDK port
/// moved), camera-snmp (SNMPv2c on), ftp-target, mail-target and nas-target (footage sent elsewhere); churn reboot, counters, time, session, dhcp-leases (the Wi-Fi
/// interface's DHCP address), dhcp-dns-rotation (the DNS servers the Wi-Fi interface learned by DHCP), reorder, whitespace-case. Not expressible on a camera: ssh-key (ISAPI has no SSH keys),
/// port-forward, scheduler-fetch and socks (routers only).
/// </para>
/// </summary>
public sealed class HikvisionTwin : ILabTwin
{
    private static readonly string[] Supported =
    [
        TwinChanges.NewAdmin, TwinChanges.DnsChanged, TwinChanges.TelnetEnabled, TwinChanges.WanAdmin,
        TwinChanges.FirmwareDowngrade, TwinChanges.FirmwareUnknown,
        TwinChanges.Reboot, TwinChanges.Counters, TwinChanges.Time, TwinChanges.Session, TwinChanges.DhcpLeases,
        TwinChanges.DhcpDnsRotation, TwinChanges.Reorder, TwinChanges.WhitespaceCase,
        TwinChanges.AdminPromoted, TwinChanges.SshEnabled, TwinChanges.PlatformAccess, TwinChanges.PushTarget, TwinChanges.DdnsOn,
        TwinChanges.UpnpOn, TwinChanges.RtspAuthWeak, TwinChanges.WebFileChanged,
        TwinChanges.WebShell, TwinChanges.OnvifUserAdded, TwinChanges.LoginLockOff, TwinChanges.IpFilterRemoved, TwinChanges.AccessPortChanged,
        TwinChanges.CameraSnmpOn, TwinChanges.FtpTarget, TwinChanges.MailTarget, TwinChanges.NasTarget, TwinChanges.GatewayChanged,
    ];

    private static readonly HashSet<string> AdministratorOnly = new(StringComparer.Ordinal)
    {
        "/ISAPI/Security/users", "/ISAPI/System/Network/telnetd", "/ISAPI/System/Network/ssh", "/ISAPI/System/Network/EZVIZ",
        "/ISAPI/System/Network/Ehome", "/ISAPI/System/Network/DDNS", "/ISAPI/Security/RTSPCertificate",
        "/ISAPI/Security/ONVIF/users", "/ISAPI/Security/illegalLoginLock", "/ISAPI/System/Network/ipFilter", "/ISAPI/Security/adminAccesses",
        "/ISAPI/System/Network/SNMP", "/ISAPI/System/Network/ftp", "/ISAPI/System/Network/mailing", "/ISAPI/ContentMgmt/Storage/nas",
    };

    private readonly WebApplication _app;
    private readonly string _adminUser;
    private readonly string _adminPassword;
    private readonly object _gate = new();
    private HikvisionTwinState _state;
    private HikvisionHostility _hostility;
    private string _hostilePath = "/ISAPI/System/deviceInfo";
    private int _requests;

    private HikvisionTwin(WebApplication app, string adminUser, string adminPassword)
    {
        _app = app;
        _adminUser = adminUser;
        _adminPassword = adminPassword;
        _state = HikvisionTwinState.CreateClean(adminUser, adminPassword);
        Digest = new HikvisionDigest("IP Camera(" + _state.SerialNumber[^5..] + ")");
    }

    public string Profile => "hikvision";

    public Uri BaseUri { get; private set; } = null!;

    public IPAddress Address { get; private set; } = IPAddress.Loopback;

    public int Port => BaseUri.Port;

    public IReadOnlyList<string> SupportedChanges => Supported;

    /// <summary>The Digest checker: nonce lifetime, lock threshold and duration can be tuned by tests.</summary>
    public HikvisionDigest Digest { get; }

    /// <summary>HTTP requests served so far (including 401s).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<HikvisionTwin> StartAsync(IPAddress address, int port, string user, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address)) throw new ArgumentException("the lab twin only listens on loopback addresses", nameof(address));
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        var app = LoopbackHost.Build(address, port);
        var twin = new HikvisionTwin(app, user, password) { Address = address };
        app.Run(twin.HandleAsync);
        await app.StartAsync(ct);
        twin.BaseUri = LoopbackHost.BaseUri(address, LoopbackHost.BoundPort(app));
        return twin;
    }

    public void Apply(string change)
    {
        lock (_gate)
        {
            var s = _state;
            switch (change)
            {
                case TwinChanges.NewAdmin:
                    s.Users.Add(new HikvisionUser(s.Users.Max(u => u.Id) + 1, "system", "Administrator", "x-implant-" + s.Users.Count));
                    break;
                case TwinChanges.DnsChanged:
                    s.PrimaryDns = "203.0.113.53";
                    s.SecondaryDns = "198.51.100.53";
                    break;
                case TwinChanges.TelnetEnabled:
                    s.TelnetEnabled = true;
                    break;
                case TwinChanges.GatewayChanged:
                    // The wired interface is static: its gateway is a setting, and now routes through an intruder's host.
                    s.Gateway = "203.0.113.1";
                    break;
                case TwinChanges.WanAdmin:
                    s.CloudEnabled = true;
                    s.CloudRegistered = true;
                    break;
                case TwinChanges.FirmwareDowngrade:
                    s.FirmwareVersion = "V5.4.5";
                    s.FirmwareReleasedDate = "build 170124";
                    s.EncoderVersion = "V7.3";
                    s.EncoderReleasedDate = "build 170105";
                    break;
                case TwinChanges.FirmwareUnknown:
                    s.FirmwareVersion = "V5.5.82";
                    s.FirmwareReleasedDate = "build 230911";
                    break;
                case TwinChanges.AdminPromoted:
                    var op = s.Users.Single(u => u.Name == "nvr-operator");
                    s.Users[s.Users.IndexOf(op)] = op with { Level = "Administrator" };
                    break;
                case TwinChanges.SshEnabled:
                    s.SshEnabled = true;
                    break;
                case TwinChanges.PlatformAccess:
                    // ISUP registration to a platform the owner never set up.
                    s.IsupEnabled = true;
                    s.IsupServer = "203.0.113.66";
                    break;
                case TwinChanges.PushTarget:
                    s.PushHosts[1] = ("203.0.113.66", 8080, "/upload");
                    break;
                case TwinChanges.DdnsOn:
                    s.DdnsEnabled = true;
                    break;
                case TwinChanges.UpnpOn:
                    s.UpnpEnabled = true;
                    break;
                case TwinChanges.WebFileChanged:
                    s.LoginScript = HikvisionWebFiles.CleanLoginScript + HikvisionWebFiles.TamperedTail;
                    break;
                case TwinChanges.WebShell:
                    // bashis' CVE-2021-36260 PoC: "cat /etc/passwd>webLib/x", then GET /x (github.com/mcw0/PoC).
                    s.WebRootDrops["/x"] = "root:$1$yi$R2PYdRrGOlLVVIaehmYwl.:0:0:root:/root/:/bin/sh\n";
                    break;
                case TwinChanges.OnvifUserAdded:
                    s.OnvifUsers.Add(("onvif-svc", "administrator"));
                    break;
                case TwinChanges.LoginLockOff:
                    s.LoginLockEnabled = false;
                    break;
                case TwinChanges.IpFilterRemoved:
                    s.IpFilterEnabled = false;
                    break;
                case TwinChanges.AccessPortChanged:
                    // The SDK port moved where the owner's firewall rule for 8000 no longer applies.
                    s.AdminAccesses[2] = ("DEV_MANAGE", 38000);
                    break;
                case TwinChanges.CameraSnmpOn:
                    s.SnmpV2cEnabled = true;
                    break;
                case TwinChanges.FtpTarget:
                    s.Ftp = (true, "203.0.113.80", 21);
                    break;
                case TwinChanges.MailTarget:
                    s.MailReceivers.Add("drop@exfil.example");
                    break;
                case TwinChanges.NasTarget:
                    s.Nas = ("203.0.113.90", "SMB/CIFS", "/share");
                    break;
                case TwinChanges.RtspAuthWeak:
                    // Basic lets anyone on the path read the RTSP password.
                    s.RtspAuth = "basic";
                    break;
                case TwinChanges.Reboot:
                    s.BootTime = DateTimeOffset.UtcNow;
                    s.PacketsReceived = 0;
                    s.CloudRegistered = false;
                    Digest.ForgetNonces();
                    Digest.ForgetClients();
                    break;
                case TwinChanges.Counters:
                    s.PacketsReceived += 91_337;
                    s.CpuUtilization = s.CpuUtilization == 7 ? 63 : 7;
                    s.MemoryUsage += 3.25;
                    s.LinkSpeed = s.LinkSpeed == 100 ? 1000 : 100;
                    s.NasFreeSpace -= 40_961;
                    s.CloudRegistered = !s.CloudRegistered;
                    break;
                case TwinChanges.Time:
                    s.ClockOffset += TimeSpan.FromHours(3) + TimeSpan.FromMinutes(17);
                    break;
                case TwinChanges.Session:
                    // New session secret, and nonces that last two requests: the probe meets stale="TRUE" mid-run.
                    Digest.ForgetNonces();
                    Digest.NonceMaxUses = 2;
                    break;
                case TwinChanges.DhcpLeases:
                    s.WirelessIpAddress = s.WirelessIpAddress == "198.51.100.23" ? "198.51.100.117" : "198.51.100.23";
                    break;
                case TwinChanges.DhcpDnsRotation:
                    // The access point's DHCP server hands out other resolvers: the Wi-Fi interface shows them, nothing was configured.
                    s.WirelessPrimaryDns = "198.51.100.254";
                    s.WirelessSecondaryDns = "8.8.4.4";
                    break;
                case TwinChanges.Reorder:
                    s.Reordered = !s.Reordered;
                    break;
                case TwinChanges.WhitespaceCase:
                    s.WhitespaceAndCase = true;
                    break;
                default:
                    throw new NotSupportedException($"the Hikvision twin cannot express '{change}' (supported: {string.Join(", ", Supported)})");
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _state = HikvisionTwinState.CreateClean(_adminUser, _adminPassword);
            _hostility = HikvisionHostility.None;
        }
        Digest.NonceMaxUses = 0;
        Digest.ForgetNonces();
        Digest.ForgetClients();
    }

    /// <summary>Changes the state directly (tests: SSH on, a resource missing on this model, odd user names).</summary>
    public void Mutate(Action<HikvisionTwinState> change)
    {
        lock (_gate) change(_state);
    }

    /// <summary>Makes <paramref name="path"/> answer hostile content after a correct login; None restores it.</summary>
    public void SetHostility(HikvisionHostility hostility, string path = "/ISAPI/System/deviceInfo")
    {
        lock (_gate)
        {
            _hostility = hostility;
            _hostilePath = path;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        var response = context.Response;
        response.Headers["Server"] = "webserver";
        response.Headers["X-Frame-Options"] = "SAMEORIGIN";
        var target = request.Path.Value + request.QueryString.Value;
        if (HttpMethods.IsGet(request.Method) && ServeWebFile(request.Path.Value ?? "/") is { } file)
        {
            // The web interface's own files need no login, as on the camera.
            response.StatusCode = 200;
            await WriteAsync(response, file.ContentType, file.Body);
            return;
        }
        var client = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var login = Digest.Check(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, request.Method, target, client, PasswordOf, out var user);
        switch (login)
        {
            case HikvisionLogin.Missing:
            case HikvisionLogin.Stale:
                response.StatusCode = 401;
                response.Headers.WWWAuthenticate = Digest.Challenge(stale: login == HikvisionLogin.Stale);
                await WriteAsync(response, "text/html", HikvisionDocuments.UnauthorizedPage);
                return;
            case HikvisionLogin.Refused:
            case HikvisionLogin.Locked:
                var lockLeft = Digest.LockSecondsLeft(client);
                response.StatusCode = 401;
                response.Headers.WWWAuthenticate = Digest.Challenge(stale: false);
                await WriteAsync(response, "application/xml", HikvisionDocuments.UserCheck(lockLeft > 0, lockLeft, lockLeft > 0 ? 0 : Digest.RetriesLeft(client)));
                return;
            case HikvisionLogin.BadRequest:
                response.StatusCode = 400;
                await WriteAsync(response, "application/xml", HikvisionDocuments.ResponseStatus(target, 4, "Invalid Operation", "badAuthorization"));
                return;
        }

        var path = request.Path.Value ?? "/";
        string? document;
        HikvisionHostility hostility;
        bool administrator;
        lock (_gate)
        {
            document = Render(path, _state);
            hostility = path == _hostilePath ? _hostility : HikvisionHostility.None;
            administrator = _state.Users.Any(u => u.Name == user && u.Level == "Administrator");
        }
        if (document is null)
        {
            response.StatusCode = 404;
            await WriteAsync(response, "application/xml", HikvisionDocuments.ResponseStatus(target, 4, "Invalid Operation", "notSupport"));
            return;
        }
        if (!HttpMethods.IsGet(request.Method))
        {
            response.StatusCode = 400;
            await WriteAsync(response, "application/xml", HikvisionDocuments.ResponseStatus(target, 4, "Invalid Operation", "methodNotAllowed"));
            return;
        }
        if (!administrator && AdministratorOnly.Contains(path))
        {
            // Accounts and remote-access switches are for administrators; others get ISAPI's lowPrivilege.
            response.StatusCode = 403;
            await WriteAsync(response, "application/xml", HikvisionDocuments.ResponseStatus(target, 4, "Invalid Operation", "lowPrivilege"));
            return;
        }
        if (hostility != HikvisionHostility.None)
        {
            await HikvisionHostileAnswers.WriteAsync(context, hostility, document);
            return;
        }
        response.StatusCode = 200;
        await WriteAsync(response, "application/xml", document);
    }

    private (string ContentType, string Body)? ServeWebFile(string path)
    {
        string script;
        lock (_gate)
        {
            script = _state.LoginScript;
            if (_state.WebRootDrops.TryGetValue(path, out var dropped)) return ("text/plain", dropped);
            if (_state.WebRootAnswersEverything && !path.StartsWith("/ISAPI/", StringComparison.Ordinal) && HikvisionWebFiles.Serve(path, script, "") is null)
                return ("text/html", HikvisionWebFiles.Login(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12))));
        }
        return HikvisionWebFiles.Serve(path, script, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)));
    }

    private string? PasswordOf(string user)
    {
        lock (_gate) return _state.Users.FirstOrDefault(u => u.Name == user)?.Password;
    }

    private static string? Render(string path, HikvisionTwinState s) => path switch
    {
        "/ISAPI/System/deviceInfo" => HikvisionDocuments.DeviceInfo(s),
        "/ISAPI/Security/userCheck" => HikvisionDocuments.UserCheckOk,
        "/ISAPI/Security/users" => s.UsersSupported ? HikvisionDocuments.Users(s) : null,
        "/ISAPI/System/Network/Ehome" => HikvisionDocuments.Ehome(s),
        "/ISAPI/System/Network/UPnP" => HikvisionDocuments.Upnp(s),
        "/ISAPI/Event/notification/httpHosts" => HikvisionDocuments.HttpHosts(s),
        "/ISAPI/System/Network/DDNS" => HikvisionDocuments.Ddns(s),
        "/ISAPI/Security/RTSPCertificate" => HikvisionDocuments.RtspCertificate(s),
        "/ISAPI/System/Network/interfaces" => HikvisionDocuments.Interfaces(s),
        "/ISAPI/System/Network/telnetd" => s.TelnetSupported ? HikvisionDocuments.Switch(s, "Telnetd", s.TelnetEnabled) : null,
        "/ISAPI/System/Network/ssh" => s.SshSupported ? HikvisionDocuments.Switch(s, "SSH", s.SshEnabled) : null,
        "/ISAPI/System/Network/EZVIZ" => s.CloudSupported ? HikvisionDocuments.Cloud(s) : null,
        "/ISAPI/System/time/ntpServers" => s.NtpSupported ? HikvisionDocuments.NtpServers(s) : null,
        "/ISAPI/System/time" => HikvisionDocuments.Time(s, DateTimeOffset.UtcNow),
        "/ISAPI/System/status" => HikvisionDocuments.Status(s, DateTimeOffset.UtcNow),
        "/ISAPI/Security/ONVIF/users" when s.AccessResourcesSupported => HikvisionAccessDocuments.OnvifUsers(s),
        "/ISAPI/Security/illegalLoginLock" when s.AccessResourcesSupported => HikvisionAccessDocuments.LoginLock(s),
        "/ISAPI/System/Network/ipFilter" when s.AccessResourcesSupported => HikvisionAccessDocuments.IpFilter(s),
        "/ISAPI/Security/adminAccesses" when s.AccessResourcesSupported => HikvisionAccessDocuments.AdminAccesses(s),
        "/ISAPI/System/Network/SNMP" when s.AccessResourcesSupported => HikvisionAccessDocuments.Snmp(s),
        "/ISAPI/System/Network/ftp" when s.AccessResourcesSupported => HikvisionAccessDocuments.Ftp(s),
        "/ISAPI/System/Network/mailing" when s.AccessResourcesSupported => HikvisionAccessDocuments.Mailing(s),
        "/ISAPI/ContentMgmt/Storage/nas" when s.AccessResourcesSupported => HikvisionAccessDocuments.Nas(s),
        _ => null,
    };

    private static Task WriteAsync(HttpResponse response, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
