using System.CommandLine;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard device remove</c>: stops checking a device and deletes its results, baselines and findings.</summary>
public static class DeviceRemoveCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("device") { Description = "Device name or id." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("remove", """
            Remove a device: its appliance stops checking it with the next job, and its stored results, baselines, findings and credentials are deleted.

            Examples:
              flaxguard device remove office-router
            """)
        {
            name, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var device = await StoreOptions.RequireDevice(store, parse.GetValue(name)!, ct);
            await store.RemoveDeviceAsync(device.Id, ct);
            console.WriteLine($"Device {device.Name} ({device.Id}) removed.");
            return 0;
        }));
        return command;
    }
}
