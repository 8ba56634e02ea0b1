using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Onvif;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.Onvif;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Onvif;

/// <summary>Starts ONVIF twins on distinct 127.84.x.y addresses and runs the engine probe against them.</summary>
internal static class OnvifTwinFixture
{
    public const string User = "admin";
    public const string Password = "Cam-pass-4711";
    public const int HttpTimeoutMs = 4000;
    public const int TotalTimeMs = 12000;

    private static int _next = Environment.ProcessId % 200 * 64;

    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 84, (byte)(n / 250 % 250 + 1), (byte)(n % 250 + 1)]);
    }

    public static Task<OnvifTwin> StartAsync() => OnvifTwin.StartAsync(NextAddress(), 0, User, Password, CancellationToken.None);

    public static OnvifOptions Options(int port, string user = User, string password = Password) => new()
    {
        User = user,
        Password = password,
        Port = port,
        HttpTimeoutMs = HttpTimeoutMs,
        TotalTimeMs = TotalTimeMs,
    };

    public static (ProbeOutput Output, long ElapsedMs) Run(string host, OnvifOptions options)
    {
        using var http = new HttpClientTransport();
        var context = new ProbeContext(host, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance, SecureRandomSource.Instance);
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        new OnvifProbe(options).Run(context, output);
        return (output, watch.ElapsedMilliseconds);
    }

    public static ProbeOutput Run(OnvifTwin twin, string user = User, string password = Password) =>
        Run(twin.Address.ToString(), Options(twin.Port, user, password)).Output;

    public static Verdict[] Unverified(ProbeOutput output) => output.Verdicts().Where(v => v.IsUnverified).ToArray();

    public static string[] FactLines(ProbeOutput output) => output.Facts.ToArray().Select(f => f.ToString()).ToArray();

    public static string Describe(ProbeOutput output) =>
        string.Join("\n", output.Verdicts().Select(v => v.ToString())) + "\nfacts:\n" + string.Join("\n", FactLines(output));
}
