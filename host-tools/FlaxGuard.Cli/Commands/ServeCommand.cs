using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Server.Alerting;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Store;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard serve</c>: the collector appliances fetch jobs from and post reports to.</summary>
public static class ServeCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on.", DefaultValueFactory = _ => ServerOptions.DefaultListen };
        var db = StoreOptions.Db();
        var dataDir = StoreOptions.DataDir();
        var alert = new Option<string[]>("--alert")
        {
            Description = "Send an alert for every new or worse finding (repeat for several): webhook+https://host/path[#secret-file=PATH], syslog+udp://host:514, syslog+tcp://host:514, mqtt://[user@]host:1883[?password-file=PATH] (Home Assistant discovery). Secrets only from files.",
            AllowMultipleArgumentsPerToken = false,
        };
        var dashboardAuth = new Option<string>("--dashboard-auth") { Description = "Dashboard login: 'auto' (required unless listening on loopback) or 'required'.", DefaultValueFactory = _ => "auto" };
        var tlsName = new Option<string[]>("--tls-name")
        {
            Description = "A DNS name or IP address appliances reach this host at, put in the host CA's server certificate (repeat for several). Default: the --listen address (and localhost on loopback; on 0.0.0.0 this machine's name and addresses).",
            AllowMultipleArgumentsPerToken = false,
        };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "Use your own server certificate (PEM, optionally followed by its issuer chain) instead of the host CA's. Needs --tls-key." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "The unencrypted PEM private key of --tls-cert (keep it mode 0600)." };
        var allowedHost = new Option<string[]>("--allowed-host")
        {
            Description = "Another DNS name or IP address browsers and appliances may reach this host by (repeat for several): the host of an 'agent add --host-url' that is not a --tls-name, e.g. with --plain-http behind a proxy. Requests naming any other host in their Host header are refused (421), which keeps DNS-rebinding web pages away from the dashboard.",
            AllowMultipleArgumentsPerToken = false,
        };
        var hashes = new Option<string?>("--hashes") { Description = "Serve this signed firmware data directory (the repository's hashes/) to appliances: verified at start, compiled for each appliance, its version named in every job. Without it, appliances give no firmware verdicts." };
        var hashesKey = new Option<string?>("--hashes-public-key") { Description = "Trust this Ed25519 public key for --hashes instead of the FlaxGuard release keys built into this tool (a private data set)." };
        var plainHttp = new Option<bool>("--plain-http") { Description = "Serve plain HTTP without TLS (behind a TLS proxy, or for tests). Reports and the dashboard are then not protected." };
        var retainDays = new Option<int>("--retain-days")
        {
            Description = "Keep check results, resolved findings, decided baselines and LAN devices not seen again this many days (by when the host received them). A device's latest result, its baselines in use and open findings are always kept.",
            DefaultValueFactory = _ => RetentionPolicy.DefaultDays,
        };
        var retainResults = new Option<int>("--retain-results")
        {
            Description = "Keep at most this many results per device (the newest).",
            DefaultValueFactory = _ => RetentionPolicy.DefaultResultsPerDevice,
        };
        var applianceQuota = new Option<int>("--appliance-quota-mb")
        {
            Description = "MiB of reports one appliance may store per hour; more is answered 429 and the appliance sends it later (nothing is lost).",
            DefaultValueFactory = _ => (int)(ApplianceQuota.DefaultBytesPerHour / (1024 * 1024)),
        };
        var discoveryInterval = new Option<int>("--discovery-interval")
        {
            Description = "Seconds between two LAN discovery rounds of each appliance (300 to 604800; 0 turns discovery off). Each round's inventory reaches the host as a signed report.",
            DefaultValueFactory = _ => JobLimits.DefaultDiscoveryIntervalSeconds,
        };
        var noNewDeviceAlerts = new Option<bool>("--no-new-device-alerts") { Description = "Do not alert when a device appears on an appliance's LAN for the first time (it is still listed under 'Found on your network' and by 'flaxguard inventory')." };
        var command = new Command("serve", """
            Run the collector that appliances fetch their jobs from and post their signed reports to.

            Serves HTTPS by default. On first use it creates a private host certificate authority in <data dir>/tls (ca.crt, ca.key; ECDSA P-256, 20 years) and a server certificate it signs for the --tls-name names (one year; re-issued automatically before it expires or when the names change). 'flaxguard agent add' puts ca.crt into each provisioning file and the appliance trusts only that CA. Back up <data dir>/tls with master.key: the CA is never re-created while its files exist, and a new CA would strand every enrolled appliance (each would need a new provisioning file). With --tls-cert/--tls-key your own certificate is served instead; then give its issuer's certificate to 'flaxguard agent add --ca FILE'.

            History is pruned at start and every hour: results older than --retain-days (180) or beyond the newest --retain-results (60000) of a device, resolved findings and decided baselines older than --retain-days. The latest result of every device, the baselines in use and open findings stay. Each appliance may store --appliance-quota-mb (128) MiB of reports per hour, so a runaway or stolen appliance cannot fill the disk.

            Appliances fetch their signed job (devices, credentials, approved baselines, the firmware database version) from GET /api/v1/job, the firmware database compiled for them from GET /api/v1/hashdb (with --hashes; read in ranges), and post signed reports to POST /api/v1/reports; GET /api/v1/health shows refusal counters and appliance health. Forged, replayed, oversized, malformed, stale and unknown-appliance reports are refused with a status and reason, counted, and not stored. A report is acknowledged only after it is committed. GET /api/v1/health answers {"status":"ok"}, with the details only for those who may see the dashboard.

            LAN inventory: every --discovery-interval (3600 s) each appliance searches its LAN (SSDP, mDNS, WS-Discovery, a bounded admin-port sweep) after a round of checks and sends what it found as a signed report. The host keeps each device with first and last sighting, lists the ones not yet checked on the dashboard ("Found on your network", with an enrol form) and in 'flaxguard inventory', and alerts on every --alert channel when a device appears that the appliance never saw before (its first inventory is the baseline and alerts nothing; --no-new-device-alerts turns these alerts off).

            Requests must name this host in their Host header: the --listen address (on loopback also localhost, 127.0.0.1 and ::1; on 0.0.0.0 this machine's names and addresses), the server certificate's names (--tls-name) and every --allowed-host. Any other name gets 421 (Misdirected Request): a web page that re-points its own DNS name at this host (DNS rebinding) cannot use the dashboard. Malformed HTTP gets a 4xx; refusals are logged at most 10 lines per client and minute and counted. The dashboard is at /dashboard: open on a loopback address, behind the dashboard password (set with 'flaxguard dashboard password') on any other address or with --dashboard-auth required. Stop with Ctrl+C.

            Examples:
              flaxguard serve
              flaxguard serve --listen 0.0.0.0:8443 --db /var/lib/flaxguard/flaxguard.db
              flaxguard serve --listen 192.0.2.10:8443 --tls-name 192.0.2.10 --tls-name flaxguard.lan
              flaxguard serve --tls-cert /etc/flaxguard/server.pem --tls-key /etc/flaxguard/server.key
              flaxguard serve --hashes ./hashes   # firmware verdicts: known-good, unknown, known-exploited, changed
              flaxguard serve --plain-http   # behind a TLS-terminating proxy
              flaxguard serve --plain-http --listen 0.0.0.0:8080 --allowed-host flaxguard.lan   # appliances use http://flaxguard.lan:8080
              flaxguard serve --db "postgres://flaxguard@db.example:5432/flaxguard?password-file=/etc/flaxguard/db.pass"
              flaxguard serve --listen 127.0.0.1:8443 --dashboard-auth required
              flaxguard serve --retain-days 365 --retain-results 200000
              flaxguard serve --alert "webhook+https://hooks.example/flaxguard#secret-file=/etc/flaxguard/hook.secret" --alert syslog+udp://127.0.0.1:514
              flaxguard serve --discovery-interval 0   # no LAN discovery
              flaxguard serve --alert "mqtt://flaxguard@127.0.0.1:1883?password-file=/etc/flaxguard/mqtt.pass"
            """)
        {
            listen, db, dataDir, alert, dashboardAuth, tlsName, tlsCert, tlsKey, allowedHost, plainHttp, retainDays, retainResults, applianceQuota, hashes, hashesKey, discoveryInterval, noNewDeviceAlerts,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var endpoint = ServerOptions.ParseListen(parse.GetValue(listen)!);
            var retention = RetentionPolicy.Create(parse.GetValue(retainDays), parse.GetValue(retainResults));
            var quotaMb = parse.GetValue(applianceQuota);
            var discoverySeconds = parse.GetValue(discoveryInterval);
            if (discoverySeconds != 0 && (discoverySeconds < JobLimits.MinDiscoveryIntervalSeconds || discoverySeconds > JobLimits.MaxDiscoveryIntervalSeconds))
                throw new UserInputException($"--discovery-interval {discoverySeconds} must be 0 (off) or {JobLimits.MinDiscoveryIntervalSeconds} to {JobLimits.MaxDiscoveryIntervalSeconds} seconds");
            if (quotaMb is < 1 or > 1_048_576) throw new UserInputException($"--appliance-quota-mb {quotaMb} must be between 1 and 1048576");
            var dashboard = new DashboardOptions
            {
                Auth = DashboardOptions.ParseAuth(parse.GetValue(dashboardAuth)!),
                PasswordFile = Path.Combine(StoreOptions.DataDirectory(parse, dataDir), DashboardOptions.PasswordFileName),
            };
            var dataDirectory = StoreOptions.DataDirectory(parse, dataDir);
            using var tls = ServeTls.Resolve(dataDirectory, endpoint, parse.GetValue(tlsName) ?? [], parse.GetValue(tlsCert), parse.GetValue(tlsKey), parse.GetValue(plainHttp));
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var master = StoreOptions.Master(parse, dataDir);
            await using var alerts = ServeAlerts.Create(parse.GetValue(alert) ?? [], dataDirectory, store, newDeviceAlerts: !parse.GetValue(noNewDeviceAlerts));
            var firmware = LoadFirmware(parse.GetValue(hashes), parse.GetValue(hashesKey));
            var allowedHosts = HostAllowList.For(endpoint, [.. tls.Names, .. parse.GetValue(allowedHost) ?? []]);
            await using var server = DashboardHost.Create(new ServerOptions
            {
                Listen = endpoint, Certificate = tls.Certificate, CertificateSelector = tls.Selector, CertificateChain = tls.Chain, AllowedHosts = allowedHosts, Firmware = firmware,
                Retention = retention, ApplianceBytesPerHour = quotaMb * 1024L * 1024, DiscoveryIntervalSeconds = discoverySeconds,
            }, store, master, dashboard, alerts.Sinks);
            try
            {
                await server.StartAsync(ct);
            }
            catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new UserInputException($"cannot listen on {endpoint}: the address is already in use (is another 'flaxguard serve' running?); stop it or choose another --listen");
            }
            // Plain writes: these lines carry paths and must not be wrapped at the terminal width.
            foreach (var line in tls.Lines) Console.Out.WriteLine(line);
            console.WriteLine($"flaxguard serve: listening on {server.BaseAddress} ({store.Description})");
            if (firmware is not null)
                console.WriteLine($"flaxguard serve: firmware database version {firmware.Version} ({firmware.KnownGoodRows:N0} known-good, {firmware.KnownExploitedRows:N0} known-exploited rows)");
            foreach (var channel in alerts.ChannelNames) console.WriteLine($"flaxguard serve: alerts to {channel}");
            console.WriteLine($"flaxguard serve: dashboard at {server.BaseAddress}dashboard" + (dashboard.LoginRequired(endpoint.Address) ? " (login required)" : ""));
            // The web host takes SIGINT/SIGTERM for itself (it stops the app), so wait for that as well as for ct.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, server.App.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
            await server.StopAsync();
            console.WriteLine("flaxguard serve: stopped.");
            return 0;
        }));
        return command;
    }

    /// <summary>The signed firmware data, or null without --hashes; refused data stops serve with the reason.</summary>
    private static FlaxGuard.Server.Firmware.FirmwareDatabase? LoadFirmware(string? directory, string? publicKey)
    {
        if (directory is null) return null;
        HashesOptions.RequireDirectory(directory);
        try
        {
            return FlaxGuard.Server.Firmware.FirmwareDatabase.Load(directory, HashesOptions.TrustedKeys(publicKey), DateTimeOffset.UtcNow);
        }
        catch (FlaxGuard.Hashes.HashDataException e)
        {
            throw new UserInputException($"--hashes {directory}: REFUSED: {e.Message}");
        }
    }
}
