using FlaxGuard.Wording;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;
using Spectre.Console;

namespace FlaxGuard.Cli.Output;

/// <summary>
/// Human output of a check: facts, findings worst first, and drift as a readable diff. Every string that
/// came from the device is escaped, so a hostile banner cannot inject terminal markup.
/// </summary>
public sealed class ConsoleRenderer(IAnsiConsole console)
{
    public void Render(CheckResult result, bool showFacts = true)
    {
        var facts = result.Facts.ToArray();
        console.MarkupLine($"[bold]Checked {SafeMarkup.Escape(result.Target)}[/]: {facts.Length} facts, digest [grey]{result.DigestHex[..16]}…[/]" +
                           (result.VolatileDropped > 0 ? $" [grey]({result.VolatileDropped} volatile values ignored)[/]" : ""));
        if (showFacts && facts.Length > 0) RenderFacts(facts);
        RenderVerdicts(result.Verdicts.Where(v => v.Kind != VerdictKind.Drift).ToArray());
        if (result.Drift is { } drift) RenderDrift(drift);
        RenderSummary(result);
    }

    private void RenderFacts(Fact[] facts)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Facts").AddColumn("key").AddColumn("value").AddColumn("kind");
        foreach (var f in facts)
            table.AddRow(SafeMarkup.Text(f.Key), SafeMarkup.Text(Shorten(f.Value)), new Text(FlaxGuard.Engine.Baselines.BaselineText.KindName(f.Kind), new Style(Color.Grey)));
        console.Write(table);
    }

    private void RenderVerdicts(Verdict[] verdicts)
    {
        if (verdicts.Length == 0)
        {
            console.MarkupLine("[green]No exposure findings.[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title("Findings").AddColumn("severity").AddColumn("finding").AddColumn("where").AddColumn("what it means");
        foreach (var v in verdicts.OrderByDescending(v => v.Severity).ThenBy(v => v.Subject, StringComparer.Ordinal))
            table.AddRow(SeverityText(v.Severity), SafeMarkup.Text(v.Code), SafeMarkup.Text(v.Subject), SafeMarkup.Text(v.Message));
        console.Write(table);
    }

    private void RenderDrift(DriftReport drift)
    {
        if (drift.Count == 0)
        {
            console.MarkupLine("[green]No drift: everything matches the approved baseline.[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title($"Drift from the approved baseline ({drift.Count} change{(drift.Count == 1 ? "" : "s")})")
            .AddColumn("severity").AddColumn("change").AddColumn("fact").AddColumn("was").AddColumn("now");
        var changes = Enumerable.Range(0, drift.Count).Select(i => drift[i]).OrderByDescending(c => c.Severity).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray();
        foreach (var c in changes)
        {
            var sign = c.Kind switch { DriftKind.Added => "+ added", DriftKind.Removed => "- removed", _ => "~ changed" };
            table.AddRow(SeverityText(c.Severity), new Text(sign), SafeMarkup.Text(c.Key), SafeMarkup.Text(Shorten(c.OldValue ?? "")), SafeMarkup.Text(Shorten(c.NewValue ?? "")));
        }
        console.Write(table);
        foreach (var explanation in changes.Where(c => c.Severity >= Severity.Medium).Select(c => (c.Severity, Explanation: DriftSentences.For(c))).Distinct())
            console.MarkupLine($"  {SeverityMarkup(explanation.Severity)} {SafeMarkup.Escape(explanation.Explanation)}");
    }

    private void RenderSummary(CheckResult result)
    {
        var counts = result.Verdicts.GroupBy(v => v.Severity).Where(g => g.Key >= Severity.Medium).OrderByDescending(g => g.Key)
            .Select(g => $"{g.Count()} {SeverityNames.Name(g.Key)}").ToArray();
        var code = ExitCodes.For(result);
        var color = code switch { ExitCodes.Ok => "green", ExitCodes.Warning => "yellow", ExitCodes.Critical => "red", _ => "fuchsia" };
        var detail = counts.Length == 0 ? "nothing above low severity" : string.Join(", ", counts);
        if (!result.FullyVerified) detail += "; some checks could not be verified";
        console.MarkupLine($"[bold {color}]{ExitCodes.Name(code)}[/]: {SafeMarkup.Escape(detail)}");
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..19] + "…" + value[^19..];

    private static Text SeverityText(Severity s) => new(SeverityNames.Name(s), new Style(SeverityColor(s), decoration: s >= Severity.High ? Decoration.Bold : Decoration.None));

    private static string SeverityMarkup(Severity s) => $"[{SeverityColor(s).ToMarkup()}]{SeverityNames.Name(s)}:[/]";

    private static Color SeverityColor(Severity s) => s switch
    {
        Severity.Critical => Color.Red,
        Severity.High => Color.OrangeRed1,
        Severity.Medium => Color.Yellow,
        Severity.Low => Color.Grey,
        _ => Color.Grey50,
    };
}
