using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Store;

namespace FlaxGuard.Server;

/// <summary>Monitoring-plugin states, numbered as Nagios/Icinga read exit codes.</summary>
public enum PluginState { Ok = 0, Warning = 1, Critical = 2, Unknown = 3 }

/// <summary>One device's current state for <c>flaxguard status</c> and the dashboard overview.</summary>
public sealed record DeviceStatus(
    string DeviceId, string Name, string ApplianceId, string ApplianceName, PluginState State, Severity Worst,
    string? Firmware, long? LastReportAgeSeconds, string Reason);

public sealed record StatusSummary(IReadOnlyList<DeviceStatus> Devices, PluginState Overall, string Reason);

public static class StatusEvaluator
{
    /// <summary>
    /// Per device: no report yet is UNKNOWN; otherwise the latest result is rated by <see cref="MonitoringRule"/>, the rule
    /// 'flaxguard check' exits with (a critical finding is CRITICAL, a check that could not verify everything is UNKNOWN
    /// even beside high or medium findings, high or medium findings WARN); an OK device whose appliance has been silent for
    /// more than twice its interval is WARNING (the state shown may be old). Overall: CRITICAL over WARNING over UNKNOWN over OK.
    /// </summary>
    public static async Task<StatusSummary> EvaluateAsync(IFlaxStore store, long now, CancellationToken ct)
    {
        var appliances = (await store.ListAppliancesAsync(ct)).ToDictionary(a => a.Id);
        var list = new List<DeviceStatus>();
        var latest = await store.LatestResultsAsync(ct);
        foreach (var d in await store.ListDevicesAsync(null, ct))
        {
            var appliance = appliances[d.ApplianceId];
            var result = latest.GetValueOrDefault(d.Id);
            var silentFor = appliance.LastSeen is { } seen ? now - seen : (long?)null;
            var stale = appliance.LastSeen is null || silentFor > 2L * appliance.IntervalSeconds;
            PluginState state;
            string reason;
            if (result is null)
            {
                (state, reason) = (PluginState.Unknown, "no report yet");
            }
            else
            {
                // The rule 'flaxguard check' exits with (MonitoringRule); a silent appliance then warns that the state may be old.
                state = (PluginState)MonitoringRule.StateOf(result.Worst, !result.Unverified);
                reason = state switch
                {
                    PluginState.Critical => Describe(result),
                    PluginState.Unknown => DescribeUnverified(result),
                    _ when stale => $"appliance {appliance.Name} silent for {Age(silentFor ?? 0)} (interval {appliance.IntervalSeconds} s)",
                    PluginState.Warning => Describe(result),
                    _ => result.HasBaseline ? "no drift from the approved baseline" : "baseline proposed, waiting for approval",
                };
                if (state == PluginState.Ok && stale) state = PluginState.Warning;
            }
            list.Add(new DeviceStatus(d.Id, d.Name, appliance.Id, appliance.Name, state, result?.Worst ?? Severity.None, result?.Firmware,
                result is null ? null : Math.Max(0, now - result.ReceivedAt), reason));
        }
        if (list.Count == 0) return new StatusSummary(list, PluginState.Unknown, "no devices enrolled");
        var overall = list.Select(s => s.State).OrderByDescending(Rank).First();
        var counts = string.Join(", ", list.GroupBy(s => s.State).OrderByDescending(g => Rank(g.Key)).Select(g => $"{g.Count()} {Name(g.Key)}"));
        return new StatusSummary(list, overall, $"{list.Count} device(s): {counts}");
    }

    public static int Rank(PluginState s) => s switch { PluginState.Critical => 3, PluginState.Warning => 2, PluginState.Unknown => 1, _ => 0 };

    public static string Name(PluginState s) => s.ToString().ToUpperInvariant();

    public static string Age(long seconds) => seconds switch
    {
        < 120 => $"{seconds} s",
        < 7200 => $"{seconds / 60} min",
        < 172800 => $"{seconds / 3600} h",
        _ => $"{seconds / 86400} d",
    };

    /// <summary>What could not be verified, and any medium or high finding beside it (it does not make the device less UNKNOWN).</summary>
    private static string DescribeUnverified(TargetResultRecord r)
    {
        var probes = r.Verdicts.Where(v => v.Code == Verdict.UnverifiedCode).Select(v => v.Subject).Where(s => s.Length > 0).Distinct().Take(3).ToList();
        var text = "could not verify" + (probes.Count > 0 ? ": " + string.Join(", ", probes) : " the device");
        var others = r.Drift.Where(d => d.Severity >= Severity.Medium).Select(d => $"{d.Key} {d.Kind}")
            .Concat(r.Verdicts.Where(v => v.Code != Verdict.UnverifiedCode && v.Severity >= Severity.Medium).Select(v => v.Subject.Length > 0 ? $"{v.Code} {v.Subject}" : v.Code))
            .Take(3).ToList();
        return others.Count == 0 ? text : $"{text}; also {string.Join("; ", others)}";
    }

    private static string Describe(TargetResultRecord r)
    {
        var top = r.Drift.Where(d => d.Severity == r.Worst).Select(d => $"{d.Key} {d.Kind}")
            .Concat(r.Verdicts.Where(v => v.Severity == r.Worst).Select(v => v.Subject.Length > 0 ? $"{v.Code} {v.Subject}" : v.Code)).Take(3).ToList();
        return $"{r.Worst.ToString().ToLowerInvariant()}: {string.Join("; ", top)}";
    }
}
