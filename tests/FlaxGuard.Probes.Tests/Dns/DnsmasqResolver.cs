using System.Net;
using System.Net.Sockets;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Dns;

/// <summary>
/// A Debian dnsmasq answering from its command line only (no upstream, no /etc/hosts, no config file, no pid
/// file), on its own loopback address and a free port, in the foreground, killed on dispose.
/// </summary>
internal sealed class DnsmasqResolver : IDisposable
{
    private readonly RealProcess _process;

    private DnsmasqResolver(RealProcess process, IPAddress address, int port)
    {
        _process = process;
        Address = address;
        Port = port;
    }

    public IPAddress Address { get; }

    public int Port { get; }

    /// <param name="records">"name=address" pairs (several per name allowed), or "name=" for NXDOMAIN.</param>
    public static DnsmasqResolver Start(IPAddress address, params string[] records)
    {
        var dnsmasq = DebianTool.Require("dnsmasq", "dnsmasq");
        var port = DnsTestNet.FreeUdpPort(address);
        List<string> args = ["-k", "-C", "/dev/null", "--pid-file=", "--log-facility=-", $"--port={port}", $"--listen-address={address}", "--bind-interfaces", "--no-resolv", "--no-hosts"];
        foreach (var record in records)
        {
            var eq = record.IndexOf('=');
            args.Add($"--address=/{record[..eq]}/{record[(eq + 1)..]}");
        }
        var process = RealProcess.Start(dnsmasq, args);
        var resolver = new DnsmasqResolver(process, address, port);
        try
        {
            process.WaitForOutput("started, version");
            process.WaitUntil(() => Dig.Query(address, port, records[0][..records[0].IndexOf('=')], "A").Status is not null, $"dnsmasq on {address}:{port}");
        }
        catch
        {
            resolver.Dispose();
            throw;
        }
        return resolver;
    }

    public string Output => _process.Output;

    public void Dispose() => _process.Dispose();
}

internal static class DnsTestNet
{
    /// <summary>A loopback address of this test run's own: 127.71.P.host, P from the process id.</summary>
    public static IPAddress Loopback(int host) => new([127, 71, (byte)(Environment.ProcessId % 250), (byte)host]);

    public static int FreeUdpPort(IPAddress address)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}

/// <summary>Debian's dig (package dnsutils) as the reference client.</summary>
internal static class Dig
{
    public sealed record Answer(string? Status, string Addresses);

    /// <summary>Asks like the probe does (no EDNS, no cookie, recursion desired); Status is null when nothing answered.</summary>
    public static Answer Query(IPAddress server, int port, string name, string type)
    {
        var dig = DebianTool.Require("dig", "dnsutils");
        var (code, stdout, _) = DebianTool.Run(dig, [$"@{server}", "-p", port.ToString(), "+noedns", "+nocookie", "+noadflag", "+tries=1", "+time=2", "+noall", "+comments", "+answer", name, type], timeoutMs: 10_000);
        if (code != 0) return new Answer(null, "");
        string? status = null;
        var addresses = new List<string>();
        foreach (var line in stdout.Split('\n'))
        {
            var at = line.IndexOf("status: ", StringComparison.Ordinal);
            if (at >= 0) status = line[(at + 8)..].Split(',')[0].Trim();
            var fields = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 5 && fields[2] == "IN" && fields[3] == type) addresses.Add(fields[4]);
        }
        addresses.Sort(StringComparer.Ordinal);
        return new Answer(status, string.Join(',', addresses.Distinct()));
    }
}
