using FlaxGuard.Engine.Probes;
using FlaxGuard.Lab.Twins;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>A vendor profile under test: how to start its twin and which probes check it.</summary>
public interface IScenarioSubject
{
    string Profile { get; }

    /// <summary>The subject's name in the suite: its profile, or the profile and a variant ("openwrt-21.02").</summary>
    string Name => Profile;

    Task<ILabTwin> StartTwinAsync(CancellationToken ct);

    /// <summary>The probes the appliance would run for this profile, pointed at the twin.</summary>
    IProbe[] CreateProbes(ILabTwin twin);

    /// <summary>The host part the probes address (the twin's loopback address).</summary>
    string Host(ILabTwin twin) => twin.BaseUri.Host;
}
