using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Wording;

namespace FlaxGuard.Server.Store;

/// <summary>One current finding of a device, before deduplication against the stored ones.</summary>
public sealed record CurrentFinding(string Key, Severity Severity, string Sentence);

/// <summary>What the host makes of one report target: drift against the approved baseline, worst severity, findings.</summary>
public sealed record AnalyzedTarget(
    byte[] Facts, IReadOnlyList<StoredVerdict> Verdicts, IReadOnlyList<StoredDrift> Drift, Severity Worst, bool Unverified,
    string? Firmware, IReadOnlyList<CurrentFinding> Findings);

public static class ReportAnalysis
{
    private static readonly DriftRules Rules = DeviceFamilies.CreateDriftRules();

    /// <summary>
    /// The host computes drift itself from the facts and the approved baseline, so drift verdicts an appliance
    /// may have sent are dropped (they would be counted twice). When any probe could not verify, "removed"
    /// changes are dropped too: the facts are missing because the probe failed, not because the setting went away.
    /// </summary>
    /// <param name="hostVerdicts">Verdicts only the host can give (fleet consensus), stored with the appliance's own.</param>
    public static AnalyzedTarget Analyze(ReportTarget target, FactSet? approved, IReadOnlyList<Verdict>? hostVerdicts = null)
    {
        var all = target.Verdicts.Where(v => v.Kind != VerdictKind.Drift).Concat(hostVerdicts ?? []).ToList();
        var verdicts = all.Select(v => new StoredVerdict(v.Kind, v.Severity, v.Code, v.Subject, v.Message)).ToList();
        var unverified = target.Verdicts.Any(v => v.IsUnverified);
        var (drift, worst, findings) = Rate(target.Facts, verdicts, unverified, approved);
        return new AnalyzedTarget(target.Facts.EncodeCanonical(), verdicts, drift, worst, unverified, Firmware(target.Facts, verdicts), findings);
    }

    /// <summary>
    /// Drift of <paramref name="facts"/> against <paramref name="approved"/>, the worst severity of drift and verdicts,
    /// and the current findings (one per key, the most severe). Also used to re-rate the latest result when a
    /// baseline is approved, so the dashboard does not show accepted changes until the next report.
    /// </summary>
    public static (IReadOnlyList<StoredDrift> Drift, Severity Worst, IReadOnlyList<CurrentFinding> Findings) Rate(
        FactSet facts, IReadOnlyList<StoredVerdict> verdicts, bool unverified, FactSet? approved)
    {
        var drift = new List<StoredDrift>();
        var findings = new List<CurrentFinding>();
        if (approved is not null)
        {
            var report = DriftReport.Compute(approved, facts, Rules);
            for (var i = 0; i < report.Count; i++)
            {
                var change = report[i];
                if (unverified && change.Kind == DriftKind.Removed) continue;
                var sentence = DriftSentences.For(change);
                drift.Add(new StoredDrift(DriftChange.KindName(change.Kind), change.Key, NullIfEmpty(change.OldValue), NullIfEmpty(change.NewValue), change.Severity, sentence));
                // The owner's sentence first, then what changed (the device sends only the rule's code).
                if (change.Severity >= Severity.Low) findings.Add(new CurrentFinding("drift:" + change.Key, change.Severity, sentence + " (" + change.ToVerdict().Message + ")"));
            }
        }
        foreach (var v in verdicts)
        {
            if (v.Severity < Severity.Low && v.Code != Verdict.UnverifiedCode) continue;
            findings.Add(new CurrentFinding($"{v.Code}:{v.Subject}", v.Severity, VerdictAdvice.Sentence(v.Code, v.Message)));
        }
        var worst = Severity.None;
        foreach (var v in verdicts) if (v.Severity > worst) worst = v.Severity;
        foreach (var d in drift) if (d.Severity > worst) worst = d.Severity;
        return (drift, worst, findings.GroupBy(f => f.Key, StringComparer.Ordinal).Select(g => g.OrderByDescending(f => f.Severity).First()).ToList());
    }

    /// <summary>
    /// The most severe firmware verdict in words (the first of equals: the appliance's own verdict before the host's),
    /// or the reported firmware when there is none: the appliance had no firmware database (serve --hashes).
    /// </summary>
    public static string? Firmware(FactSet facts, IReadOnlyList<StoredVerdict> verdicts)
    {
        StoredVerdict? worst = null;
        foreach (var v in verdicts)
        {
            if (v.Kind == VerdictKind.Firmware && (worst is null || v.Severity > worst.Severity)) worst = v;
        }
        if (worst is not null) return $"{worst.Code}: {worst.Message}";
        var parts = new[] { "fw.vendor", "fw.model", "fw.version", "fw.build" }.Select(k => facts.Get(k)?.Value).Where(v => !string.IsNullOrEmpty(v)).ToList();
        return parts.Count == 0 ? null : "not assessed (no firmware database): " + string.Join(' ', parts);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
