using System.CommandLine;
using FlaxGuard.Cli.Checking;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard agent remove</c>: retires an appliance; its key is wiped and refused from then on.</summary>
public static class AgentRemoveCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("appliance") { Description = "Appliance name or id." };
        var yes = YesOption.Create();
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("remove", """
            Remove an appliance (a dongle or Linux agent you retired, lost or gave away). Its key is wiped from the host, and from that moment its job requests and reports are refused (HTTP 403), also by a 'flaxguard serve' that is already running: no restart needed. Reports it already delivered stay as the history of the devices it checked; it disappears from 'flaxguard status' and the dashboard.

            Devices it checks must be moved to another appliance or removed first. Asks before removing; --yes confirms without asking (scripts). To keep the appliance but make a copied or lost key worthless, use 'flaxguard agent rekey' instead.

            Examples:
              flaxguard agent remove attic-pi
              flaxguard device set office-router --appliance office-dongle && flaxguard agent remove attic-pi --yes
            """)
        {
            name, yes, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var appliance = await StoreOptions.RequireAppliance(store, parse.GetValue(name)!, ct);
            var devices = await store.ListDevicesAsync(appliance.Id, ct);
            if (devices.Count > 0)
                throw new UserInputException($"appliance '{appliance.Name}' still checks {string.Join(", ", devices.Select(d => d.Name))}; move each to another appliance with " +
                    "'flaxguard device set DEVICE --appliance OTHER' or remove it with 'flaxguard device remove DEVICE' first");
            if (!Confirmation.Ask($"Remove appliance {appliance.Name} ({appliance.Id}) and refuse its key from now on?", parse.GetValue(yes)))
            {
                console.WriteLine("Nothing removed.");
                return 1;
            }
            if (!await store.RemoveApplianceAsync(appliance.Id, StoreOptions.Now(), ct))
                throw new UserInputException($"appliance '{appliance.Name}' was removed meanwhile");
            console.WriteLine($"Appliance {appliance.Name} ({appliance.Id}) removed: its key is wiped and its requests are refused from now on.");
            return 0;
        }));
        return command;
    }
}
