using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard device set</c>: changes an enrolled device (new password, address, profile...) and keeps its history.</summary>
public static class DeviceSetCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var device = new Argument<string>("device") { Description = "Device name or id." };
        var rename = new Option<string?>("--name") { Description = "A new name for the device." };
        var address = new Option<string?>("--address") { Description = "New IP address, host name, or http(s):// URL of its admin interface." };
        var profile = new Option<string?>("--profile") { Description = "What the device is: " + string.Join(", ", DeviceAddCommand.Profiles) + "." };
        var ports = new Option<string?>("--ports") { Description = "Ports to check, as in 'flaxguard check' (empty: the profile's default)." };
        var user = new Option<string?>("--user") { Description = "New admin user name the appliance logs in with." };
        var prompt = new Option<bool>("--password-prompt") { Description = "Ask for a new password on the terminal (not echoed)." };
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read a new password from the first line of standard input (for scripts)." };
        var noCredentials = new Option<bool>("--no-credentials") { Description = "Forget the stored user name and password (the device is then checked without logging in)." };
        // Declared only to refuse it without echoing the value (an unknown option would be printed back).
        var argvPassword = new Option<string?>("--password") { Hidden = true };
        var appliance = new Option<string?>("--appliance") { Description = "Move the device to another appliance (id or name)." };
        var probeOptions = new ProbeSettingOptions();
        var noSnmp = new Option<bool>("--no-snmp") { Description = "Forget the stored SNMP credentials (SNMP is then not asked)." };
        var factoryCheck = FactoryCheckOption.Create();
        var portInventory = PortInventoryOption.Create();
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("set", """
            Change an enrolled device. Only what you give changes; results, baselines and findings stay. Use it when the device's password was changed (rotate it here too, or checks fail with "refused the credentials"), when its address moved, or to rename it. The appliance gets the change with its next job.

            A new address or profile can change what the checks see: after the next report, look at 'flaxguard baseline show' and approve the new state with 'flaxguard baseline approve DEVICE --from-latest' if it is right.

            Examples:
              flaxguard device set office-router --password-prompt
              printf '%s\n' "$NEW_PASS" | flaxguard device set cam-door --password-stdin
              flaxguard device set office-router --address 192.0.2.254 --name main-router
              flaxguard device set nas --no-credentials
              flaxguard device set office-router --dns-resolver 192.0.2.53
              flaxguard device set cam-door --factory-check on
              flaxguard device set nas --port-inventory 6h
              flaxguard device set cam-door --port-inventory off
              printf '%s\n%s\n' "$AUTH" "$PRIV" | flaxguard device set office-router --snmp v3 --snmp-user monitor --snmp-secrets-stdin
            """)
        {
            device, rename, address, profile, ports, user, prompt, fromStdin, noCredentials, argvPassword, appliance, noSnmp, factoryCheck, portInventory, db, dataDir,
        };
        probeOptions.AddTo(command);
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            if (parse.GetResult(argvPassword) is not null)
                throw new UserInputException("a password on the command line is visible to other users and kept in shell history; use --password-prompt or --password-stdin");
            var clear = parse.GetValue(noCredentials);
            var userName = parse.GetValue(user);
            var wantsPassword = parse.GetValue(prompt) || parse.GetValue(fromStdin);
            if (clear && (userName is not null || wantsPassword))
                throw new UserInputException("--no-credentials cannot be combined with --user or a new password");
            var newName = parse.GetValue(rename);
            var newAddress = parse.GetValue(address) is { } a ? DeviceAddCommand.CheckAddress(a) : null;
            var newProfile = parse.GetValue(profile) is { } p ? DeviceAddCommand.CheckProfile(p) : null;
            var newPorts = parse.GetValue(ports) is { } ps ? DeviceAddCommand.CheckPorts(ps) : null;

            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var current = await StoreOptions.RequireDevice(store, parse.GetValue(device)!, ct);
            var newAppliance = parse.GetValue(appliance) is { } wanted ? await DeviceAddCommand.ChooseAppliance(store, wanted, ct) : null;
            var clearSnmp = parse.GetValue(noSnmp);
            if (clearSnmp && parse.GetValue(probeOptions.Snmp) is not null) throw new UserInputException("--no-snmp cannot be combined with --snmp");
            var resolverText = parse.GetValue(probeOptions.DnsResolver);
            var update = new DeviceUpdate(newName, newAddress, newProfile, newPorts, newAppliance, userName, null, clear, ClearSnmp: clearSnmp,
                FactoryCheck: FactoryCheckOption.Read(parse, factoryCheck), InventoryIntervalSeconds: PortInventoryOption.Read(parse, portInventory));
            if (update.IsEmpty && !wantsPassword && !probeOptions.AnyGiven(parse))
                throw new UserInputException("nothing to change; give at least one of --name, --address, --profile, --ports, --user, --password-prompt, --password-stdin, --no-credentials, --appliance, --dns-resolver, --snmp, --no-snmp, --factory-check, --port-inventory");
            // Only after everything else checked out, so a typo never costs a typed password.
            var password = DeviceAddCommand.ReadPassword(parse.GetValue(prompt), parse.GetValue(fromStdin), userName, current.Name);
            if (password is not null && userName is null && current.UserSealed is null)
                throw new UserInputException("the device has no user name yet; give --user with the password");
            var settings = probeOptions.Read(parse, update.Profile ?? current.Profile, current.Name, requireSnmpForProfile: false);
            update = update with
            {
                Password = password,
                DnsResolver = resolverText is null ? null : settings.TrustedResolver,
                Snmp = settings.HasSnmp ? DeviceSnmp.From(settings) : null,
            };
            var hasSnmp = !clearSnmp && (settings.HasSnmp || current.SnmpSealed is not null);
            if ((update.Profile ?? current.Profile) == FlaxGuard.Engine.Probes.Profiles.ProbeProfiles.Snmp && !hasSnmp)
                throw new UserInputException("the snmp profile needs SNMP credentials: give --snmp v2c or --snmp v3 with --snmp-secrets-prompt or --snmp-secrets-stdin");
            var profileAfter = update.Profile ?? current.Profile;
            var hasUser = !clear && (userName is not null || current.UserSealed is not null);
            var hasPassword = !clear && (password is not null || current.PasswordSealed is not null);
            DeviceAddCommand.RequireCredentials(profileAfter, hasUser ? "set" : null, hasPassword ? "set" : null);

            var master = StoreOptions.Master(parse, dataDir);
            var changed = await Enrollment.UpdateDeviceAsync(store, master, current, update, ct);
            console.WriteLine($"Device {changed.Name} ({changed.Id}) updated: {string.Join(", ", update.ChangedFields())}"
                + (password is null && update.Snmp is null ? "." : "; the new secrets are stored encrypted."));
            console.WriteLine($"Appliance {changed.ApplianceId} gets the change with its next job.");
            if (update.Address is not null || update.Profile is not null || update.Ports is not null)
                console.WriteLine($"After its next report, check 'flaxguard baseline show {changed.Name}' and approve the new state with 'flaxguard baseline approve {changed.Name} --from-latest' if it is right.");
            return 0;
        }));
        return command;
    }
}
