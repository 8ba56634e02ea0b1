using System.CommandLine;
using FlaxGuard.Cli.Checking;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard baseline reject</c>: refuses a proposal that does not show the device as it should be.</summary>
public static class BaselineRejectCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("device") { Description = "Device name or id." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("reject", """
            Reject a device's proposed baseline (for example when the first report already shows something you did not set up). The next fully verified report proposes a new one; fix the device first.

            Examples:
              flaxguard baseline reject office-router
            """)
        {
            name, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var device = await StoreOptions.RequireDevice(store, parse.GetValue(name)!, ct);
            _ = await store.RejectBaselineAsync(device.Id, StoreOptions.Now(), ct)
                ?? throw new UserInputException($"{device.Name} has no proposed baseline to reject");
            console.WriteLine($"Proposed baseline of {device.Name} rejected; the next fully verified report proposes a new one.");
            return 0;
        }));
        return command;
    }
}
