using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.RouterOs;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.RouterOs;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.RouterOs;

/// <summary>Starts RouterOS twins on 127.82.0.0/16 and runs the RouterOS REST probe against them.</summary>
internal static class RouterOsLab
{
    public const string User = "admin";
    public const string Password = "Lab-Pa55-routeros";
    public const int RequestTimeoutMs = 2000;
    public const int TotalTimeoutMs = 6000;

    private static int _next = Environment.ProcessId % 200 * 64;

    static RouterOsLab()
    {
        // The probe is synchronous and blocks a pool thread while the twin, in the same process, needs pool threads
        // to answer; with two test classes in parallel on two cores the pool would otherwise grow one thread at a time.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }

    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 82, (byte)(n / 250 % 250 + 1), (byte)(n % 250 + 1)]);
    }

    /// <summary>Starts a twin and asks it once, so the first timed probe run does not pay for JIT and connection setup.</summary>
    public static async Task<RouterOsTwin> StartTwinAsync()
    {
        var twin = await RouterOsTwin.StartAsync(NextAddress(), 0, User, Password, CancellationToken.None);
        var warm = await GetRawAsync(twin, "/rest/system/identity");
        Assert.AreEqual(200, warm.Status);
        return twin;
    }

    public static RouterOsOptions Options(int port, string user = User, string password = Password) => new(new HttpCredentials(user, password))
    {
        Scheme = "http",
        Port = port,
        RequestTimeoutMs = RequestTimeoutMs,
        TotalTimeoutMs = TotalTimeoutMs,
    };

    public static (ProbeOutput Output, long ElapsedMs, RouterOsRestProbe Probe) Run(string host, RouterOsOptions options)
    {
        using var http = new HttpClientTransport();
        var context = new ProbeContext(host, http, null, null, SystemClock.Instance, SecureRandomSource.Instance);
        var output = new ProbeOutput();
        var probe = new RouterOsRestProbe(options);
        var watch = Stopwatch.StartNew();
        probe.Run(context, output);
        return (output, watch.ElapsedMilliseconds, probe);
    }

    public static ProbeOutput Run(RouterOsTwin twin) => Run(twin.Address.ToString(), Options(twin.Port)).Output;

    /// <summary>Runs the probe and insists it verified everything.</summary>
    public static ProbeOutput RunVerified(RouterOsTwin twin)
    {
        var output = Run(twin);
        var verdicts = output.Verdicts();
        Assert.IsEmpty(verdicts, string.Join("\n", verdicts.Select(v => v.ToString())));
        return output;
    }

    public static Verdict SingleUnverified(ProbeOutput output)
    {
        var verdicts = output.Verdicts();
        Assert.HasCount(1, verdicts, string.Join("\n", verdicts.Select(v => v.ToString())));
        Assert.IsTrue(verdicts[0].IsUnverified, verdicts[0].ToString());
        Assert.AreEqual(0, output.Facts.Count, "a router that could not be read fully reports no partial facts");
        return verdicts[0];
    }

    /// <summary>The raw REST answer, read the way curl -u would, to prove churn really changes what the API says.</summary>
    public static async Task<(int Status, string ContentType, string Body, HttpResponseHeaders Headers)> GetRawAsync(RouterOsTwin twin, string path, string? user = User, string? password = Password)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(twin.BaseUri, path));
        if (user is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", body, response.Headers);
    }
}
