using System.Diagnostics;
using System.Net;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Hikvision;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Platform;

namespace FlaxGuard.Probes.Tests.Hikvision;

/// <summary>Starts Hikvision twins on 127.83.x.y and runs the engine's ISAPI probe against them over real sockets.</summary>
internal static class HikvisionHarness
{
    public const string User = "admin";
    public const string Password = "Lab-Cam-Pa55!";
    private static int _next = Environment.ProcessId % 200 * 64;

    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, 83, (byte)(n / 250 % 250 + 1), (byte)(n % 250 + 1)]);
    }

    public static Task<HikvisionTwin> StartAsync() => HikvisionTwin.StartAsync(NextAddress(), 0, User, Password, CancellationToken.None);

    public static IsapiOptions Options(HikvisionTwin twin, string password = Password) =>
        new(new HttpCredentials(User, password)) { Port = twin.Port, RequestTimeoutMs = 5000, TotalTimeMs = 30000 };

    public static (ProbeOutput Output, long ElapsedMs) Run(HikvisionTwin twin, IsapiOptions? options = null) =>
        Run(twin.Address.ToString(), options ?? Options(twin));

    public static (ProbeOutput Output, long ElapsedMs) Run(string host, IsapiOptions options)
    {
        using var transport = new HttpClientTransport();
        var context = new ProbeContext(host, transport, null, null, SystemClock.Instance, SecureRandomSource.Instance);
        var output = new ProbeOutput();
        var watch = Stopwatch.StartNew();
        new IsapiProbe(options).Run(context, output);
        return (output, watch.ElapsedMilliseconds);
    }

    /// <summary>The facts of a run that must have verified everything.</summary>
    public static FactSet VerifiedFacts(ProbeOutput output)
    {
        var unverified = output.Verdicts().Where(v => v.IsUnverified).Select(v => v.Message).ToList();
        Assert.IsEmpty(unverified, "unexpected 'could not verify': " + string.Join(" | ", unverified));
        return output.Facts;
    }

    public static string[] Lines(FactSet facts) => Enumerable.Range(0, facts.Count).Select(i => facts[i].ToString()).ToArray();

    public static Verdict SingleUnverified(ProbeOutput output)
    {
        var unverified = output.Verdicts().Where(v => v.IsUnverified).ToList();
        Assert.HasCount(1, unverified, "expected one 'could not verify', got: " + string.Join(" | ", output.Verdicts().Select(v => v.ToString())));
        Assert.IsFalse(unverified[0].Message.Contains(Password, StringComparison.Ordinal), "a verdict must never carry the password");
        return unverified[0];
    }
}
