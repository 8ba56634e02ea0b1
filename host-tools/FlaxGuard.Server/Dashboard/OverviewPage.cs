using FlaxGuard.Server.Store;
using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

/// <summary>Every device with its badge (the rules of <c>flaxguard status</c>), then every appliance's health.</summary>
public static class OverviewPage
{
    public static SafeHtml Render(StatusSummary summary, IReadOnlyList<ApplianceRecord> appliances, long now)
    {
        var rows = summary.Devices
            .OrderByDescending(d => StatusEvaluator.Rank(d.State)).ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .Select(d => H($"""
                <tr data-device="{d.DeviceId}"><td>{Layout.Badge(d.State)}</td><td><a href="/dashboard/device/{Segment(d.DeviceId)}">{d.Name}</a></td>
                <td>{d.ApplianceName}</td><td>{d.Firmware ?? "unknown"}</td><td>{(d.LastReportAgeSeconds is { } s ? StatusEvaluator.Age(s) + " ago" : "never")}</td><td>{d.Reason}</td></tr>
                """));
        var devices = summary.Devices.Count == 0
            ? H($"<p class=\"note\">No devices yet: enroll one with <code>flaxguard device add</code>.</p>")
            : H($"""
                <table class="devices"><thead><tr><th>State</th><th>Device</th><th>Appliance</th><th>Firmware</th><th>Last report</th><th>Why</th></tr></thead>
                <tbody>{Join(rows)}</tbody></table>
                """);
        return H($"""
            <h1>Overview</h1>
            <p class="summary">{Layout.Badge(summary.Overall)} {summary.Reason}</p>
            {devices}
            <h2>Appliances</h2>
            {AppliancesTable(appliances, now)}
            """);
    }

    public static SafeHtml AppliancesTable(IReadOnlyList<ApplianceRecord> appliances, long now)
    {
        if (appliances.Count == 0) return H($"<p class=\"note\">No appliances yet: create one with <code>flaxguard agent add</code>.</p>");
        var rows = appliances.Select(a =>
        {
            var stale = a.LastSeen is null || now - a.LastSeen > 2L * a.IntervalSeconds;
            var health = stale
                ? H($"<span class=\"stale\">stale: no report for more than twice its {a.IntervalSeconds} s interval</span>")
                : H($"reporting");
            var key = a.KeyRotatedAt is { } rotated
                ? H($"<span class=\"rotated\" title=\"{Layout.Utc(rotated)}\">key rotated {Layout.Ago(rotated, now)}</span>")
                : H($"enrolled key");
            return H($"""
                <tr data-appliance="{a.Id}"><td>{a.Name}</td><td><code>{a.Id}</code></td><td>{Layout.Ago(a.LastSeen, now)}</td>
                <td>{(a.QueueLength is { } q ? q.ToString() : "unknown")}</td><td>{a.IntervalSeconds} s</td><td>{health}</td><td>{key}</td></tr>
                """);
        });
        return H($"""
            <table class="appliances"><thead><tr><th>Appliance</th><th>Id</th><th>Last seen</th><th>Queue length</th><th>Interval</th><th>Health</th><th>Key</th></tr></thead>
            <tbody>{Join(rows)}</tbody></table>
            """);
    }
}
