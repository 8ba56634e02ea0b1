using System.Diagnostics;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.OpenWrt.Flash;

/// <summary>Runs the flash probe against an OpenWrt twin.</summary>
internal static class FlashLab
{
    public static FlashOptions Options(OpenWrtTwin twin, string user = OpenWrtLab.User, string password = OpenWrtLab.Password) => new()
    {
        Port = twin.Port,
        Credentials = new HttpCredentials(user, password),
        DownloadTimeoutMs = 10_000,
        TotalTimeoutMs = 20_000,
    };

    public static (ProbeOutput Output, long ElapsedMs) Run(OpenWrtTwin twin, FlashOptions? options = null)
    {
        using var http = new HttpClientTransport();
        return Run(twin, http, options);
    }

    public static (ProbeOutput Output, long ElapsedMs) Run(OpenWrtTwin twin, IHttpTransport http, FlashOptions? options = null)
    {
        var context = new ProbeContext(twin.BaseUri.Host, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance);
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        new FlashProbe(options ?? Options(twin)).Run(context, output);
        return (output, watch.ElapsedMilliseconds);
    }

    public static string? Fact(ProbeOutput output, string key) => output.Facts.Get(key)?.Value;

    public static string Unverified(ProbeOutput output) =>
        string.Join("\n", output.Verdicts().Where(v => v.IsUnverified).Select(v => v.Message));
}
