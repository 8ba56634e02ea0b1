using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Probes.Profiles;
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
        var via = new Option<string>("--via") { Description = "Which logins to try: http (the family's API or the web login), telnet, ssh, comma-separated.", DefaultValueFactory = _ => "http,telnet,ssh" };
        var telnetPort = new Option<int>("--telnet-port") { Description = "Telnet port of the device.", DefaultValueFactory = _ => 23 };
        var sshPort = new Option<int>("--ssh-port") { Description = "SSH port of the device.", DefaultValueFactory = _ => 22 };
        var perDay = new Option<int>("--attempts-per-day") { Description = "Login attempts this device may get per day, over all runs (cameras lock accounts after a few failures).", DefaultValueFactory = _ => 10 };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("factory-check", """
            Opt-in: does this enrolled device still accept a factory password?

            Check whether an enrolled device that you opted in ('device set DEVICE --factory-check on') still accepts a factory
            password: the device family's documented default and the credential table of the public Mirai source
            (mirai/bot/scanner.c), tried over the family's API (Hikvision ISAPI, RouterOS REST, OpenWrt ubus) or HTTP Basic/Digest,
            telnet and SSH. A login the device does not offer costs nothing.
            It respects lockouts: a budget of attempts per device per day, and it stops at the first sign of a lockout.
            Which passwords were tried is never printed or logged; one that works is named only as "a factory default for VENDOR".

            Exit codes: 0 OK (none worked), 2 CRITICAL (a factory password works), 3 UNKNOWN (stopped at a lockout, budget spent, no clear answer).

            Examples:
              flaxguard device factory-check cam-door
              flaxguard device factory-check old-dvr --via telnet,ssh --attempts-per-day 20
            """)
        {
            device, via, telnetPort, sshPort, perDay, db, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var ways = parse.GetValue(via)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (ways.Length == 0 || ways.Any(w => w is not ("telnet" or "http" or "ssh"))) throw new UserInputException("--via takes http, telnet and ssh, comma-separated");
            var budget = parse.GetValue(perDay);
            if (budget is < 1 or > 200) throw new UserInputException("--attempts-per-day must be between 1 and 200");
            var port = parse.GetValue(telnetPort);
            if (port is < 1 or > 65535) throw new UserInputException("--telnet-port must be between 1 and 65535");
            var ssh = parse.GetValue(sshPort);
            if (ssh is < 1 or > 65535) throw new UserInputException("--ssh-port must be between 1 and 65535");
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var record = await StoreOptions.RequireDevice(store, parse.GetValue(device)!, ct);
            // Never a sweep, and never a device nobody opted in: the owner turns it on per device.
            if (!record.FactoryCheck)
                throw new UserInputException($"the factory-password check is off for {record.Name}; turn it on with 'flaxguard device set {record.Name} --factory-check on'");
            var address = ProfileAddress.TryParse(record.Address, out var problem) ?? throw new UserInputException($"the address of {record.Name} cannot be used: {problem}");
            using var http = new HttpClientTransport();
            var all = FactoryCheckMethods.For(record.Address, record.Profile, address, http, new SocketTcpConnector(), SystemClock.Instance, SecureRandomSource.Instance,
                ways.Contains("ssh") ? new SshFactoryLogins(ssh) : null);
            var methods = new List<ILoginMethod>();
            if (ways.Contains("http")) methods.Add(all[0]);
            if (ways.Contains("telnet")) methods.Add(port == FactoryCheckMethods.TelnetPort ? all[1] : new TelnetLoginMethod(new SocketTcpConnector(), SystemClock.Instance, address.Host, port, FactoryCheckMethods.TimeoutMs));
            methods.AddRange(all.Skip(2));
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
