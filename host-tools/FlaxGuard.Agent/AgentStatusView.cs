using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Agent;

/// <summary>What the status outputs show: the engine's status choice plus a few short facts (no secrets, no device data).</summary>
public sealed record AgentStatusView(
    ApplianceStatus Status, string ApplianceName, int Targets, Severity Highest, int QueuedReports, long? SecondsSinceHost, DateTimeOffset? LastRound)
{
    /// <summary>Up to four short lines (21 characters fit one line of a 128-pixel display with a 6-pixel font).</summary>
    public IReadOnlyList<string> Lines() =>
    [
        "FlaxGuard " + StatusWord(Status),
        $"{Targets} dev worst {Highest.ToString().ToLowerInvariant()}",
        $"queue {QueuedReports}",
        SecondsSinceHost is { } s ? $"host {Age(s)} ago" : "host never",
    ];

    public static string StatusWord(ApplianceStatus status) => status switch
    {
        ApplianceStatus.Ok => "OK",
        ApplianceStatus.Drift => "DRIFT",
        ApplianceStatus.Critical => "CRITICAL",
        _ => "OFFLINE",
    };

    private static string Age(long seconds) => seconds < 120 ? seconds + "s" : seconds < 7200 ? seconds / 60 + "m" : seconds / 3600 + "h";
}
