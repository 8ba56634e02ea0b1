using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FlaxGuard.Lab.Twins.Onvif;

/// <summary>
/// A lab twin of an IP camera's ONVIF device service (POST /onvif/device_service), as strict as real firmware:
/// SOAP 1.2 only (other media types get 415, a SOAP 1.1 envelope a VersionMismatch fault, malformed XML a
/// ter:WellFormed fault), every action but GetSystemDateAndTime and GetCapabilities needs a WS-Security
/// UsernameToken PasswordDigest checked against the camera's own clock (window of 5 minutes, nonces never
/// accepted twice), GetUsers needs the Administrator level, and unknown actions get ter:ActionNotSupported.
/// The camera clock can be set hours off (<see cref="ClockOffset"/>): a client must learn it first.
/// <para>
/// Supported changes: compromises new-admin, dns-changed, firmware-downgrade, firmware-unknown, and issue 13's
/// admin-promoted, ddns-on, discovery-on, remote-user, gateway-changed, hostname-changed and scope-added; churn reboot
/// (clock falls back to 2000-01-01 as on cameras without a battery-backed clock, nonces forgotten), time (clock
/// jumps), session (nonce cache flushed, new session cookie), dhcp-leases (DNS and NTP servers from DHCP change), dhcp-dns-rotation (DNSFromDHCP only),
/// reorder, whitespace-case. ONVIF has no telnet, SSH key, WAN administration, port forwarding, scheduler or
/// proxy settings in the device service, and exposes no counters, so those throw NotSupportedException.
/// </para>
/// </summary>
public sealed class OnvifTwin : ILabTwin
{
    public const string ServicePath = "/onvif/device_service";
    private const int MaxRequestBytes = 64 * 1024;

    public static readonly IReadOnlyList<string> Supported =
    [
        TwinChanges.NewAdmin, TwinChanges.DnsChanged, TwinChanges.FirmwareDowngrade, TwinChanges.FirmwareUnknown,
        TwinChanges.Reboot, TwinChanges.Time, TwinChanges.Session, TwinChanges.DhcpLeases, TwinChanges.DhcpDnsRotation, TwinChanges.Reorder, TwinChanges.WhitespaceCase,
        TwinChanges.AdminPromoted, TwinChanges.DdnsOn, TwinChanges.DiscoveryOn, TwinChanges.RemoteUser, TwinChanges.GatewayChanged,
        TwinChanges.HostnameChanged, TwinChanges.ScopeAdded, TwinChanges.IpFilterRemoved, TwinChanges.CleartextHttpOn,
    ];

    private static readonly HashSet<string> PreAuthActions = ["GetSystemDateAndTime", "GetCapabilities"];

    private readonly WebApplication _app;
    private readonly string _user;
    private readonly string _password;
    private readonly object _gate = new();
    private readonly OnvifUsernameTokenVerifier _verifier = new();
    private OnvifTwinState _state;
    private int _requests;

    private OnvifTwin(WebApplication app, IPAddress address, string user, string password)
    {
        _app = app;
        Address = address;
        _user = user;
        _password = password;
        _state = OnvifTwinState.Clean(user, password);
    }

    public string Profile => "onvif";

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public Uri BaseUri => LoopbackHost.BaseUri(Address, Port);

    /// <summary>The device service URL a client posts to.</summary>
    public Uri DeviceServiceUri => new(BaseUri, ServicePath);

    public IReadOnlyList<string> SupportedChanges => Supported;

    /// <summary>How a broken or hostile camera answers; see <see cref="HostileAction"/>.</summary>
    public OnvifHostility Hostility { get; set; }

    /// <summary>The action the hostility applies to; null means every authenticated action.</summary>
    public string? HostileAction { get; set; }

    /// <summary>HTTP status for ter:NotAuthorized: 400 (SOAP 1.2 binding for env:Sender faults) or 401 as cameras that also offer HTTP Digest send.</summary>
    public int NotAuthorizedStatus { get; set; } = 400;

    /// <summary>The camera clock minus real time (a camera whose clock is hours off).</summary>
    public TimeSpan ClockOffset
    {
        get { lock (_gate) return _state.ClockOffset; }
        set { lock (_gate) _state.ClockOffset = value; }
    }

    /// <summary>Requests served so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Why the last authenticated request was refused (for test diagnostics; never a password).</summary>
    public string? LastRefusal { get; private set; }

    public static async Task<OnvifTwin> StartAsync(IPAddress address, int port, string user, string password, CancellationToken ct)
    {
        var app = LoopbackHost.Build(address, port, kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBytes);
        var twin = new OnvifTwin(app, address, user, password);
        app.Run(twin.HandleAsync);
        await app.StartAsync(ct);
        twin.Port = LoopbackHost.BoundPort(app);
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
                    // What an intruder's CreateUsers call leaves behind.
                    s.Users.Add(new OnvifUser("support", "Sup-" + Guid.NewGuid().ToString("N")[..8], "Administrator"));
                    break;
                case TwinChanges.DnsChanged:
                    s.DnsFromDhcp = false;
                    s.DnsManual.Clear();
                    s.DnsManual.Add(new OnvifServer("IPv4", "203.0.113.66"));
                    s.DnsManual.Add(new OnvifServer("IPv4", "203.0.113.67"));
                    break;
                case TwinChanges.FirmwareDowngrade:
                    s.FirmwareVersion = "V5.4.0 build 160530";
                    break;
                case TwinChanges.FirmwareUnknown:
                    s.FirmwareVersion = "V5.7.3 build 991231-x";
                    break;
                case TwinChanges.AdminPromoted:
                    var nvr = s.Users.Single(u => u.Username == "nvr");
                    s.Users[s.Users.IndexOf(nvr)] = nvr with { UserLevel = "Administrator" };
                    break;
                case TwinChanges.DdnsOn:
                    s.DynamicDnsType = "ClientUpdates";
                    s.DynamicDnsName = "cam1.dyn.example";
                    break;
                case TwinChanges.DiscoveryOn:
                    s.DiscoveryMode = "Discoverable";
                    break;
                case TwinChanges.RemoteUser:
                    s.RemoteUser = "relay";
                    break;
                case TwinChanges.GatewayChanged:
                    s.Gateways[0] = new OnvifServer("IPv4", "203.0.113.1");
                    break;
                case TwinChanges.IpFilterRemoved:
                    // SetIPAddressFilter with no addresses: the camera answers anyone again.
                    s.IpFilter.Clear();
                    break;
                case TwinChanges.HostnameChanged:
                    s.Hostname = "nvr-backup";
                    break;
                case TwinChanges.ScopeAdded:
                    // What an intruder's AddScopes call leaves: the camera announces itself as something else on the LAN.
                    s.Scopes.Add(("Configurable", "onvif://www.onvif.org/name/NVR"));
                    break;
                case TwinChanges.CleartextHttpOn:
                    // What an intruder's SetNetworkProtocols call leaves: HTTP on beside HTTPS.
                    s.Protocols[s.Protocols.FindIndex(p => p.Name == "HTTP")] = new OnvifProtocol("HTTP", true, [80]);
                    break;
                case TwinChanges.Reboot:
                    // No battery-backed clock: the camera boots at 2000-01-01 and stays there until NTP answers.
                    s.ClockOffset = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) - DateTimeOffset.UtcNow;
                    s.SessionCookie = Guid.NewGuid().ToString("N");
                    _verifier.Forget();
                    break;
                case TwinChanges.Time:
                    s.ClockOffset += TimeSpan.FromHours(3) + TimeSpan.FromMinutes(17);
                    break;
                case TwinChanges.Session:
                    s.SessionCookie = Guid.NewGuid().ToString("N");
                    _verifier.Forget();
                    break;
                case TwinChanges.DhcpLeases:
                    s.DnsFromDhcpServers.Clear();
                    s.DnsFromDhcpServers.Add(new OnvifServer("IPv4", "198.51.100.7"));
                    s.NtpFromDhcpServers.Clear();
                    s.NtpFromDhcpServers.Add(new OnvifServer("IPv4", "198.51.100.8"));
                    s.DhcpHostname = "dhcp-198-51-100-7";
                    break;
                case TwinChanges.DhcpDnsRotation:
                    // Only the DNSFromDHCP list moves; DNSManual (what someone configured) stays.
                    s.DnsFromDhcpServers.Clear();
                    s.DnsFromDhcpServers.Add(new OnvifServer("IPv4", "192.0.2.53"));
                    s.DnsFromDhcpServers.Add(new OnvifServer("IPv6", "2001:db8::53"));
                    break;
                case TwinChanges.Reorder:
                    s.Reversed = !s.Reversed;
                    break;
                case TwinChanges.WhitespaceCase:
                    s.Sloppy = true;
                    break;
                default:
                    throw new NotSupportedException($"the ONVIF twin cannot apply '{change}': the ONVIF device service has no such setting (supported: {string.Join(", ", Supported)})");
            }
        }
    }

    /// <summary>Changes the state directly (lab use: a large recorder's user list); answers follow on the next request.</summary>
    public void Mutate(Action<OnvifTwinState> change)
    {
        lock (_gate) change(_state);
    }

    public void Reset()
    {
        lock (_gate) _state = OnvifTwinState.Clean(_user, _password);
        _verifier.Forget();
        Hostility = OnvifHostility.None;
        HostileAction = null;
    }

    private async Task HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        var request = http.Request;
        if (request.Path != ServicePath)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            return;
        }
        // SOAP 1.2 over HTTP: application/soap+xml (parameters such as charset and action may follow, even with a trailing ';').
        var mediaType = (request.ContentType ?? "").Split(';')[0].Trim();
        if (!mediaType.Equals("application/soap+xml", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        string body;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxRequestBytes };
            using var xml = XmlReader.Create(new StringReader(body), settings);
            document = XDocument.Load(xml);
        }
        catch (XmlException)
        {
            await FaultAsync(http, 400, "env:Sender", "ter:WellFormed", "Well-formed Error");
            return;
        }
        XNamespace env = OnvifDocuments.EnvelopeNamespace;
        var root = document.Root!;
        if (root.Name.LocalName != "Envelope" || root.Name.Namespace != env)
        {
            await FaultAsync(http, 500, "env:VersionMismatch", "ter:WrongSOAPVersion", "SOAP version mismatch: only SOAP 1.2 is supported");
            return;
        }
        var actionElement = root.Element(env + "Body")?.Elements().FirstOrDefault();
        if (actionElement is null)
        {
            await FaultAsync(http, 400, "env:Sender", "ter:InvalidArgs", "No action in the SOAP body");
            return;
        }
        var action = actionElement.Name.Namespace == OnvifDocuments.DeviceNamespace ? actionElement.Name.LocalName : "";
        OnvifTwinState state;
        DateTimeOffset cameraNow;
        lock (_gate)
        {
            state = _state;
            cameraNow = DateTimeOffset.UtcNow + _state.ClockOffset;
        }
        OnvifUser? user = null;
        if (!PreAuthActions.Contains(action))
        {
            List<OnvifUser> users;
            lock (_gate) users = [.. state.Users];
            user = _verifier.Verify(root.Element(env + "Header"), users, cameraNow, out var reason);
            if (user is null)
            {
                LastRefusal = reason;
                await FaultAsync(http, NotAuthorizedStatus, "env:Sender", "ter:NotAuthorized", "Sender not Authorized");
                return;
            }
        }
        // GetUsers and GetRemoteUser read secrets' owners (ONVIF access class READ_SYSTEM_SECRET): Administrator only.
        if (action is "GetUsers" or "GetRemoteUser" && user!.UserLevel != "Administrator")
        {
            LastRefusal = action + " needs an Administrator";
            await FaultAsync(http, NotAuthorizedStatus, "env:Sender", "ter:NotAuthorized", "Sender not Authorized");
            return;
        }
        var hostile = Hostility != OnvifHostility.None && (HostileAction is null ? user is not null : HostileAction == action);
        var wrongTypes = hostile && Hostility == OnvifHostility.WrongTypes;
        string? content;
        lock (_gate)
        {
            content = action switch
            {
                "GetSystemDateAndTime" => OnvifDocuments.SystemDateAndTime(state, cameraNow, wrongTypes),
                "GetCapabilities" => OnvifDocuments.Capabilities(new Uri(new Uri($"http://{request.Host}"), ServicePath).ToString()),
                "GetDeviceInformation" => OnvifDocuments.DeviceInformation(state, wrongTypes),
                "GetUsers" => OnvifDocuments.Users(state, wrongTypes),
                "GetNetworkProtocols" => OnvifDocuments.NetworkProtocols(state, wrongTypes),
                "GetDNS" => OnvifDocuments.Dns(state, wrongTypes),
                "GetNTP" => OnvifDocuments.Ntp(state, wrongTypes),
                "GetDiscoveryMode" => OnvifDocuments.DiscoveryMode(state, wrongTypes),
                "GetDynamicDNS" => OnvifDocuments.DynamicDns(state, wrongTypes),
                "GetRemoteUser" => OnvifDocuments.RemoteUser(state, wrongTypes),
                "GetNetworkDefaultGateway" => OnvifDocuments.DefaultGateway(state, wrongTypes),
                "GetHostname" => OnvifDocuments.Hostname(state, wrongTypes),
                "GetScopes" => OnvifDocuments.Scopes(state, wrongTypes),
                "GetIPAddressFilter" => OnvifDocuments.IpAddressFilter(state, wrongTypes),
                _ => null,
            };
        }
        if (content is null)
        {
            await FaultAsync(http, 500, "env:Receiver", "ter:ActionNotSupported", "Optional Action Not Implemented");
            return;
        }
        http.Response.Headers.SetCookie = $"session={state.SessionCookie}; Path=/; HttpOnly";
        if (hostile && !wrongTypes)
        {
            await HostileAsync(http, action);
            return;
        }
        await WriteAsync(http, 200, OnvifDocuments.Envelope(content, state.Sloppy));
    }

    private async Task HostileAsync(HttpContext http, string action)
    {
        var open = $"<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"{OnvifDocuments.EnvelopeNamespace}\" xmlns:tds=\"{OnvifDocuments.DeviceNamespace}\" xmlns:tt=\"{OnvifDocuments.SchemaNamespace}\"><env:Body><tds:{action}Response>";
        var close = $"</tds:{action}Response></env:Body></env:Envelope>";
        switch (Hostility)
        {
            case OnvifHostility.Truncated:
                await WriteAsync(http, 200, open + "<tds:User><tt:Username>adm");
                break;
            case OnvifHostility.Oversized:
                var sb = new StringBuilder(open);
                for (var i = 0; sb.Length < 2 * 1024 * 1024; i++) sb.Append("<tds:User><tt:Username>user").Append(i).Append("</tt:Username><tt:UserLevel>User</tt:UserLevel></tds:User>");
                await WriteAsync(http, 200, sb.Append(close).ToString());
                break;
            case OnvifHostility.DeeplyNested:
                await WriteAsync(http, 200, open + string.Concat(Enumerable.Repeat("<tt:Extension>", 400)) + string.Concat(Enumerable.Repeat("</tt:Extension>", 400)) + close);
                break;
            case OnvifHostility.Doctype:
                await WriteAsync(http, 200, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>" + open + "<tds:Manufacturer>&lol2;</tds:Manufacturer>" + close);
                break;
            case OnvifHostility.Html:
                await WriteAsync(http, 200, "<html><body><h1>Welcome</h1></body></html>", "text/html");
                break;
        }
    }

    private static Task FaultAsync(HttpContext http, int status, string code, string subcode, string reason) =>
        WriteAsync(http, status, OnvifDocuments.Envelope(OnvifDocuments.Fault(code, subcode, reason), false));

    private static async Task WriteAsync(HttpContext http, int status, string document, string contentType = "application/soap+xml; charset=utf-8")
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        // An explicit length, never chunked: small ONVIF clients (libonvif) read the body by Content-Length only.
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
