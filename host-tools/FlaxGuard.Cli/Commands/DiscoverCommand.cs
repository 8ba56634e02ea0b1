using System.CommandLine;
using System.Net;
using System.Text.Json;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Cli.Output;
using FlaxGuard.Engine.Discovery;
using FlaxGuard.Platform;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard discover</c>: which devices are on this LAN, what they are, and which profile to check them with.</summary>
public static class DiscoverCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var network = new Argument<string?>("network")
        {
            Description = "The IPv4 block to discover, e.g. 192.0.2.0/24 (/22 to /30); it must be a network of this machine. Default: the first such network.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var ports = new Option<string>("--ports") { Description = "Admin ports the sweep tries; the first is tried on every address, the others on devices that answered.", DefaultValueFactory = _ => "80,443,22,23,2323,8080,8443,8000,554,8291,8728,5000" };
        var wait = new Option<int>("--wait-ms") { Description = "Milliseconds each multicast search (SSDP, mDNS, WS-Discovery) listens for answers.", DefaultValueFactory = _ => 1500 };
        var timeout = new Option<int>("--timeout") { Description = "Milliseconds to wait for each TCP connect of the sweep.", DefaultValueFactory = _ => 400 };
        var concurrency = new Option<int>("--concurrency") { Description = "Connections in flight at once during the sweep.", DefaultValueFactory = _ => 48 };
        var noSweep = new Option<bool>("--no-sweep") { Description = "Only the multicast searches; no TCP connections." };
        var json = new Option<bool>("--json") { Description = "Print the inventory as JSON." };
        var command = new Command("discover", """
            Find the devices on this LAN, what they are, and the profile to check each with.

            SSDP, mDNS and WS-Discovery searches, then a bounded sweep of the network for admin ports.
            Each device is identified from what it says about itself (UPnP description, mDNS TXT, ONVIF scopes, web server and
            page title, MAC vendor) and gets the profile FlaxGuard suggests and how sure it is. Nothing is logged into.

            Exit codes: 0 OK, 1 WARNING (malformed, spoofed or out-of-network answers were turned away, or the device cap was reached),
            3 UNKNOWN (bad input, or no interface of this machine is in the network).

            Examples:
              flaxguard discover
              flaxguard discover 192.0.2.0/24 --json
            """)
        {
            network, ports, wait, timeout, concurrency, noSweep, json,
        };
        command.SetAction(parse =>
        {
            var (block, self) = ChooseNetwork(parse.GetValue(network));
            var options = new DiscoveryOptions
            {
                AdminPorts = PortListParser.Parse(parse.GetValue(ports)!),
                SearchWaitMs = Bounded(parse.GetValue(wait), 100, 10_000, "--wait-ms"),
                ConnectTimeoutMs = Bounded(parse.GetValue(timeout), 50, 10_000, "--timeout"),
                SweepConcurrency = Bounded(parse.GetValue(concurrency), 1, 256, "--concurrency"),
                Sweep = !parse.GetValue(noSweep),
            };
            var asJson = parse.GetValue(json);
            using var http = new HttpClientTransport();
            // TTL 1 and the interface's own address: every search stays on this link.
            var discovery = new LanDiscovery(new SocketUdpCollector(self, multicastTtl: 1), new SocketTcpConnector(), http, SystemClock.Instance, SecureRandomSource.Instance, options);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var inventory = asJson
                ? discovery.Run(block, self.ToString())
                : console.Status().Start($"Discovering {block}…", _ => discovery.Run(block, self.ToString()));
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var devices = inventory.Devices();
            AddMacVendors(devices);
            var refused = inventory.OutsideAnswers + inventory.MalformedAnswers + inventory.StrayAnswers + inventory.DevicesOverCap;
            var code = refused > 0 ? ExitCodes.Warning : ExitCodes.Ok;
            if (asJson) console.Profile.Out.Writer.WriteLine(RenderJson(inventory, devices, discovery, code, allocated));
            else Render(console, inventory, devices, discovery, code);
            return code;
        });
        return command;
    }

    /// <summary>Linux: vendor from the neighbour table and IEEE's OUI registry; the suggestion is redone with it.</summary>
    private static void AddMacVendors(DiscoveredDevice[] devices)
    {
        if (!OperatingSystem.IsLinux() || devices.Length == 0) return;
        var lookup = MacVendorLookup.Load();
        foreach (var d in devices)
        {
            d.MacVendor = lookup.VendorOf(d.Address);
            ProfileSuggester.Suggest(d);
        }
    }

    /// <summary>The block asked for (it must contain an address of this machine) or the first IPv4 network of an up interface.</summary>
    private static (Ipv4Network Block, IPAddress Self) ChooseNetwork(string? text)
    {
        if (LocalNetworks.Choose(text, out var problem) is { } chosen) return chosen;
        throw new UserInputException(text is null
            ? "This machine has no IPv4 network to discover; give one, e.g. flaxguard discover 192.0.2.0/24."
            : char.ToUpperInvariant(problem![0]) + problem[1..] + ".");
    }

    private static int Bounded(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new UserInputException($"{name} must be between {min} and {max}");

    private static void Render(IAnsiConsole console, DeviceInventory inventory, DiscoveredDevice[] devices, LanDiscovery discovery, int code)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Devices on {inventory.Network}")
            .AddColumn("address").AddColumn("kind").AddColumn("what it says it is").AddColumn("open ports").AddColumn("found by").AddColumn("suggested profile");
        foreach (var d in devices)
        {
            var suggestion = d.SuggestedProfile is null ? $"none ({d.Reason})" : $"{d.SuggestedProfile} ({d.Confidence}: {d.Reason})";
            table.AddRow(new Text(d.Address), new Text(d.Kind ?? ""), new Text(Identity(d)), new Text(string.Join(',', d.OpenPorts())),
                new Text(DiscoverySource.Names(d.Sources)), new Text(suggestion));
        }
        if (devices.Length > 0) console.Write(table);
        else console.MarkupLine("No device answered.");
        var refused = inventory.OutsideAnswers + inventory.MalformedAnswers + inventory.StrayAnswers;
        if (refused > 0)
            console.MarkupLine($"[yellow]Turned away:[/] {inventory.OutsideAnswers} answer(s) from outside {inventory.Network}, {inventory.MalformedAnswers} malformed or oversized, {inventory.StrayAnswers} not answering our question.");
        if (inventory.DevicesOverCap > 0) console.MarkupLine($"[yellow]More than {inventory.MaxDevices} devices answered; the rest are not listed.[/]");
        console.MarkupLine($"[bold]{ExitCodes.Name(code)}[/]: {devices.Length} device(s) in {discovery.ElapsedMs / 1000.0:0.0} s. Enrol one with: flaxguard device add NAME --address ADDRESS --profile PROFILE");
    }

    private static string Identity(DiscoveredDevice d)
    {
        var parts = new List<string>();
        if (d.Manufacturer is not null || d.ModelName is not null) parts.Add(string.Join(' ', new[] { d.Manufacturer, d.ModelName, d.ModelNumber }.Where(s => s is not null)));
        if (d.OnvifHardware is not null) parts.Add($"ONVIF {d.OnvifName} {d.OnvifHardware}".Trim());
        if (d.HttpTitle is not null) parts.Add($"page '{d.HttpTitle}'");
        if (d.HttpServer is not null) parts.Add($"server {d.HttpServer}");
        if (d.CertificateSubject is not null) parts.Add($"certificate {d.CertificateSubject}");
        if (d.MdnsName is not null) parts.Add($"mDNS '{d.MdnsName}'");
        parts.AddRange(d.TxtEntries());
        if (d.MacVendor is not null) parts.Add($"MAC {d.MacVendor}");
        return string.Join("; ", parts);
    }

    private static string RenderJson(DeviceInventory inventory, DiscoveredDevice[] devices, LanDiscovery discovery, int code, long allocated) => JsonSerializer.Serialize(new DiscoverJson(
        ExitCodes.Name(code),
        code,
        inventory.Network.ToString(),
        discovery.ElapsedMs,
        inventory.PacketsSent,
        // Managed bytes allocated during the round (engine plus the .NET sockets and HTTP client under it).
        allocated,
        inventory.Datagrams,
        new TurnedAwayJson(inventory.OutsideAnswers, inventory.MalformedAnswers, inventory.StrayAnswers, inventory.DevicesOverCap),
        devices.Select(d => new DiscoveredJson(
            d.Address, d.Kind, d.SuggestedProfile, d.Confidence, d.Reason, DiscoverySource.Names(d.Sources),
            d.Manufacturer, d.ModelName, d.ModelNumber, d.UpnpDeviceType, d.IsGateway, d.SsdpServer, d.HttpServer,
            d.HttpTitle, d.CertificateSha256, d.CertificateSubject, d.OnvifName, d.OnvifHardware, d.OnvifAddress, d.MdnsName,
            d.Services(), d.TxtEntries(), d.OpenPorts(), d.MacVendor)).ToArray()),
        CliJsonContext.Default.DiscoverJson);
}
