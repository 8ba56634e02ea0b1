using System.CommandLine;
using FlaxGuard.Server.Alerting;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Dashboard;
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
        var command = new Command("serve", """
            Run the collector that appliances fetch their jobs from and post their signed reports to.

            Appliances fetch their signed job (devices, credentials, approved baselines) from GET /api/v1/job and post signed reports to POST /api/v1/reports; GET /api/v1/health shows refusal counters and appliance health. Forged, replayed, oversized, malformed, stale and unknown-appliance reports are refused with a status and reason, counted, and not stored. A report is acknowledged only after it is committed. The dashboard is at /dashboard: open on a loopback address, behind the dashboard password (set with 'flaxguard dashboard password') on any other address or with --dashboard-auth required. Stop with Ctrl+C.

            Examples:
              flaxguard serve
              flaxguard serve --listen 0.0.0.0:8443 --db /var/lib/flaxguard/flaxguard.db
              flaxguard serve --db postgres://flaxguard:secret@db.example:5432/flaxguard
              flaxguard serve --listen 127.0.0.1:8443 --dashboard-auth required
              flaxguard serve --alert "webhook+https://hooks.example/flaxguard#secret-file=/etc/flaxguard/hook.secret" --alert syslog+udp://127.0.0.1:514
              flaxguard serve --alert "mqtt://flaxguard@127.0.0.1:1883?password-file=/etc/flaxguard/mqtt.pass"
            """)
        {
            listen, db, dataDir, alert, dashboardAuth,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(async () =>
        {
            var endpoint = ServerOptions.ParseListen(parse.GetValue(listen)!);
            var dashboard = new DashboardOptions
            {
                Auth = DashboardOptions.ParseAuth(parse.GetValue(dashboardAuth)!),
                PasswordFile = Path.Combine(StoreOptions.DataDirectory(parse, dataDir), DashboardOptions.PasswordFileName),
            };
            await using var store = await StoreOptions.OpenAsync(parse, db, dataDir, ct);
            var master = StoreOptions.Master(parse, dataDir);
            await using var alerts = ServeAlerts.Create(parse.GetValue(alert) ?? [], StoreOptions.DataDirectory(parse, dataDir), store);
            await using var server = DashboardHost.Create(new ServerOptions { Listen = endpoint }, store, master, dashboard, alerts.Sinks);
            await server.StartAsync(ct);
            console.WriteLine($"flaxguard serve: listening on {server.BaseAddress} ({store.Description})");
            foreach (var channel in alerts.ChannelNames) console.WriteLine($"flaxguard serve: alerts to {channel}");
            console.WriteLine($"flaxguard serve: dashboard at {server.BaseAddress}dashboard" + (dashboard.LoginRequired(endpoint.Address) ? " (login required)" : ""));
            if (!System.Net.IPAddress.IsLoopback(endpoint.Address))
                console.WriteLine("flaxguard serve: note: listening beyond loopback without TLS; put it behind a TLS proxy or keep it on a trusted network.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
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
}
