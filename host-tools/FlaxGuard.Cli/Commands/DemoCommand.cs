using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Lab;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary>
/// <c>flaxguard demo</c>: the whole product (<see cref="ProductDemo"/>), or with --quick the whole idea in one
/// minute, all on loopback. A lab router starts, is checked
/// and its state approved, is then compromised the way a Mirai-family implant would do it, and is
/// checked again to show the drift.
/// </summary>
public static class DemoCommand
{
    /// <summary>Addresses tried in turn: loopback only, and unlikely to have anything else listening.</summary>
    private static readonly string[] LabAddresses = ["127.77.0.1", "127.77.0.2", "127.77.0.3", "127.77.0.4"];

    public static Command Create(IAnsiConsole console)
    {
        var address = new Option<string?>("--address")
        {
            Description = "Loopback address for the --quick lab router (implies --quick) [default: the first free of 127.77.0.1-4].",
        };
        var quick = new Option<bool>("--quick") { Description = "The one-minute version: one lab router checked directly by the CLI, no collector or agent; exits when done." };
        var exitAfterFinding = new Option<bool>("--exit-after-finding") { Description = "End the full demo once the findings are shown instead of waiting for Ctrl+C (the default without a terminal)." };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the full demo running until Ctrl+C even without a terminal (the default in a terminal)." };
        var command = new Command("demo", """
            Run the whole product on loopback in one command: the collector with its dashboard (SQLite in a temporary directory), a Linux agent, and three lab devices (OpenWrt, RouterOS, Hikvision). The agent is enrolled with the devices, their first baselines are approved, the RouterOS device is compromised (a SOCKS proxy appears), and the findings are printed with the dashboard URL. Stop with Ctrl+C; everything is deleted. Without a terminal (a script or a pipe) it ends by itself once the findings are shown. With --quick: one lab router is checked, approved, compromised (admin script altered, telnet on port 2323) and checked again, and the drift is shown. Nothing leaves this machine.

            Example:
              flaxguard demo
              flaxguard demo --quick
            """)
        {
            address, quick, exitAfterFinding, keepRunning,
        };
        command.SetAction(async (parse, token) =>
        {
            // --address is a --quick setting (the full demo picks its own loopback addresses), so it implies --quick.
            if (!parse.GetValue(quick) && parse.GetValue(address) is null) return await ProductDemo.RunAsync(console, ExitsAfterFinding(parse.GetValue(exitAfterFinding), parse.GetValue(keepRunning)), token);
            var chosen = parse.GetValue(address);
            if (chosen is not null && (!IPAddress.TryParse(chosen, out var ip) || !IPAddress.IsLoopback(ip)))
                throw new UserInputException($"--address: '{chosen}' is not a loopback address (127.x.x.x); the demo never leaves this machine");
            return await RunAsync(console, chosen is null ? LabAddresses : [chosen], token);
        });
        return command;
    }

    // Without a terminal (scripts, CI, a pipe) nobody can press Ctrl+C or open the dashboard, so the demo ends by itself.
    private static bool ExitsAfterFinding(bool exitAfterFinding, bool keepRunning)
    {
        if (exitAfterFinding && keepRunning) throw new UserInputException("give either --exit-after-finding or --keep-running, not both");
        if (keepRunning) return false;
        return exitAfterFinding || Console.IsInputRedirected || Console.IsOutputRedirected;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, string[] candidates, CancellationToken token)
    {
        console.Write(new Rule("[bold]FlaxGuard demo[/]").LeftJustified());
        await using var device = await StartLabAsync(console, candidates, token);
        var host = device.Address.ToString();
        console.MarkupLine($"[grey]1/4[/] Lab router running at [bold]http://{host}:{device.HttpPort}/[/] (loopback only).");

        var baselinePath = Path.Combine(Path.GetTempPath(), $"flaxguard-demo-{Environment.ProcessId}.baseline");
        var ports = RiskyPorts.DefaultPortNumbers();
        var request = new CheckRequest
        {
            Target = new TargetAddress(host, "http", device.HttpPort),
            Ports = ports,
            HttpPort = device.HttpPort,
            ConnectTimeoutMs = 1000,
        };
        using var runner = new CheckRunner();
        try
        {
            console.MarkupLine($"[grey]2/4[/] First check: {ports.Length} risky TCP ports and the admin web interface.");
            var first = console.Status().Start("Checking the lab router…", _ => runner.Run(request));
            console.MarkupLine("[grey](long values are shortened here; --json and the baseline file have them in full)[/]");
            new ConsoleRenderer(console).Render(first);
            BaselineFiles.Save(baselinePath, host, first.Facts, overwrite: true);
            console.MarkupLine($"      Approved this state as the baseline ({first.Facts.Count} facts, saved to {SafeMarkup.Escape(baselinePath)}).");
            token.ThrowIfCancellationRequested();

            await device.CompromiseAsync();
            console.MarkupLine($"[grey]3/4[/] [red]The router is compromised:[/] its admin script now loads code from elsewhere, and telnet listens on port {device.TelnetPort}.");

            console.MarkupLine("[grey]4/4[/] Second check against the approved baseline:");
            var approved = BaselineFiles.Load(baselinePath);
            var second = console.Status().Start("Checking the lab router again…", _ => runner.Run(request with { Baseline = approved }));
            new ConsoleRenderer(console).Render(second, showFacts: false);
            console.MarkupLine("Try it on your own device: [bold]flaxguard check <address> --save-baseline my.baseline[/], later [bold]flaxguard check <address> --baseline my.baseline[/].");
            // The demo succeeded if the compromise was caught; its exit code says so, not the lab's state.
            return second.Drift is { Count: > 0 } ? ExitCodes.Ok : ExitCodes.Unknown;
        }
        finally
        {
            File.Delete(baselinePath);
        }
    }

    private static async Task<LabWebDevice> StartLabAsync(IAnsiConsole console, string[] candidates, CancellationToken token)
    {
        Exception? last = null;
        foreach (var candidate in candidates)
        {
            var ip = IPAddress.Parse(candidate);
            if (!TelnetPortFree(ip)) continue;
            try
            {
                return await LabWebDevice.StartAsync(ip, token: token);
            }
            catch (IOException e)
            {
                last = e;
            }
        }
        throw new UserInputException("could not start the lab router on " + string.Join(", ", candidates) +
                                     $" (port {LabWebDevice.DefaultTelnetPort} or the web ports are in use{(last is null ? "" : ": " + last.Message)}); pick another with --address 127.x.y.z");
    }

    private static bool TelnetPortFree(IPAddress ip)
    {
        try
        {
            using var probe = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(ip, LabWebDevice.DefaultTelnetPort));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
