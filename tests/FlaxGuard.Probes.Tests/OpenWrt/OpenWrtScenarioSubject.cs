using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Probes.Tests.Scenarios;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>The OpenWrt profile of the scenario suite: the ubus twin on 127.81.x.y, checked by the ubus probe.</summary>
public sealed class OpenWrtScenarioSubject : IScenarioSubject
{
    public string Profile => "openwrt";

    public async Task<ILabTwin> StartTwinAsync(CancellationToken ct) =>
        await OpenWrtTwin.StartAsync(OpenWrtLab.NextAddress(), 0, OpenWrtLab.User, OpenWrtLab.Password, ct);

    public IProbe[] CreateProbes(ILabTwin twin) => [new UbusProbe(OpenWrtLab.Options((OpenWrtTwin)twin))];
}
