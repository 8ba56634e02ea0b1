using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server.Store;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard baseline approve</c>: accepts the proposed baseline, or the latest report after a legitimate change.</summary>
public static class BaselineApproveCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("device") { Description = "Device name or id." };
        var fromLatest = new Option<bool>("--from-latest") { Description = "Approve the facts of the latest fully verified report (after a firmware update or a change you made)." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("approve", """
            Approve a device's baseline: the pending proposal, or with --from-latest the state in its latest fully verified report (one step after a legitimate firmware update or configuration change). The previous baseline is kept as replaced; the appliance receives the new one with its next job.

            Examples:
              flaxguard baseline approve office-router
              flaxguard baseline approve office-router --from-latest
            """)
        {
            name, fromLatest, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var device = await StoreOptions.RequireDevice(store, parse.GetValue(name)!, ct);
            var latest = parse.GetValue(fromLatest);
            var approved = await store.ApproveBaselineAsync(device.Id, latest, StoreOptions.Now(), ct)
                ?? throw new UserInputException(latest
                    ? $"{device.Name} has no fully verified report yet; wait for its appliance to check it"
                    : $"{device.Name} has no proposed baseline; use --from-latest to approve its latest report, or wait for its first report");
            var facts = SqlFlaxStore.DecodeFacts(approved.Facts);
            console.WriteLine($"Baseline of {device.Name} approved: {facts.Count} facts, digest {facts.DigestHex()[..16]}. Later reports are compared with it.");
            return 0;
        }));
        return command;
    }
}
