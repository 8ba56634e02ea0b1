using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlaxGuard.Lab.Twins;

/// <summary>The Kestrel set-up every twin shares: one listener on one address, no logging, no Server header.</summary>
public static class LoopbackHost
{
    /// <summary>An app listening on <paramref name="address"/> (port 0: any free one); <paramref name="tune"/> adds limits.</summary>
    public static WebApplication Build(IPAddress address, int port, Action<KestrelServerOptions>? tune = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            tune?.Invoke(kestrel);
            kestrel.Listen(address, port);
        });
        return builder.Build();
    }

    /// <summary>The port the started app actually listens on.</summary>
    public static int BoundPort(WebApplication app) =>
        new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    /// <summary>http://address:port/ with IPv6 in brackets.</summary>
    public static Uri BaseUri(IPAddress address, int port) =>
        new($"http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{port}/");
}
