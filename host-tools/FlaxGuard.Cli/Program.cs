using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Commands;
using FlaxGuard.Cli.Output;
using Spectre.Console;

namespace FlaxGuard.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var console = AnsiConsole.Console;
        // Piped into a file or a log, lines are not wrapped at 80 columns (a wrapped URL cannot be clicked or copied).
        if (Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("COLUMNS"))) console.Profile.Width = 160;
        var root = new RootCommand("""
            FlaxGuard checks routers, IP cameras, NVR/DVRs and NAS boxes on your network for the side effects of a botnet compromise: risky open ports, altered web interfaces, and drift from the state you approved.

            Start with 'flaxguard demo' to see it catch a compromised lab router, then 'flaxguard check <address>'.
            """)
        {
            CheckCommand.Create(console),
            SweepCommand.Create(console),
            DiscoverCommand.Create(console),
            InventoryCommand.Create(console),
            DemoCommand.Create(console),
            HashesCommand.Create(console),
            ServeCommand.Create(console),
            AgentCommand.Create(console),
            DeviceCommand.Create(console),
            BaselineCommand.Create(console),
            StatusCommand.Create(console),
            DashboardCommand.Create(console),
        };
        ShortCommandListing.Install(root);
        var parse = root.Parse(args);
        if (ShortCommandListing.Requested(root, parse) is { } help) return help.Invoke(parse);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"flaxguard: {error.Message}");
            Console.Error.WriteLine("Run 'flaxguard --help' (or 'flaxguard <command> --help') for usage.");
            return ExitCodes.Unknown;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"flaxguard: {e.Message}");
            return ExitCodes.Unknown;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("flaxguard: stopped.");
            return 130;
        }
    }
}
