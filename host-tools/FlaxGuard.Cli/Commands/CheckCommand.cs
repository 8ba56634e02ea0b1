using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Platform;
using FlaxGuard.Wording;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard check</c>: one device, now, from this machine.</summary>
public static class CheckCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var address = new Argument<string>("address")
        {
            Description = "The device: an IP address, a host name, or the URL of its admin page (http://host:port).",
        };
        var ports = new Option<string>("--ports")
        {
            Description = "TCP ports to try: 'default' (the built-in list of risky ports), numbers and ranges, e.g. 'default,8000-8010', or 'all' (1-65535). 'none' skips the port check.",
            DefaultValueFactory = _ => "default",
        };
        var allPorts = new Option<bool>("--all-ports") { Description = "Also run the full TCP inventory (every port, 1-65535), as appliances do daily: any new listening port is high drift. Same as --ports all." };
        var httpPort = new Option<int?>("--http-port") { Description = "Port of the admin web interface [default: 80, or 443 with --https, or the port in the URL]." };
        var https = new Option<bool>("--https") { Description = "Use HTTPS for the admin web interface (its certificate is fingerprinted, not trusted)." };
        var noHttp = new Option<bool>("--no-http") { Description = "Skip the web interface fingerprint." };
        var paths = new Option<string?>("--paths") { Description = "Comma-separated static files to hash besides those the landing page links to, e.g. '/js/app.js,/favicon.ico'." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare with this approved baseline file and show the drift with severities." };
        var saveBaseline = new Option<string?>("--save-baseline") { Description = "Save what this check found as the approved baseline." };
        var force = new Option<bool>("--force") { Description = "With --save-baseline: replace an existing file." };
        var anyDevice = new Option<bool>("--baseline-any-device") { Description = "With --baseline: compare even though the baseline was approved for another device address (e.g. the device moved)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (for scripts) instead of tables." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Milliseconds to wait for each TCP connect.",
            DefaultValueFactory = _ => 1500,
        };
        var profile = new Option<string>("--profile")
        {
            Description = "How to talk to the device: " + string.Join("; ", ProbeProfiles.Names.Select(n => $"'{n}' = {ProfileDescriptions.For(n)}")) + ".",
            DefaultValueFactory = _ => ProbeProfiles.Web,
        };
        profile.AcceptOnlyFromAmong(ProbeProfiles.Names);
        var user = new Option<string?>("--user") { Description = "Admin account for the vendor profiles (a read-only account is enough for most)." };
        var passwordPrompt = new Option<bool>("--password-prompt") { Description = "Ask for the account's password on the terminal, without echo." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the account's password from the first line of standard input (for scripts)." };
        var probeOptions = new ProbeSettingOptions();
        var hashDb = new Option<string?>("--hashdb") { Description = "Compiled firmware database (flaxguard hashes compile): adds known-good / known-exploited firmware verdicts." };
        var applianceKey = HashesOptions.ApplianceKey();
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "TCP sockets open at once (connects and greetings together).",
            DefaultValueFactory = _ => 64,
        };

        var command = new Command("check", """
            Check one device now: try risky TCP ports, fingerprint its admin web interface or read its settings through the vendor's admin API (--profile), and (with --baseline) show what changed since you approved it.

            Exit codes follow monitoring plugins: 0 OK, 1 WARNING (medium or high findings), 2 CRITICAL, 3 UNKNOWN (something could not be verified, or bad input).

            Examples:
              flaxguard check 192.0.2.1
              flaxguard check http://192.0.2.1:8080 --ports default,8291 --save-baseline router.baseline
              flaxguard check 192.0.2.1 --baseline router.baseline
              flaxguard check cam1.lan --https --paths /doc/script/lib.js --json
              printf '%s\n' "$PASS" | flaxguard check https://192.0.2.1 --profile routeros --user monitor --password-stdin --save-baseline mikrotik.baseline
              flaxguard check 192.0.2.64 --profile hikvision --user admin --password-prompt --hashdb firmware.db --appliance-key appliance.key
              flaxguard check 192.0.2.1 --profile router --dns-resolver 192.0.2.53 --save-baseline router.baseline
              printf '%s\n' "$COMMUNITY" | flaxguard check 192.0.2.1 --profile snmp --snmp v2c --snmp-secrets-stdin
              printf '%s\n%s\n%s\n' "$PASS" "$AUTH" "$PRIV" | flaxguard check 192.0.2.1 --profile openwrt --user root --password-stdin --snmp v3 --snmp-user monitor --snmp-secrets-stdin
            """)
        {
            address, profile, user, passwordPrompt, passwordStdin, ports, allPorts, httpPort, https, noHttp, paths, baseline, saveBaseline, force, anyDevice, json, timeout, concurrency, hashDb, applianceKey,
        };
        probeOptions.AddTo(command);

        command.SetAction(parse =>
        {
            var target = TargetAddress.Parse(parse.GetValue(address)!);
            var portText = parse.GetValue(ports)!;
            var everyPort = parse.GetValue(allPorts) || PortListParser.IsAll(portText);
            var portList = everyPort ? RiskyPorts.DefaultPortNumbers() : portText.Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : PortListParser.Parse(portText);
            var timeoutMs = parse.GetValue(timeout);
            if (timeoutMs is < 50 or > 60_000) throw new UserInputException("--timeout must be between 50 and 60000 milliseconds");
            var inFlight = parse.GetValue(concurrency);
            if (inFlight is < 1 or > 256) throw new UserInputException("--concurrency must be between 1 and 256");
            var scheme = target.Scheme ?? (parse.GetValue(https) ? "https" : "http");
            var port = parse.GetValue(httpPort) ?? target.Port ?? (scheme == "https" ? 443 : 80);
            if (port is < 1 or > 65535) throw new UserInputException("--http-port must be between 1 and 65535");
            var assetPaths = (parse.GetValue(paths) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var p in assetPaths)
            {
                if (!p.StartsWith('/')) throw new UserInputException($"--paths: '{p}' must start with '/'");
            }
            var profileName = parse.GetValue(profile)!;
            var userName = parse.GetValue(user);
            string? password = null;
            if (ProbeProfiles.NeedsCredentials(profileName))
            {
                if (string.IsNullOrEmpty(userName)) throw new UserInputException($"the {profileName} profile logs in to the device: give --user and --password-prompt or --password-stdin");
                password = PasswordInput.Read(parse.GetValue(passwordPrompt), parse.GetValue(passwordStdin), $"Password for {userName} on {target.Host}: ")
                    ?? throw new UserInputException($"the {profileName} profile needs the password of '{userName}': add --password-prompt, or pipe it with --password-stdin");
            }
            // After the password: SNMP secrets come from the same prompt or pipe, in that order.
            var settings = probeOptions.Read(parse, profileName, target.Host);
            settings.WebFingerprint = !parse.GetValue(noHttp);
            var hashDbPath = parse.GetValue(hashDb);
            var hashDbKey = hashDbPath is null ? null : HashesOptions.ReadApplianceKey(parse.GetValue(applianceKey));
            // Vendor profiles read the admin API; the landing-page fingerprint is for plain web devices.
            var checkHttp = !parse.GetValue(noHttp) && profileName == ProbeProfiles.Web;
            if (portList.Length == 0 && !checkHttp && profileName == ProbeProfiles.Web) throw new UserInputException("nothing to check: --ports none together with --no-http");

            var baselinePath = parse.GetValue(baseline);
            var approved = baselinePath is null ? null : BaselineFiles.Load(baselinePath);
            // A baseline names the device it was approved for; another device's would show its whole difference as drift.
            if (approved is not null && approved.DeviceId != target.Host && !parse.GetValue(anyDevice))
                throw new UserInputException($"'{baselinePath}' is the baseline of {TerminalText.Safe(approved.DeviceId)}, not of {target.Host}; use that device's baseline, or add --baseline-any-device if the device moved to this address");
            var savePath = parse.GetValue(saveBaseline);
            if (savePath is not null && File.Exists(savePath) && !parse.GetValue(force))
                throw new UserInputException($"'{savePath}' already exists; add --force to replace the approved baseline in it");

            var request = new CheckRequest
            {
                Target = target,
                Ports = portList,
                AllPorts = everyPort,
                CheckHttp = checkHttp,
                HttpScheme = scheme,
                HttpPort = port,
                AssetPaths = assetPaths,
                ConnectTimeoutMs = timeoutMs,
                Concurrency = inFlight,
                Baseline = approved,
                Profile = profileName,
                User = userName,
                Password = password,
                Settings = settings,
                HashDbPath = hashDbPath,
                HashDbKey = hashDbKey,
            };
            var asJson = parse.GetValue(json);
            using var runner = new CheckRunner();
            var result = asJson
                ? runner.Run(request)
                : console.Status().Spinner(Spinner.Known.Dots).Start($"Checking {SafeMarkup.Escape(target.Host)}…", _ => runner.Run(request));

            if (asJson)
            {
                console.Profile.Out.Writer.WriteLine(JsonRenderer.Render(result));
            }
            else
            {
                if (approved is not null && approved.DeviceId != target.Host)
                    console.MarkupLine($"[yellow]Note:[/] the baseline was approved for {SafeMarkup.Escape(approved.DeviceId)}, this check is of {SafeMarkup.Escape(target.Host)} (--baseline-any-device).");
                new ConsoleRenderer(console).Render(result);
            }
            if (savePath is not null)
            {
                if (!result.FullyVerified)
                    throw new UserInputException("not saving a baseline from a check that could not verify everything; fix the problems above, or leave out what the device does not have (--no-http, --ports), and check again");
                BaselineFiles.Save(savePath, target.Host, result.Facts, parse.GetValue(force));
                if (!asJson) console.MarkupLine($"Saved the approved baseline to [bold]{SafeMarkup.Escape(savePath)}[/] ({result.Facts.Count} facts).");
            }
            return ExitCodes.For(result);
        });
        return command;
    }
}
