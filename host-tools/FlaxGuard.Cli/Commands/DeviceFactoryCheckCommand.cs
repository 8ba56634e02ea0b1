using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.FactoryPasswords;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// <c>flaxguard device factory-check</c>: the opt-in factory-password check of one enrolled device. It is never a
/// sweep: the device must be enrolled and named; the attempt budget per day lives in the data directory.
/// </summary>
public static class DeviceFactoryCheckCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var device = new Argument<string>("device") { Description = "Enrolled device name or id (only this device is tried)." };
        var via = new Option<string>("--via") { Description = "How to log in: telnet, http, or both ('telnet,http').", DefaultValueFactory = _ => "telnet,http" };
        var telnetPort = new Option<int>("--telnet-port") { Description = "Telnet port of the device.", DefaultValueFactory = _ => 23 };
        var perDay = new Option<int>("--attempts-per-day") { Description = "Login attempts this device may get per day, over all runs (cameras lock accounts after a few failures).", DefaultValueFactory = _ => 10 };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("factory-check", """
            Opt-in: does this enrolled device still accept a factory password?

            Check whether an enrolled device still accepts a factory password: the device family's documented default and the
            credential table of the public Mirai source (mirai/bot/scanner.c), tried over telnet and HTTP Basic/Digest.
            It respects lockouts: a budget of attempts per device per day, and it stops at the first sign of a lockout.
            Which passwords were tried is never printed or logged; one that works is named only as "a factory default for VENDOR".

            Exit codes: 0 OK (none worked), 2 CRITICAL (a factory password works), 3 UNKNOWN (stopped at a lockout, budget spent, no clear answer).

            Examples:
              flaxguard device factory-check cam-door
              flaxguard device factory-check old-dvr --via telnet --attempts-per-day 20
            """)
        {
            device, via, telnetPort, perDay, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var ways = parse.GetValue(via)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ways.Length == 0 || ways.Any(w => w is not ("telnet" or "http"))) throw new UserInputException("--via takes telnet, http or both");
            var budget = parse.GetValue(perDay);
            if (budget is < 1 or > 200) throw new UserInputException("--attempts-per-day must be between 1 and 200");
            var port = parse.GetValue(telnetPort);
            if (port is < 1 or > 65535) throw new UserInputException("--telnet-port must be between 1 and 65535");
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var record = await StoreOptions.RequireDevice(store, parse.GetValue(device)!, ct);
            var isUrl = record.Address.Contains("://", StringComparison.Ordinal);
            var uri = new Uri(isUrl ? record.Address : "http://" + record.Address);
            var host = uri.Host.Trim('[', ']');
            // A vendor profile logs in where its API lives; a web device where it was enrolled (its admin page).
            var loginUrl = record.Profile == "web" && isUrl ? record.Address : HttpLoginMethod.LoginUrl(uri.GetLeftPart(UriPartial.Authority), record.Profile);
            using var http = new HttpClientTransport();
            var methods = new List<ILoginMethod>();
            if (ways.Contains("telnet")) methods.Add(new TelnetLoginMethod(new SocketTcpConnector(), SystemClock.Instance, host, port, 8000));
            if (ways.Contains("http")) methods.Add(new HttpLoginMethod(http, SecureRandomSource.Instance, loginUrl, 5000));
            var budgetStore = new DirectoryKeyValueStore(Path.Combine(StoreOptions.DataDirectory(parse, dataDir), "factory-check"));
            var check = new FactoryPasswordCheck(budgetStore, SystemClock.Instance) { AttemptsPerDay = budget };
            var verdict = console.Status().Start($"Trying factory passwords on {record.Name}…", _ => check.Run(record.Id, record.Profile, methods.ToArray()))[0];
            var code = verdict.Severity == Severity.Critical ? ExitCodes.Critical : verdict.IsUnverified || check.StoppedBecause == "budget" ? ExitCodes.Unknown : ExitCodes.Ok;
            console.MarkupLine($"[bold]{ExitCodes.Name(code)}[/]: {SafeMarkup.Escape(record.Name)}: {SafeMarkup.Escape(verdict.Message)} ({check.Attempts} attempt(s) this run)");
            return code;
        }));
        return command;
    }
}
