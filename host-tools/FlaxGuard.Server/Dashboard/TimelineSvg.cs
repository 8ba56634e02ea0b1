using System.Globalization;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Server.Store;
using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

/// <summary>
/// Findings per report over time as inline SVG rendered on the server: one point per report (height = number of
/// findings, colour = worst severity), joined by a line. No script and no external library.
/// </summary>
public static class TimelineSvg
{
    private const int Width = 720, Height = 180, Left = 40, Right = 12, Top = 12, Bottom = 28;

    public static int FindingCount(TargetResultRecord r) =>
        r.Drift.Count(d => d.Severity >= Severity.Low) + r.Verdicts.Count(v => v.Severity >= Severity.Low || v.Code == Verdict.UnverifiedCode);

    public static SafeHtml Render(IReadOnlyList<TargetResultRecord> history)
    {
        if (history.Count == 0) return H($"<p class=\"note timeline-empty\">No reports yet.</p>");
        var counts = history.Select(FindingCount).ToList();
        var maxCount = Math.Max(1, counts.Max());
        var first = history[0].ReceivedAt;
        var span = history[^1].ReceivedAt - first;
        double X(int i) => Left + (Width - Left - Right) * (history.Count == 1 ? 0.5 : span > 0 ? (history[i].ReceivedAt - first) / (double)span : i / (double)(history.Count - 1));
        double Y(int count) => Top + (Height - Top - Bottom) * (1 - count / (double)maxCount);
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var points = string.Join(' ', Enumerable.Range(0, history.Count).Select(i => N(X(i)) + "," + N(Y(counts[i]))));
        var circles = Enumerable.Range(0, history.Count).Select(i =>
        {
            var worst = history[i].Worst.ToString().ToLowerInvariant();
            return H($"<circle class=\"pt pt-{worst}\" cx=\"{N(X(i))}\" cy=\"{N(Y(counts[i]))}\" r=\"4\" data-findings=\"{counts[i]}\"><title>{Layout.Utc(history[i].ReceivedAt)}: {counts[i]} finding(s), worst {worst}</title></circle>");
        });
        var baseline = Height - Bottom;
        return H($"""
            <svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {Height}" role="img" aria-label="findings per report over time">
            <line class="axis" x1="{Left}" y1="{baseline}" x2="{Width - Right}" y2="{baseline}"/><line class="axis" x1="{Left}" y1="{Top}" x2="{Left}" y2="{baseline}"/>
            <text x="{Left - 6}" y="{Top + 4}" text-anchor="end">{maxCount}</text><text x="{Left - 6}" y="{baseline}" text-anchor="end">0</text>
            <text x="{Left}" y="{Height - 8}">{Layout.Utc(first)}</text><text x="{Width - Right}" y="{Height - 8}" text-anchor="end">{Layout.Utc(history[^1].ReceivedAt)}</text>
            <polyline class="trend" points="{points}"/>
            {Join(circles)}
            </svg>
            """);
    }
}
