using System.CommandLine;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Platform;
using FlaxGuard.Server.Store;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard baseline show</c>: the approved and proposed baselines, and the latest drift.</summary>
public static class BaselineShowCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("device") { Description = "Device name or id." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("show", """
            Print a device's approved baseline and any pending proposal in the reviewable baseline text form, then the drift of its latest report.

            Examples:
              flaxguard baseline show office-router
              flaxguard baseline show office-router > office-router.baseline
            """)
        {
            name, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var device = await StoreOptions.RequireDevice(store, parse.GetValue(name)!, ct);
            var approved = await store.LatestBaselineAsync(device.Id, BaselineState.Approved, ct);
            var proposed = await store.LatestBaselineAsync(device.Id, BaselineState.Proposed, ct);
            var output = Console.Out;
            if (approved is null && proposed is null) output.WriteLine(TerminalText.Safe($"# {device.Name}: no baseline yet (it is proposed by the device's first fully verified report)"));
            if (approved is not null)
            {
                output.WriteLine(TerminalText.Safe($"# approved baseline of {device.Name}"));
                output.Write(TerminalText.Lines(BaselineText.Format(new Baseline(device.Id, approved.CreatedAt, SqlFlaxStore.DecodeFacts(approved.Facts)))));
            }
            if (proposed is not null)
            {
                output.WriteLine(TerminalText.Safe($"# proposed baseline of {device.Name}, waiting for 'flaxguard baseline approve {device.Name}'"));
                output.Write(TerminalText.Lines(BaselineText.Format(new Baseline(device.Id, proposed.CreatedAt, SqlFlaxStore.DecodeFacts(proposed.Facts)))));
            }
            var latest = await store.LatestResultAsync(device.Id, ct);
            if (latest is { HasBaseline: true })
            {
                output.WriteLine(latest.Drift.Count == 0 ? "# latest report: no drift" : $"# latest report: {latest.Drift.Count} change(s)");
                foreach (var d in latest.Drift)
                    output.WriteLine(TerminalText.Safe($"# {d.Severity.ToString().ToLowerInvariant(),-8} {d.Kind,-7} {d.Key}: {d.OldValue ?? "-"} -> {d.NewValue ?? "-"}  {d.Explanation}"));
            }
            return 0;
        }));
        return command;
    }
}
