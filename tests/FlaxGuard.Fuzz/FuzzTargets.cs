using FlaxGuard.Fuzz.Targets;

namespace FlaxGuard.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new JsonTarget(),
        new XmlTarget(),
        new SnmpBerTarget(),
        new DnsTarget(),
        new HttpResponseTarget(),
        new DigestChallengeTarget(),
        new SsdpTarget(),
        new ReportEnvelopeTarget(),
        new JobEnvelopeTarget(),
        new BaselineTarget(),
        new HashDbTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
