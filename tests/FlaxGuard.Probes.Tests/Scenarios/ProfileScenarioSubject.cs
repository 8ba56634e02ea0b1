using System.Net;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Lab.Twins;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>
/// A vendor twin checked exactly as an appliance checks it: the probes come from <see cref="ProbeProfiles"/>,
/// the table the dongle and the Linux agent use, not from test-specific options.
/// </summary>
public sealed class ProfileScenarioSubject(
    string profile, string user, string password, byte secondOctet,
    Func<IPAddress, string, string, CancellationToken, Task<ILabTwin>> start, string? name = null) : IScenarioSubject
{
    private static int _next = Environment.ProcessId % 97 * 16;

    public string Profile => profile;

    public string Name => name ?? profile;

    public Task<ILabTwin> StartTwinAsync(CancellationToken ct)
    {
        int n = Interlocked.Increment(ref _next);
        // Own third octet range (200+) so the suite never collides with the vendor tests' twins.
        var address = new IPAddress([127, secondOctet, (byte)(200 + n / 250 % 50), (byte)(n % 250 + 1)]);
        return start(address, user, password, ct);
    }

    public IProbe[] CreateProbes(ILabTwin twin) => CreateProbes(twin, password);

    /// <summary>The same probes logging in with <paramref name="otherPassword"/> (as after someone changed the device's password).</summary>
    public IProbe[] CreateProbes(ILabTwin twin, string otherPassword)
    {
        Uri uri = twin.BaseUri;
        var address = ProfileAddress.Of(uri.Scheme, uri.Host.Trim('[', ']'), uri.Port);
        return ProbeProfiles.Create(profile, address, user, otherPassword, [], out string error)
            ?? throw new InvalidOperationException(error);
    }
}
