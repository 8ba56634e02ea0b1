using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Text;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>Starts OpenWrt twins on distinct 127.81.x.y addresses and runs the ubus probe against them.</summary>
internal static class OpenWrtLab
{
    public const string User = "root";
    public const string Password = "Lab-Owner-Pass-7";
    private static int _next = Environment.ProcessId % 200 * 40;

    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 81, (byte)(n / 250 % 250 + 1), (byte)(n % 250 + 1)]);
    }

    public static Task<OpenWrtTwin> StartTwinAsync() =>
        OpenWrtTwin.StartAsync(NextAddress(), 0, User, Password, CancellationToken.None);

    public static UbusOptions Options(OpenWrtTwin twin, string user = User, string password = Password) => new()
    {
        Port = twin.Port,
        Credentials = new HttpCredentials(user, password),
        RequestTimeoutMs = 2000,
        TotalTimeoutMs = 8000,
    };

    public static (ProbeOutput Output, long ElapsedMs, UbusProbe Probe) Run(string host, UbusOptions options, IHttpTransport? transport = null)
    {
        using var http = new HttpClientTransport();
        var context = new ProbeContext(host, transport ?? http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance);
        var output = new ProbeOutput();
        var probe = new UbusProbe(options);
        var watch = Stopwatch.StartNew();
        probe.Run(context, output);
        return (output, watch.ElapsedMilliseconds, probe);
    }

    public static (ProbeOutput Output, long ElapsedMs, UbusProbe Probe) Run(OpenWrtTwin twin, UbusOptions? options = null, IHttpTransport? transport = null) =>
        Run(twin.BaseUri.Host, options ?? Options(twin), transport);

    public static string Describe(ProbeOutput output) =>
        string.Join("\n", output.Verdicts().Select(v => v.ToString())) + "\n" + string.Join("\n", output.Facts.ToArray().Select(f => f.ToString()));

    /// <summary>The facts of a check that gave no verdict at all: the baseline the twin tests compare against.</summary>
    public static FlaxGuard.Engine.Facts.FactSet CleanFacts(OpenWrtTwin twin)
    {
        var (output, _, _) = Run(twin);
        Assert.AreEqual(0, output.VerdictCount, Describe(output));
        return output.Facts;
    }
}

/// <summary>A transport that runs an action after each exchange (to move the twin's clock between calls).</summary>
internal sealed class SteppingTransport(IHttpTransport inner, Action<int> afterRequest) : IHttpTransport
{
    private int _count;

    public HttpResponse Send(HttpRequest request, IByteSink sink)
    {
        var response = inner.Send(request, sink);
        afterRequest(++_count);
        return response;
    }
}
