using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlaxGuard.Cli.Output;
using FlaxGuard.Agent;
using FlaxGuard.Agent.Status;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Lab.Twins;
using FlaxGuard.Lab.Twins.Hikvision;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Lab.Twins.RouterOs;
using FlaxGuard.Server;
using FlaxGuard.Server.Api;
using FlaxGuard.Server.Dashboard;
using FlaxGuard.Server.Secrets;
using FlaxGuard.Server.Store;
using FlaxGuard.Server.Tls;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// <c>flaxguard demo</c>: the whole product in one process, all on loopback. The collector (serve, SQLite in a
/// temporary directory, dashboard), a Linux agent in-process, and three vendor lab twins (OpenWrt, RouterOS,
/// Hikvision): the agent is enrolled with the devices, the first baselines are approved, the RouterOS twin is
/// compromised (a SOCKS proxy appears, as in the 2024 botnet advisory), and the findings are printed while
/// the dashboard stays open until Ctrl+C. Everything is deleted on exit.
/// </summary>
internal static class ProductDemo
{
    // The shortest interval a host may give, enrolled as such, so the dashboard and the agent tell the same pace.
    private const int IntervalSeconds = FlaxGuard.Engine.Jobs.JobLimits.MinIntervalSeconds;
    private const string TwinUser = "admin";
    private static readonly TimeSpan StepBound = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(IAnsiConsole console, bool exitAfterFinding, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var dir = Path.Combine(Path.GetTempPath(), "flaxguard-demo-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            return await RunInAsync(console, dir, exitAfterFinding, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            console.MarkupLine("[grey]Stopped before the demo finished.[/]");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task<int> RunInAsync(IAnsiConsole console, string dir, bool exitAfterFinding, CancellationToken ct)
    {
        console.Write(new Rule("[bold]FlaxGuard demo: the whole product on loopback[/]").LeftJustified());
        var password = "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var block = (byte)RandomNumberGenerator.GetInt32(1, 250);

        await using var store = StoreFactory.Open(null, dir);
        await store.MigrateAsync(null, ct);
        var master = MasterKey.LoadOrCreate(dir);
        var dashboard = new DashboardOptions { PasswordFile = Path.Combine(dir, DashboardOptions.PasswordFileName) };
        // TLS as 'flaxguard serve' does it: a host CA in the (temporary) data directory, pinned by the agent below.
        var listen = new IPEndPoint(IPAddress.Loopback, 0);
        var ca = HostCertificateAuthority.LoadOrCreate(dir);
        var certificate = ca.EnsureServerCertificate(TlsNames.DefaultsFor(listen));
        // The demo's devices are loopback twins: no discovery of the real network this machine is on.
        await using var server = DashboardHost.Create(new ServerOptions { Listen = listen, Certificate = certificate.Certificate, DiscoveryIntervalSeconds = 0 }, store, master, dashboard);
        await server.StartAsync(ct);
        console.MarkupLine($"[grey]1/5[/] Collector running at [bold]{server.BaseAddress}[/] ({SafeMarkup.Escape(store.Description)}; TLS with its own host CA {SafeMarkup.Escape(ca.ShortId)}).");

        await using var openWrt = await OpenWrtTwin.StartAsync(IPAddress.Parse($"127.81.{block}.1"), 0, TwinUser, password, ct);
        await using var routerOs = await RouterOsTwin.StartAsync(IPAddress.Parse($"127.82.{block}.1"), 0, TwinUser, password, ct);
        await using var hikvision = await HikvisionTwin.StartAsync(IPAddress.Parse($"127.83.{block}.1"), 0, TwinUser, password, ct);
        ILabTwin[] twins = [openWrt, routerOs, hikvision];
        console.MarkupLine("[grey]2/5[/] Lab devices: " + string.Join(", ", twins.Select(t => $"{t.Profile} at {t.BaseUri}")));

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (appliance, key) = await Enrollment.AddApplianceAsync(store, master, "demo-agent", IntervalSeconds, now, ct);
        var devices = new List<DeviceRecord>();
        foreach (var twin in twins)
            devices.Add(await Enrollment.AddDeviceAsync(store, master, twin.Profile + "-lab", appliance.Id, twin.BaseUri.ToString().TrimEnd('/'), twin.Profile, "", TwinUser, password, now, ct));
        var provisioning = ProvisioningFile.Parse(JsonSerializer.SerializeToUtf8Bytes(new DemoProvisioningJson(
            ProvisioningFile.FormatName, server.BaseAddress.ToString().TrimEnd('/'), appliance.Id, appliance.Name, Convert.ToBase64String(key),
            ca.CaCertificatePem), CliJsonContext.Default.DemoProvisioningJson), out var problem) ?? throw new InvalidOperationException("demo provisioning: " + problem);
        Array.Clear(key);

        var agentLog = new StringWriter();
        var log = new AgentLog(TextWriter.Synchronized(agentLog));
        var options = new AgentOptions { ProvisioningPath = "(in memory)", StateDirectory = Path.Combine(dir, "agent") };
        await using var status = new StatusOutputs([new ConsoleStatusOutput(log)], log);
        using var agent = new ApplianceAgent(options, provisioning, log, status);
        using var agentStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var agentRun = Task.Run(() => agent.RunAsync(agentStop.Token), CancellationToken.None);
        console.MarkupLine($"[grey]3/5[/] Agent [bold]{appliance.Id}[/] enrolled with {devices.Count} devices and the host CA pinned; it checks them every {IntervalSeconds} s.");

        try
        {
            foreach (var device in devices)
            {
                await WaitFor(async () => await store.LatestBaselineAsync(device.Id, BaselineState.Proposed, ct) is not null, $"a baseline proposal for {device.Name}", agentLog, ct);
                await store.ApproveBaselineAsync(device.Id, fromLatest: false, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ct);
            }
            console.MarkupLine("[grey]4/5[/] First reports arrived; their baselines are approved (what 'flaxguard baseline approve' does).");

            routerOs.Apply(TwinChanges.SocksProxy);
            console.MarkupLine("[grey]5/5[/] [red]The RouterOS device is compromised:[/] a SOCKS proxy is switched on, as botnets do to relay their traffic.");
            var router = devices[1];
            await WaitFor(async () => (await store.OpenFindingsAsync(router.Id, ct)).Any(f => f.Severity == FlaxGuard.Engine.Verdicts.Severity.Critical),
                "the critical finding", agentLog, ct);

            console.WriteLine();
            var table = new Table().AddColumns("device", "severity", "finding");
            foreach (var device in devices)
            {
                foreach (var finding in (await store.OpenFindingsAsync(device.Id, ct)).OrderByDescending(f => f.Severity))
                {
                    var color = finding.Severity >= FlaxGuard.Engine.Verdicts.Severity.High ? "red" : finding.Severity >= FlaxGuard.Engine.Verdicts.Severity.Medium ? "yellow" : "grey";
                    table.AddRow(SafeMarkup.Escape(device.Name), $"[{color}]{finding.Severity.ToString().ToLowerInvariant()}[/]", SafeMarkup.Escape(finding.Sentence));
                }
            }
            console.Write(table);
            console.MarkupLine($"Findings reached the collector: [red bold]CRITICAL[/] on {SafeMarkup.Escape(router.Name)}.");
            console.MarkupLine($"Dashboard: [bold link]{server.BaseAddress}dashboard[/]   API health: {server.BaseAddress}api/v1/health");
            console.MarkupLine($"[grey]The browser warns about the certificate: it is signed by the demo's own host CA ({SafeMarkup.Escape(Path.Combine(ca.Directory, HostCertificateAuthority.CaCertificateFile))}, deleted with the demo), which it does not know.[/]");
            if (exitAfterFinding) return 0;
            console.MarkupLine("The agent keeps checking. Press [bold]Ctrl+C[/] to stop and delete the demo.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            return 0;
        }
        finally
        {
            agentStop.Cancel();
            await agentRun;
            await server.StopAsync();
            console.MarkupLine("[grey]Demo stopped; its temporary database and agent state are deleted.[/]");
        }
    }

    private static async Task WaitFor(Func<Task<bool>> condition, string what, StringWriter agentLog, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + StepBound;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(250, ct);
        }
        var tail = agentLog.ToString().Split('\n').TakeLast(8);
        throw new Checking.UserInputException($"the demo did not see {what} within {StepBound.TotalSeconds:0} s; last agent lines: {string.Join(" / ", tail.Select(l => l.Trim()))}");
    }
}
