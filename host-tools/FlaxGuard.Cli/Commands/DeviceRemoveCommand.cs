using System.CommandLine;
using FlaxGuard.Cli.Checking;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard device remove</c>: stops checking a device and deletes its results, baselines and findings.</summary>
public static class DeviceRemoveCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("device") { Description = "Device name or id." };
        var yes = YesOption.Create();
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("remove", """
            Remove a device: its appliance stops checking it with the next job, and its stored results, baselines, findings and credentials are deleted for good. Asks first; --yes confirms without asking (needed in scripts). To keep the history but check it from another appliance, use 'flaxguard device set DEVICE --appliance OTHER' instead.

            Examples:
              flaxguard device remove office-router
              flaxguard device remove office-router --yes   # in a script
            """)
        {
            name, yes, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var device = await StoreOptions.RequireDevice(store, parse.GetValue(name)!, ct);
            var history = await store.LatestResultAsync(device.Id, ct) is null ? "" : " and delete its results, baselines and findings";
            if (!Confirmation.Ask($"Remove device {device.Name} ({device.Id}){history}?", parse.GetValue(yes)))
            {
                console.WriteLine("Nothing removed.");
                return 1;
            }
            if (!await store.RemoveDeviceAsync(device.Id, ct)) throw new UserInputException($"device '{device.Name}' was removed meanwhile");
            console.WriteLine($"Device {device.Name} ({device.Id}) removed.");
            return 0;
        }));
        return command;
    }
}
