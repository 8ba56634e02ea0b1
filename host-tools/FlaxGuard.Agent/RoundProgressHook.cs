using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Agent;

/// <summary>Logs each target as its report is queued (ids and counts only) and ends the round early when the agent stops.</summary>
internal sealed class RoundProgressHook(AgentLog log, CancellationToken stopping) : ITargetRoundHook
{
    public bool AfterTarget(int index, int count, TargetSummary summary)
    {
        var outcome = summary.ReportBytes > 0 ? $"report {summary.ReportBytes} bytes queued" : "no report queued";
        log.Info($"target {index + 1}/{count} {summary.TargetId}: worst {summary.Highest.ToString().ToLowerInvariant()}, " +
                 $"{summary.Facts} facts, {summary.Verdicts} verdicts{(summary.Drift ? ", drift" : "")}{(summary.Unverified ? ", could not verify everything" : "")}; {outcome}" +
                 (summary.Problem is null ? "" : " (" + summary.Problem + ")"));
        return !stopping.IsCancellationRequested;
    }
}
