using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Agent;

/// <summary>What the status outputs show: the engine's status choice plus a few short facts (no secrets, no device data).</summary>
/// <param name="AnyDrift">The last round found drift against an approved baseline.</param>
/// <param name="AnyUnverified">A device of the last round could not be verified.</param>
public sealed record AgentStatusView(
    ApplianceStatus Status, string ApplianceName, int Targets, Severity Highest, int QueuedReports, long? SecondsSinceHost, DateTimeOffset? LastRound,
    bool AnyDrift = false, bool AnyUnverified = false)
{
    /// <summary>Up to four short lines (21 characters fit one line of a 128-pixel display with a 6-pixel font).</summary>
    public IReadOnlyList<string> Lines() =>
    [
        "FlaxGuard " + StatusWord(Status, AnyDrift, AnyUnverified),
        $"{Targets} dev worst {Highest.ToString().ToLowerInvariant()}",
        $"queue {QueuedReports}",
        SecondsSinceHost is { } s ? $"host {Age(s)} ago" : "host never",
    ];

    /// <summary>The LED's "needs a look" state in words: DRIFT only when something differs from an approved baseline;
    /// otherwise a device could not be verified, or a medium or high finding (a device without a baseline has no drift).</summary>
    public static string StatusWord(ApplianceStatus status, bool anyDrift = false, bool anyUnverified = false) => status switch
    {
        ApplianceStatus.Ok => "OK",
        ApplianceStatus.Drift => anyDrift ? "DRIFT" : anyUnverified ? "UNVERIFIED" : "WARNING",
        ApplianceStatus.Critical => "CRITICAL",
        _ => "OFFLINE",
    };

    private static string Age(long seconds) => seconds < 120 ? seconds + "s" : seconds < 7200 ? seconds / 60 + "m" : seconds / 3600 + "h";
}
