using System.CommandLine;
using System.Text.Json;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Engine.Discovery;
using FlaxGuard.Platform;
using FlaxGuard.Server.Store;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard inventory</c>: the LAN inventory the host keeps from the appliances' discovery rounds.</summary>
public static class InventoryCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var appliance = new Option<string?>("--appliance") { Description = "Only the devices this appliance (id or name) found." };
        var uncheckedOnly = new Option<bool>("--unchecked") { Description = "Only devices not enrolled yet." };
        var json = new Option<bool>("--json") { Description = "Print the inventory as JSON." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("inventory", """
            List the devices the appliances found on their LANs, as the host keeps them: address, MAC (Linux agent), what the device says it is, the profile FlaxGuard suggests, first and last seen, and whether a device is checked (enrolled at that address).

            The appliances search their LAN every 'serve --discovery-interval' and report what they found, signed. 'flaxguard discover' searches the LAN of this machine now instead. Enrol a device of this list with 'flaxguard device add NAME --from-discovery ID'.

            Examples:
              flaxguard inventory
              flaxguard inventory --unchecked --json
              flaxguard device add hall-cam --from-discovery 7 --user admin --password-prompt
            """)
        {
            appliance, uncheckedOnly, json, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            string? applianceId = null;
            if (parse.GetValue(appliance) is { } wanted)
                applianceId = (await store.FindApplianceAsync(wanted, ct))?.Id ?? throw new UserInputException($"no appliance named '{wanted}'");
            var names = (await store.ListAppliancesAsync(ct)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
            var devices = (await store.ListLanDevicesAsync(applianceId, ct)).Where(d => !parse.GetValue(uncheckedOnly) || d.EnrolledDeviceId is null).ToList();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    devices = devices.Select(d => new
                    {
                        id = d.Id, appliance = names.GetValueOrDefault(d.ApplianceId, d.ApplianceId), applianceId = d.ApplianceId, network = d.Network, address = d.Address,
                        mac = d.Mac, vendor = d.Vendor, model = d.Model, name = d.Name, kind = d.Kind, suggestedProfile = d.Profile, confidence = d.Confidence,
                        reason = d.Reason, foundBy = DiscoverySource.Names(d.Sources), openPorts = d.Ports, firstSeen = d.FirstSeen, lastSeen = d.LastSeen,
                        @checked = d.EnrolledDeviceId is not null, enrolledDevice = d.EnrolledDeviceId,
                    }),
                }, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            if (devices.Count == 0)
            {
                console.WriteLine("No device found on the appliances' networks yet: they report an inventory every 'serve --discovery-interval' (3600 s by default), the first after their first round.");
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).Title("Found on your network")
                .AddColumn("ID").AddColumn("appliance").AddColumn("address").AddColumn("MAC").AddColumn("what it says it is").AddColumn("suggested profile")
                .AddColumn("first seen").AddColumn("last seen").AddColumn("checked");
            // Every text came from a device on the LAN: plain Text cells, never markup.
            foreach (var d in devices)
            {
                table.AddRow(new Text(d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Text(TerminalText.Safe(names.GetValueOrDefault(d.ApplianceId, d.ApplianceId))),
                    new Text(d.Address), new Text(d.Mac), new Text(TerminalText.Safe(d.Identity)),
                    new Text(d.Profile.Length == 0 ? "none" : $"{d.Profile} ({d.Confidence})"),
                    new Text(Time(d.FirstSeen)), new Text(Time(d.LastSeen)), new Text(d.EnrolledDeviceId is null ? "no" : "yes"));
            }
            console.Write(table);
            var open = devices.Count(d => d.EnrolledDeviceId is null);
            if (open > 0) console.WriteLine($"{open} device(s) not checked; enrol one with: flaxguard device add NAME --from-discovery ID");
            return 0;
        }));
        return command;
    }

    private static string Time(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
