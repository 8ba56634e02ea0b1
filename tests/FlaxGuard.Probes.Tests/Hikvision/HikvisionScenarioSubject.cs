using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Hikvision;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Probes.Tests.Scenarios;

namespace FlaxGuard.Probes.Tests.Hikvision;

/// <summary>
/// The Hikvision profile of the scenario suite: the camera twin on 127.83.x.y, checked by the ISAPI probe and the web
/// fingerprint with the family's login page (which hashes the web interface's static files).
/// </summary>
public sealed class HikvisionScenarioSubject : IScenarioSubject
{
    public string Profile => "hikvision";

    public async Task<ILabTwin> StartTwinAsync(CancellationToken ct) =>
        await HikvisionTwin.StartAsync(HikvisionHarness.NextAddress(), 0, HikvisionHarness.User, HikvisionHarness.Password, ct);

    public IProbe[] CreateProbes(ILabTwin twin) =>
    [
        new IsapiProbe(HikvisionHarness.Options((HikvisionTwin)twin)),
        new HttpFingerprintProbe(new HttpFingerprintOptions { Port = twin.BaseUri.Port, LoginPath = new HikvisionFamily().WebLoginPath }),
    ];
}
