using FlaxGuard.Wording;
using FlaxGuard.Engine.Drift;

namespace FlaxGuard.Probes.Tests.Scenarios;

/// <summary>One change applied to one twin, and what the engine made of it.</summary>
public sealed record ScenarioOutcome(string Profile, string Change, bool IsCompromise, IReadOnlyList<DriftChange> Drift, string? Unverified)
{
    public ScenarioExpectation? Expected =>
        IsCompromise && ScenarioExpectation.ForCompromise.TryGetValue(Change, out var e) ? e : null;

    /// <summary>A compromise counts as detected only with the expected key, severity and an owner-readable sentence.</summary>
    public bool Detected => Unverified is null && Expected is { } e && Drift.Any(d => e.IsMetBy(d) && DriftSentences.Has(d.Code));

    /// <summary>Churn must leave no trace at all; every drift change after churn is a false positive.</summary>
    public int FalsePositives => IsCompromise ? 0 : Drift.Count;

    public string Describe()
    {
        string drift = Drift.Count == 0 ? "no drift" : string.Join("; ", Drift.Select(d => $"{DriftChange.KindName(d.Kind)} {d.Key} [{d.Severity}]"));
        string verdict = Unverified is not null ? $"could not verify: {Unverified}" : IsCompromise ? (Detected ? "detected" : "MISSED") : (FalsePositives == 0 ? "quiet" : "FALSE POSITIVE");
        return $"{Profile,-10} {Change,-18} {verdict,-14} {drift}";
    }
}
