using System.CommandLine;
using System.Text.Json;
using FlaxGuard.Cli.Output;
using FlaxGuard.Server;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard device list</c>: enrolled devices (never their credentials).</summary>
public static class DeviceListCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("list", """
            List enrolled devices with their appliance, address and profile. Once a device's full TCP inventory is not daily (device set --port-inventory), a "port inventory" column says how often every TCP port of each is tried. Whether a login is stored is shown; the login itself never is. Once a device is opted in to the factory-password check, a "factory check" column says which are (--json always has factoryCheck, and portInventorySeconds, 0 for off).

            Examples:
              flaxguard device list
              flaxguard device list --json
            """)
        {
            json, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var appliances = (await store.ListAppliancesAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
            var devices = await store.ListDevicesAsync(null, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(devices.Select(d => new DeviceListJson(
                    d.Id, d.Name, d.ApplianceId, appliances[d.ApplianceId], d.Address, d.Profile,
                    d.Ports, d.PasswordSealed is not null || d.UserSealed is not null, d.FactoryCheck, d.InventoryIntervalSeconds)).ToArray(), CliJsonContext.Default.DeviceListJsonArray));
                return 0;
            }
            if (devices.Count == 0)
            {
                console.WriteLine("No devices enrolled. Add one with 'flaxguard device add <name> --address <ip> --profile <profile>'.");
                return 0;
            }
            // The opt-in column appears once any device has the factory-password check on, so narrow terminals keep the usual table.
            var anyFactoryCheck = devices.Any(d => d.FactoryCheck);
            var table = new Table().AddColumns("name", "id", "appliance", "address", "profile", "login");
            if (anyFactoryCheck) table.AddColumn("factory check");
            // Likewise the schedule column, once any device's full inventory is not the daily default.
            var anyInventory = devices.Any(d => d.InventoryIntervalSeconds != FlaxGuard.Engine.Jobs.JobLimits.DefaultInventoryIntervalSeconds);
            if (anyInventory) table.AddColumn("port inventory");
            foreach (var d in devices)
            {
                string[] cells = [SafeMarkup.Escape(d.Name), d.Id, SafeMarkup.Escape(appliances[d.ApplianceId]), SafeMarkup.Escape(d.Address), d.Profile, d.PasswordSealed is not null ? "stored" : "none"];
                if (anyFactoryCheck) cells = [.. cells, d.FactoryCheck ? "on" : "off"];
                if (anyInventory) cells = [.. cells, PortInventorySchedule.Describe(d.InventoryIntervalSeconds)];
                table.AddRow(cells);
            }
            console.Write(table);
            return 0;
        }));
        return command;
    }
}
