using System.CommandLine;
using System.Text.Json;
using FlaxGuard.Cli.Output;
using FlaxGuard.Platform;
using FlaxGuard.Server;
using FlaxGuard.Server.Store;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard status</c>: one line per device, with monitoring-plugin exit codes.</summary>
public static class StatusCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of lines." };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("status", """
            Show each device's state in one line, with Nagios/Icinga exit codes.

            Per device: worst current severity, firmware verdict, age of the last report; then how many devices the appliances found on their LAN that are not checked (not part of the exit code). The first line is a Nagios/Icinga summary; the exit code is 0 OK, 1 WARNING (medium/high findings, or an appliance that has not reported within twice its interval), 2 CRITICAL, 3 UNKNOWN (no report yet, or a check that could not verify).

            Examples:
              flaxguard status
              flaxguard status --json
              PGPASSWORD=... flaxguard status --db postgres://monitor@db.example/flaxguard   # as an Icinga check command
            """)
        {
            json, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var dbValue = parse.GetValue(db);
            if (!StoreFactory.IsPostgres(dbValue))
            {
                var path = dbValue ?? Path.Combine(StoreOptions.DataDirectory(parse, dataDir), DataPaths.DatabaseFileName);
                if (!File.Exists(path))
                {
                    var reason = $"no database at {path}; enroll with 'flaxguard agent add' and 'flaxguard device add'";
                    Console.Out.WriteLine(parse.GetValue(json)
                        ? JsonSerializer.Serialize(new StatusJson(StatusEvaluator.Name(PluginState.Unknown), (int)PluginState.Unknown, reason, 0, []), CliJsonContext.Default.StatusJson)
                        : $"FLAXGUARD UNKNOWN - {reason}");
                    return (int)PluginState.Unknown;
                }
            }
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var summary = await StatusEvaluator.EvaluateAsync(store, StoreOptions.Now(), ct);
            // Devices the appliances found on their LAN that nothing checks: said, never part of the exit code.
            var notChecked = (await store.ListLanDevicesAsync(null, ct)).Count(l => l.EnrolledDeviceId is null);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new StatusJson(
                    StatusEvaluator.Name(summary.Overall),
                    (int)summary.Overall,
                    summary.Reason,
                    notChecked,
                    summary.Devices.Select(d => new StatusDeviceJson(
                        d.DeviceId, d.Name, d.ApplianceName, StatusEvaluator.Name(d.State),
                        d.Worst.ToString().ToLowerInvariant(), d.Firmware, d.LastReportAgeSeconds, d.Reason)).ToArray()),
                    CliJsonContext.Default.StatusJson));
                return (int)summary.Overall;
            }
            var output = Console.Out;
            // Each line whole through TerminalText: reasons carry verdict codes and subjects a device sent.
            output.WriteLine(TerminalText.Safe($"FLAXGUARD {StatusEvaluator.Name(summary.Overall)} - {summary.Reason}"));
            foreach (var d in summary.Devices)
            {
                var age = d.LastReportAgeSeconds is { } s ? StatusEvaluator.Age(s) + " ago" : "never";
                output.WriteLine(TerminalText.Safe($"{StatusEvaluator.Name(d.State),-8} {d.Name} worst={d.Worst.ToString().ToLowerInvariant()} firmware={d.Firmware ?? "unknown"} last-report={age}: {d.Reason}"));
            }
            if (notChecked > 0) output.WriteLine($"Found on your network, not checked: {notChecked} device(s); see 'flaxguard inventory', enrol with 'flaxguard device add NAME --from-discovery ID'");
            return (int)summary.Overall;
        }));
        return command;
    }
}
