using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Alerts;

/// <summary>Whether a finding has just appeared (or got worse) or has gone away.</summary>
public enum AlertState
{
    Raised,
    Cleared,
}

/// <summary>
/// One alert for an owner: a finding on one device appeared, got worse, or went away. Every text is already
/// cleaned (no control characters, bounded length); it carries no secrets because findings never contain any.
/// </summary>
/// <param name="Id">Random id of this alert (32 hex); the same across retries so receivers can drop repeats.</param>
/// <param name="FindingKey">Stable key of the finding: a fact key for drift, else the verdict code (and subject).</param>
/// <param name="Sentence">The plain sentence for the owner.</param>
/// <param name="OpenFindings">How many findings of the device are open after this alert.</param>
/// <param name="WorstOpenSeverity">The worst open finding of the device after this alert (None when nothing is open).</param>
public sealed record AlertEvent(
    string Id,
    string ApplianceId,
    string DeviceId,
    string DeviceName,
    string FindingKey,
    Severity Severity,
    string Sentence,
    AlertState State,
    DateTimeOffset Time,
    int OpenFindings,
    Severity WorstOpenSeverity)
{
    /// <summary>"raised" or "cleared".</summary>
    public string StateName => AlertNames.State(State);

    /// <summary>"info", "low", "medium", "high" or "critical" (the engine's names).</summary>
    public string SeverityName => SeverityNames.Name(Severity);
}

/// <summary>One current finding of a device, as the server knows it after a report.</summary>
/// <param name="Key">Stable identity of the finding across reports (see <see cref="FromVerdict"/>).</param>
public sealed record AlertFinding(string Key, Severity Severity, string Sentence)
{
    /// <summary>
    /// A finding from an engine verdict. Drift is keyed by the fact key alone, so "changed" after "added" on the
    /// same fact stays one finding; other verdicts by code and subject.
    /// </summary>
    public static AlertFinding FromVerdict(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        string key;
        if (verdict.Kind == VerdictKind.Drift && verdict.Subject.Length > 0) key = verdict.Subject;
        else if (verdict.Subject.Length > 0) key = verdict.Code + ":" + verdict.Subject;
        else key = verdict.Code;
        return new AlertFinding(key, verdict.Severity, verdict.Message);
    }
}

/// <summary>All current findings of one device after one report (an empty list means: nothing is wrong).</summary>
public sealed record DeviceFindings(
    string ApplianceId,
    string DeviceId,
    string DeviceName,
    IReadOnlyList<AlertFinding> Findings,
    DateTimeOffset Time);

/// <summary>
/// Where a device stands, for channels that show state rather than events (MQTT / Home Assistant): sent for a
/// device the first time the dispatcher sees it in this process (and when its name changes), so devices without
/// findings appear as "no problem" and a restarted server re-announces every device it checks.
/// </summary>
public sealed record DeviceStatus(
    string ApplianceId,
    string DeviceId,
    string DeviceName,
    int OpenFindings,
    Severity WorstOpenSeverity,
    DateTimeOffset Time);

/// <summary>Stable lower-case names used on the wire.</summary>
public static class AlertNames
{
    public static string State(AlertState state) => state == AlertState.Cleared ? "cleared" : "raised";
}
