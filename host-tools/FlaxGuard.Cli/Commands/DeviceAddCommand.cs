using System.CommandLine;
using System.Text;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Server;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard device add</c>: enrolls a device for an appliance to check. The password never comes from the command line.</summary>
public static class DeviceAddCommand
{
    // The engine's own list: a device enrolled under a profile the appliance cannot check would only ever report "could not verify".
    public static readonly string[] Profiles = FlaxGuard.Engine.Probes.Profiles.ProbeProfiles.Names;

    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string>("name") { Description = "A name for the device, e.g. office-router." };
        var address = new Option<string?>("--address") { Description = "IP address, host name, or http(s):// URL of the device's admin interface (required unless --from-discovery)." };
        var profile = new Option<string?>("--profile") { Description = "What the device is: " + string.Join(", ", Profiles) + " (required unless --from-discovery suggests one)." };
        var fromDiscovery = new Option<long?>("--from-discovery") { Description = "Enrol a device of the LAN inventory by its ID ('flaxguard inventory'): its address, suggested profile and appliance come from there." };
        var ports = new Option<string>("--ports") { Description = "Ports to check, as in 'flaxguard check' (empty: the profile's default).", DefaultValueFactory = _ => "" };
        var user = new Option<string?>("--user") { Description = "Admin user name the appliance logs in with." };
        var prompt = new Option<bool>("--password-prompt") { Description = "Ask for the password on the terminal (not echoed)." };
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (for scripts)." };
        // Declared only to refuse it without echoing the value (an unknown option would be printed back).
        var argvPassword = new Option<string?>("--password") { Hidden = true };
        var appliance = new Option<string?>("--appliance") { Description = "Appliance (id or name) that checks this device; needed when more than one is enrolled." };
        var probeOptions = new ProbeSettingOptions();
        var factoryCheck = FactoryCheckOption.Create();
        var portInventory = PortInventoryOption.Create();
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var command = new Command("add", """
            Enroll a device. Its password is read from the terminal without echo (--password-prompt) or from standard input (--password-stdin), never from the command line, and stored encrypted under the host's master key. The appliance receives it inside its encrypted job.

            Examples:
              flaxguard device add office-router --address 192.0.2.1 --profile openwrt --user root --password-prompt
              printf '%s\n' "$PASS" | flaxguard device add cam-door --address https://192.0.2.64 --profile hikvision --user admin --password-stdin --appliance office-dongle
              flaxguard device add nas --address 192.0.2.20 --profile web
              flaxguard device add home-router --address 192.0.2.1 --profile router --dns-resolver 192.0.2.53
              flaxguard device add hall-cam --from-discovery 7 --user admin --password-prompt
              printf '%s\n' "$COMMUNITY" | flaxguard device add switch --address 192.0.2.30 --profile snmp --snmp v2c --snmp-secrets-stdin
              flaxguard device add old-dvr --address 192.0.2.40 --profile web --factory-check on
              flaxguard device add nas --address 192.0.2.20 --profile web --port-inventory 6h
            """)
        {
            name, address, profile, fromDiscovery, ports, user, prompt, fromStdin, argvPassword, appliance, factoryCheck, portInventory, db, dataDir,
        };
        probeOptions.AddTo(command);
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            if (parse.GetResult(argvPassword) is not null)
                throw new UserInputException("a password on the command line is visible to other users and kept in shell history; use --password-prompt or --password-stdin");
            var deviceName = parse.GetValue(name)!;
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var found = parse.GetValue(fromDiscovery) is { } lanId ? await FromDiscovery(store, lanId, parse.GetValue(appliance), ct) : null;
            var addr = CheckAddress(parse.GetValue(address) ?? found?.Address ?? throw new UserInputException("give --address (or --from-discovery ID from 'flaxguard inventory')"));
            if (found is not null && addr != found.Address) throw new UserInputException($"--address {addr} is not the address of discovered device {found.Id} ({found.Address}); leave --address out");
            var prof = CheckProfile(parse.GetValue(profile) ?? (found is { Profile.Length: > 0 } ? found.Profile : null)
                ?? throw new UserInputException(found is null ? "give --profile" : $"FlaxGuard suggests no profile for discovered device {found.Id}; give --profile"));
            var portList = CheckPorts(parse.GetValue(ports)!);
            var inventorySeconds = PortInventoryOption.Read(parse, portInventory) ?? JobLimits.DefaultInventoryIntervalSeconds;
            var userName = parse.GetValue(user);
            var password = ReadPassword(parse.GetValue(prompt), parse.GetValue(fromStdin), userName, deviceName);
            if (password is not null && userName is null) throw new UserInputException("a password needs --user");
            RequireCredentials(prof, userName, password);
            // SNMP secrets after the password: one pipe can carry both, in that order.
            var settings = probeOptions.Read(parse, prof, deviceName);
            var snmp = settings.HasSnmp ? DeviceSnmp.From(settings) : null;

            var master = StoreOptions.Master(parse, dataDir);
            var applianceId = found?.ApplianceId ?? await ChooseAppliance(store, parse.GetValue(appliance), ct);
            var device = await Enrollment.AddDeviceAsync(store, master, deviceName, applianceId, addr, prof, portList, userName, password, StoreOptions.Now(), ct,
                settings.TrustedResolver, snmp, FactoryCheckOption.Read(parse, factoryCheck) ?? false, inventorySeconds);
            console.WriteLine($"Device {device.Name} enrolled as {device.Id} ({prof} at {addr}), checked by appliance {applianceId}"
                + (password is null && snmp is null ? "." : snmp is null ? "; its password is stored encrypted." : "; its credentials are stored encrypted."));
            if (inventorySeconds != JobLimits.DefaultInventoryIntervalSeconds)
                console.WriteLine(inventorySeconds == 0 ? "Its full TCP inventory is off: only the risky ports are tried."
                    : $"Every TCP port of it is tried {PortInventorySchedule.Describe(inventorySeconds)}, the risky ports every round.");
            if (device.FactoryCheck) console.WriteLine("The factory-password check is on for it: its appliance tries a few factory logins once a day.");
            console.WriteLine($"Its first report proposes a baseline; approve it with: flaxguard baseline approve {device.Name}");
            return 0;
        }));
        return command;
    }

    /// <summary>The LAN inventory entry to enrol: it must exist, not be checked yet, and belong to --appliance when one is named.</summary>
    private static async Task<FlaxGuard.Server.Store.LanDeviceRecord> FromDiscovery(FlaxGuard.Server.Store.IFlaxStore store, long id, string? wanted, CancellationToken ct)
    {
        var found = await store.FindLanDeviceAsync(id, ct) ?? throw new UserInputException($"no device {id} in the LAN inventory; list it with 'flaxguard inventory'");
        if (found.EnrolledDeviceId is not null) throw new UserInputException($"discovered device {id} ({found.Address}) is already checked as device {found.EnrolledDeviceId}");
        if (wanted is not null && (await store.FindApplianceAsync(wanted, ct))?.Id != found.ApplianceId)
            throw new UserInputException($"discovered device {id} was found by another appliance than '{wanted}'; leave --appliance out");
        return found;
    }

    internal static async Task<string> ChooseAppliance(FlaxGuard.Server.Store.IFlaxStore store, string? wanted, CancellationToken ct)
    {
        if (wanted is not null)
            return (await store.FindApplianceAsync(wanted, ct))?.Id ?? throw new UserInputException($"no appliance named '{wanted}'; enroll one with 'flaxguard agent add'");
        var all = await store.ListAppliancesAsync(ct);
        return all.Count switch
        {
            0 => throw new UserInputException("no appliance is enrolled yet; run 'flaxguard agent add <name>' first"),
            1 => all[0].Id,
            _ => throw new UserInputException($"{all.Count} appliances are enrolled; say which checks this device with --appliance ({string.Join(", ", all.Select(a => a.Name))})"),
        };
    }

    /// <summary>
    /// A profile that logs in to the device's admin API (the engine's family table says which) is refused without a user and
    /// password: enrolled without, every check of it could only ever be "could not verify".
    /// </summary>
    internal static void RequireCredentials(string profile, string? userName, string? password)
    {
        if (!ProbeProfiles.NeedsCredentials(profile) || (!string.IsNullOrEmpty(userName) && password is not null)) return;
        throw new UserInputException($"profile '{profile}' logs in to the device's admin interface and needs its credentials: give --user NAME with " +
            "--password-prompt (or pipe the password with --password-stdin); a read-only account is enough. Without a login use --profile web");
    }

    internal static string CheckProfile(string profile)
    {
        var prof = profile.Trim().ToLowerInvariant();
        if (!Profiles.Contains(prof)) throw new UserInputException($"unknown profile '{prof}'; use one of {string.Join(", ", Profiles)}");
        return prof;
    }

    /// <summary>The port list as the appliances will read it (the engine's own parser), so nothing is enrolled that no appliance can check.</summary>
    internal static string CheckPorts(string ports)
    {
        var portList = ports.Trim();
        if (TargetPlan.ParsePortList(portList, out var problem) is null) throw new UserInputException($"--ports: {problem}");
        return portList;
    }

    /// <summary>The password from the terminal or standard input, or null when neither was asked for; bounded as the job format requires.</summary>
    internal static string? ReadPassword(bool usePrompt, bool useStdin, string? userName, string deviceName)
    {
        var password = PasswordInput.Read(usePrompt, useStdin, $"Password for {userName ?? "the device"} on {deviceName}: ");
        if (password is not null && Encoding.UTF8.GetByteCount(password) > JobLimits.MaxCredentialBytes) throw new UserInputException($"the password is longer than {JobLimits.MaxCredentialBytes} bytes");
        return password;
    }

    /// <summary>The address as the appliances will read it (the engine's own parser), so nothing is enrolled that no appliance can check.</summary>
    internal static string CheckAddress(string address)
    {
        address = address.Trim();
        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new UserInputException("--address must be an IP address, host name or http(s) URL without spaces");
        if (ProfileAddress.TryParse(address, out var problem) is null)
            throw new UserInputException($"--address: {problem}" + (address.Contains('@') ? "; use --user and --password-prompt" : ""));
        return address;
    }
}
