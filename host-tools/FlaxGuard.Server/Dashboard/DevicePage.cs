using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Store;
using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

/// <summary>What the device page shows, gathered by <see cref="DashboardEndpoints"/>.</summary>
public sealed record DeviceView(
    DeviceRecord Device, ApplianceRecord Appliance, DeviceStatus Status, TargetResultRecord? Latest,
    BaselineRecord? Approved, BaselineRecord? Proposed, IReadOnlyList<TargetResultRecord> History);

/// <summary>One device: firmware verdict, drift against the approved baseline as a diff, findings over time, baseline decisions.</summary>
public static class DevicePage
{
    public static SafeHtml Render(DeviceView v, AntiforgeryField token, string? message, long now)
    {
        var d = v.Device;
        var notice = message is null ? SafeHtml.Empty : H($"<p class=\"notice\" role=\"status\">{message}</p>");
        return H($"""
            <h1>{Layout.Badge(v.Status.State)} <span class="device-name">{d.Name}</span></h1>
            {notice}
            <p class="reason">{v.Status.Reason}</p>
            <table class="facts"><tbody>
            <tr><th>Address</th><td><code>{d.Address}</code></td></tr>
            <tr><th>Profile</th><td>{d.Profile}</td></tr>
            <tr><th>Factory-password check</th><td>{(d.FactoryCheck ? "on (once a day, within a small attempt budget)" : "off (turn on with flaxguard device set " + d.Name + " --factory-check on)")}</td></tr>
            <tr><th>Port inventory</th><td>{PortInventory(d)}</td></tr>
            <tr><th>Last report</th><td>{(v.Latest is null ? "never" : Layout.Utc(v.Latest.ReceivedAt) + " (" + Layout.Ago(v.Latest.ReceivedAt, now) + ")")}</td></tr>
            </tbody></table>
            <h2>Firmware</h2>
            {Firmware(v.Latest)}
            <h2>Baseline</h2>
            {Baseline(v, token)}
            <h2>Drift from the approved baseline</h2>
            {Drift(v)}
            <h2>Other findings</h2>
            {Findings(v.Latest)}
            <h2>Findings over time</h2>
            {TimelineSvg.Render(v.History)}
            <h2>Appliance</h2>
            {OverviewPage.AppliancesTable([v.Appliance], now)}
            """);
    }

    /// <summary>How often every TCP port is tried, and how to change it.</summary>
    private static string PortInventory(DeviceRecord d) => d.InventoryIntervalSeconds == 0
        ? "off: only the risky ports are tried (turn on with flaxguard device set " + d.Name + " --port-inventory daily)"
        : "every TCP port (1-65535) " + PortInventorySchedule.Describe(d.InventoryIntervalSeconds) + "; a new listening port is drift (change with flaxguard device set " + d.Name + " --port-inventory)";

    private static SafeHtml Firmware(TargetResultRecord? latest)
    {
        if (latest is null) return H($"<p class=\"firmware note\">No report yet.</p>");
        // Every firmware verdict, worst first: known-good or unknown, known-exploited with CVEs, changed, consensus outliers.
        var verdicts = latest.Verdicts.Where(x => x.Kind == VerdictKind.Firmware).OrderByDescending(x => x.Severity).ToList();
        if (verdicts.Count > 0)
            return Join(verdicts.Select(v => H($"<p class=\"firmware\">{Layout.SeverityLabel(v.Severity)} <code>{v.Code}</code> {v.Message}</p>")));
        return H($"<p class=\"firmware\">{latest.Firmware ?? "no firmware facts reported"}</p>");
    }

    private static SafeHtml Baseline(DeviceView v, AntiforgeryField token)
    {
        var action = $"/dashboard/device/{Segment(v.Device.Id)}";
        var lines = new List<SafeHtml>();
        lines.Add(v.Approved is null
            ? H($"<p class=\"baseline-state\">No approved baseline yet: drift is shown once one is approved.</p>")
            : H($"<p class=\"baseline-state\">Approved baseline from {Layout.Utc(v.Approved.DecidedAt ?? v.Approved.CreatedAt)}.</p>"));
        if (v.Proposed is not null)
            lines.Add(H($"<p class=\"proposal\">A baseline proposed from the report of {Layout.Utc(v.Proposed.CreatedAt)} waits for your decision.</p>"));
        var buttons = new List<SafeHtml>();
        if (v.Proposed is not null)
        {
            buttons.Add(Layout.PostButton(action + "/approve", token, "Approve proposed baseline", "primary approve-proposed", "source", "proposed"));
            buttons.Add(Layout.PostButton(action + "/reject", token, "Reject proposed baseline", "danger reject", null, null));
        }
        if (v.Latest is { Unverified: false } && (v.Approved is not null || v.Proposed is null))
            buttons.Add(Layout.PostButton(action + "/approve", token, "Approve current state (after a legitimate update or change)", v.Proposed is null ? "primary approve-latest" : "approve-latest", "source", "latest"));
        if (buttons.Count > 0) lines.Add(H($"<div class=\"actions\">{Join(buttons)}</div>"));
        return Join(lines);
    }

    private static SafeHtml Drift(DeviceView v)
    {
        if (v.Latest is null) return H($"<p class=\"note\">No report yet.</p>");
        if (!v.Latest.HasBaseline) return H($"<p class=\"note\">Not compared: there was no approved baseline when the latest report arrived.</p>");
        if (v.Latest.Drift.Count == 0) return H($"<p class=\"no-drift\">No drift: the latest report matches the approved baseline.</p>");
        var rows = v.Latest.Drift.OrderByDescending(x => x.Severity).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => H($"""
            <tr class="drift-row"><td class="drift-{x.Kind}">{x.Kind}</td><td><code>{x.Key}</code></td><td class="value">{Change(x)}</td><td>{Layout.SeverityLabel(x.Severity)}</td><td>{x.Explanation}</td></tr>
            """));
        return H($"""
            <table class="drift"><thead><tr><th>Change</th><th>Setting</th><th>Old -&gt; new</th><th>Severity</th><th>What it means</th></tr></thead>
            <tbody>{Join(rows)}</tbody></table>
            """);
    }

    private static SafeHtml Change(StoredDrift x) => x.Kind switch
    {
        "added" => H($"<span class=\"new\">{x.NewValue ?? ""}</span>"),
        "removed" => H($"<span class=\"old\">{x.OldValue ?? ""}</span>"),
        _ => H($"<span class=\"old\">{x.OldValue ?? ""}</span> -&gt; <span class=\"new\">{x.NewValue ?? ""}</span>"),
    };

    private static SafeHtml Findings(TargetResultRecord? latest)
    {
        var list = latest?.Verdicts.Where(x => x.Kind != VerdictKind.Firmware && (x.Severity >= Severity.Low || x.Code == Verdict.UnverifiedCode))
            .OrderByDescending(x => x.Severity).ToList() ?? [];
        if (list.Count == 0) return H($"<p class=\"note\">None.</p>");
        var rows = list.Select(x => H($"<tr class=\"finding\"><td>{Layout.SeverityLabel(x.Severity)}</td><td><code>{x.Code}</code></td><td><code>{x.Subject}</code></td><td>{x.Message}</td></tr>"));
        return H($"<table class=\"findings\"><thead><tr><th>Severity</th><th>Code</th><th>Subject</th><th>Message</th></tr></thead><tbody>{Join(rows)}</tbody></table>");
    }
}
