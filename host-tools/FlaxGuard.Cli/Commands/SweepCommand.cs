using System.CommandLine;
using System.Text.Json;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Exposure;
using FlaxGuard.Engine.Verdicts;
using FlaxGuard.Platform;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard sweep</c>: risky open ports across many devices at once.</summary>
public static class SweepCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var addresses = new Argument<string[]>("addresses")
        {
            Description = "Devices to sweep: addresses, host names or IPv4 blocks (192.0.2.0/28), separated by spaces or commas.",
            Arity = ArgumentArity.OneOrMore,
        };
        var ports = new Option<string>("--ports")
        {
            Description = "TCP ports to try: 'default' (the built-in risky ports), numbers and ranges, e.g. 'default,8000-8010', or 'all' (1-65535, the full inventory).",
            DefaultValueFactory = _ => "default",
        };
        var allPorts = new Option<bool>("--all-ports") { Description = "Try every TCP port (1-65535): the full inventory, any listening port. Same as --ports all." };
        var concurrency = new Option<int>("--concurrency") { Description = "Sockets open at once over all hosts, connects and greetings together.", DefaultValueFactory = _ => 128 };
        var timeout = new Option<int>("--timeout") { Description = "Most milliseconds to wait for a TCP connect; the wait follows each host's measured round trip below that.", DefaultValueFactory = _ => 1000 };
        var bannerTimeout = new Option<int>("--banner-timeout") { Description = "Most milliseconds to wait for a greeting from a service that speaks first (telnet, SSH, FTP...); client-first services (HTTP, DNS, UPnP) are not waited for (0: no greetings).", DefaultValueFactory = _ => 700 };
        var hostTimeout = new Option<int>("--host-timeout") { Description = "Seconds to spend on one host at most (0: no per-host limit).", DefaultValueFactory = _ => 60 };
        var totalTimeout = new Option<int>("--total-timeout") { Description = "Seconds for the whole sweep at most.", DefaultValueFactory = _ => 600 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };

        var command = new Command("sweep", """
            Sweep many devices for risky open ports (telnet, proxies, debug consoles) in one pass, or for every listening port (--all-ports), with a greeting read from each open port whose service speaks first.

            Exit codes: 0 OK, 1 WARNING, 2 CRITICAL (e.g. telnet open somewhere), 3 UNKNOWN (some hosts could not be checked, or bad input).

            Examples:
              flaxguard sweep 192.0.2.1 192.0.2.7 cam1.lan
              flaxguard sweep 192.0.2.0/28 --ports default,8080 --json
              flaxguard sweep 192.0.2.1 --all-ports
            """)
        {
            addresses, ports, allPorts, concurrency, timeout, bannerTimeout, hostTimeout, totalTimeout, json,
        };
        command.SetAction(parse =>
        {
            var hosts = AddressList.Expand(parse.GetValue(addresses)!);
            var portText = parse.GetValue(ports)!;
            var all = parse.GetValue(allPorts) || PortListParser.IsAll(portText);
            var portList = all ? [] : PortListParser.Parse(portText);
            var portCount = all ? 65535 : portList.Length;
            var options = new TcpExposureOptions
            {
                Ports = portList,
                AllPorts = all,
                Concurrency = Bounded(parse.GetValue(concurrency), 1, 512, "--concurrency"),
                ConnectTimeoutMs = Bounded(parse.GetValue(timeout), 50, 60_000, "--timeout"),
                BannerTimeoutMs = Bounded(parse.GetValue(bannerTimeout), 0, 10_000, "--banner-timeout"),
                PerHostTimeoutMs = Bounded(parse.GetValue(hostTimeout), 0, 3600, "--host-timeout") * 1000,
                TotalTimeoutMs = Bounded(parse.GetValue(totalTimeout), 1, 86_400, "--total-timeout") * 1000,
            };
            var asJson = parse.GetValue(json);
            var tcp = new SocketTcpConnector();
            var results = asJson
                ? ExposureSweep.Run(tcp, SystemClock.Instance, hosts, options)
                : console.Status().Start($"Sweeping {hosts.Length} host(s) × {portCount} port(s)…", _ => ExposureSweep.Run(tcp, SystemClock.Instance, hosts, options));

            var worst = results.SelectMany(r => r.Verdicts).Select(v => v.Severity).DefaultIfEmpty(Severity.None).Max();
            var unverified = results.Any(r => r.Verdicts.Any(v => v.IsUnverified));
            var code = worst == Severity.Critical ? ExitCodes.Critical : unverified ? ExitCodes.Unknown : worst >= Severity.Medium ? ExitCodes.Warning : ExitCodes.Ok;
            if (asJson) console.Profile.Out.Writer.WriteLine(RenderJson(results, code));
            else Render(console, results, code, all);
            return code;
        });
        return command;
    }

    private static int Bounded(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new UserInputException($"{name} must be between {min} and {max}");

    private static void Render(IAnsiConsole console, SweepHostResult[] results, int code, bool all)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(all ? "Open ports" : "Open risky ports").AddColumn("host").AddColumn("port").AddColumn("severity").AddColumn("greeting").AddColumn("what it means");
        foreach (var r in results)
        {
            var banners = r.Facts.ToArray().Where(f => f.Key.EndsWith(".banner", StringComparison.Ordinal)).ToDictionary(f => f.Key[..^".banner".Length], f => f.Value);
            foreach (var v in r.Verdicts.Where(v => v.Kind == VerdictKind.Exposure).OrderByDescending(v => v.Severity))
                table.AddRow(new Text(r.Host), new Text(v.Subject["net.tcp.".Length..]), new Text(SeverityNames.Name(v.Severity)), new Text(banners.GetValueOrDefault(v.Subject, "")), new Text(v.Message));
        }
        if (table.Rows.Count > 0) console.Write(table);
        else console.MarkupLine("[green]No risky port is open on any host.[/]");
        foreach (var r in results)
            foreach (var v in r.Verdicts.Where(v => v.IsUnverified))
                console.MarkupLine($"[fuchsia]{SafeMarkup.Escape(r.Host)}[/]: {SafeMarkup.Escape(v.Message)}");
        console.MarkupLine($"[bold]{ExitCodes.Name(code)}[/]: {results.Length} host(s), {results.Sum(r => r.Verdicts.Count(v => v.Kind == VerdictKind.Exposure))} open {(all ? "" : "risky ")}port(s).");
    }

    /// <summary>Written field by field (no reflection), so the natively published CLI prints it too, and starts no serializer.</summary>
    private static string RenderJson(SweepHostResult[] results, int code)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("status", ExitCodes.Name(code));
            w.WriteNumber("exitCode", code);
            w.WriteStartArray("hosts");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("host", r.Host);
                w.WriteStartArray("facts");
                foreach (var f in r.Facts.ToArray())
                {
                    w.WriteStartObject();
                    w.WriteString("key", f.Key);
                    w.WriteString("value", f.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("verdicts");
                foreach (var v in r.Verdicts)
                {
                    w.WriteStartObject();
                    w.WriteString("severity", SeverityNames.Name(v.Severity));
                    w.WriteString("code", v.Code);
                    w.WriteString("subject", v.Subject);
                    w.WriteString("message", v.Message);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
