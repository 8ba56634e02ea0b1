using System.Net;
using System.Text.RegularExpressions;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Upnp;

/// <summary>
/// Debian's miniupnpd 2.3.1 (nftables backend) in the foreground inside a network namespace made for it:
/// LAN side on the namespace's veth (eth0), WAN side on a second interface inside the namespace (wan0, a
/// dummy, or a veth pair that never leaves the namespace where dummy is unavailable), and the nftables
/// table and chains it adds its rules to. Its WAN address is a public-looking <see cref="ExternalAddress"/>
/// assigned to no interface: miniupnpd refuses every mapping while its WAN address is private or reserved.
/// The namespace has no default route and a blackhole route for that address, so it is only a reported
/// value and no packet can go there. Mappings are added with Debian's upnpc from the test's side.
/// </summary>
public sealed partial class MiniupnpdGateway : IDisposable
{
    /// <summary>The table and chains Debian's nft_init.sh would create, in the test's namespace only; miniupnpd fills the inner chains.</summary>
    public const string NftTables = """
        table inet fgupnp {
            chain forward {
                type filter hook forward priority 0; policy drop;
                jump miniupnpd
            }
            chain miniupnpd {
            }
            chain prerouting {
                type nat hook prerouting priority -100; policy accept;
                jump prerouting_miniupnpd
            }
            chain postrouting {
                type nat hook postrouting priority 100; policy accept;
                jump postrouting_miniupnpd
            }
            chain prerouting_miniupnpd {
            }
            chain postrouting_miniupnpd {
            }
        }
        """;

    /// <summary>Public-looking (outside every range miniupnpd's addr_is_reserved lists), blackholed inside the namespace.</summary>
    public const string ExternalAddress = "100.128.77.7";
    public const int HttpPort = 5000;
    public const string Manufacturer = "FlaxGuard Lab";
    public const string ModelName = "MiniRouter";
    public const string ModelNumber = "2.3.1-test";

    private readonly string _dir;
    private readonly RealProcess _daemon;

    private MiniupnpdGateway(NetworkNamespace ns, string dir, RealProcess daemon)
    {
        Namespace = ns;
        _dir = dir;
        _daemon = daemon;
    }

    public NetworkNamespace Namespace { get; }

    public string DescriptionUrl => $"http://{Namespace.DeviceAddress}:{HttpPort}/rootDesc.xml";

    public string Output => _daemon.Output;

    public static MiniupnpdGateway Start()
    {
        var miniupnpd = DebianTool.Require("miniupnpd", "miniupnpd");
        var nft = DebianTool.Require("nft", "nftables");
        DebianTool.Require("upnpc", "miniupnpc");
        var ns = NetworkNamespace.Create("upnp");
        try
        {
            AddWanInterface(ns);
            ns.Exec("ip", "route", "add", "blackhole", ExternalAddress + "/32");
            var dir = Directory.CreateTempSubdirectory("flaxguard-miniupnpd-").FullName;
            var rules = Path.Combine(dir, "tables.nft");
            File.WriteAllText(rules, NftTables);
            ns.Exec(nft, "-f", rules);
            var config = Path.Combine(dir, "miniupnpd.conf");
            File.WriteAllText(config, $"""
                ext_ifname=wan0
                ext_ip={ExternalAddress}
                listening_ip=eth0
                http_port={HttpPort}
                enable_natpmp=no
                enable_upnp=yes
                secure_mode=no
                system_uptime=no
                uuid=3ddcd1d3-2380-45f5-b069-3d6fd2f6a7c1
                friendly_name=FlaxGuard test IGD
                manufacturer_name={Manufacturer}
                model_name={ModelName}
                model_number={ModelNumber}
                serial=SN0001
                lease_file={Path.Combine(dir, "leases")}
                upnp_table_name=fgupnp
                upnp_nat_table_name=fgupnp
                upnp_forward_chain=miniupnpd
                upnp_nat_chain=prerouting_miniupnpd
                upnp_nat_postrouting_chain=postrouting_miniupnpd
                allow 1-65535 0.0.0.0/0 1-65535
                deny 0-65535 0.0.0.0/0 0-65535

                """);
            var daemon = RealProcess.Start(miniupnpd, ["-d", "-f", config, "-P", Path.Combine(dir, "miniupnpd.pid")], ns.Name);
            var gateway = new MiniupnpdGateway(ns, dir, daemon);
            daemon.WaitForOutput("HTTP listening on port");
            daemon.WaitForTcp(ns.DeviceAddress, HttpPort);
            return gateway;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>True when, inside the namespace, nothing can be sent to the external address and there is no way out at all.</summary>
    public bool ExternalAddressIsUnreachable()
    {
        var (_, routes, _) = DebianTool.Run("ip", ["netns", "exec", Namespace.Name, "ip", "route", "show", "default"]);
        var (code, _, _) = DebianTool.Run("ip", ["netns", "exec", Namespace.Name, "ip", "route", "get", ExternalAddress]);
        var (_, blackhole, _) = DebianTool.Run("ip", ["netns", "exec", Namespace.Name, "ip", "route", "show", "type", "blackhole"]);
        return routes.Trim().Length == 0 && code != 0 && blackhole.Contains(ExternalAddress, StringComparison.Ordinal);
    }

    /// <summary>Adds a mapping with upnpc (from the test's side of the veth) and fails the test if miniupnpd refuses it.</summary>
    public void AddMapping(string description, string client, int internalPort, int externalPort, string protocol, int? leaseSeconds = null)
    {
        List<string> args = ["-u", DescriptionUrl, "-e", description, "-a", client, internalPort.ToString(), externalPort.ToString(), protocol];
        if (leaseSeconds is { } lease) args.Add(lease.ToString());
        var (code, stdout, stderr) = DebianTool.Run("upnpc", args, 20_000);
        Assert.AreEqual(0, code, $"upnpc -a failed: {stdout}{stderr}\n{Output}");
        StringAssert.Contains(stdout, "is redirected to internal", stdout);
    }

    /// <summary>The mappings as upnpc -l lists them (descriptions exactly as miniupnpd sent them, not decoded).</summary>
    public IReadOnlyList<UpnpcMapping> ListWithUpnpc()
    {
        var (code, stdout, stderr) = DebianTool.Run("upnpc", ["-u", DescriptionUrl, "-l"], 20_000);
        Assert.AreEqual(0, code, $"upnpc -l failed: {stdout}{stderr}");
        StringAssert.Contains(stdout, "GetGenericPortMappingEntry() returned 713", "upnpc did not reach the end of the list");
        var list = new List<UpnpcMapping>();
        foreach (var line in stdout.Split('\n'))
        {
            var m = UpnpcLine().Match(line);
            if (m.Success)
                list.Add(new UpnpcMapping(m.Groups["proto"].Value, int.Parse(m.Groups["ext"].Value), m.Groups["client"].Value, int.Parse(m.Groups["int"].Value), m.Groups["desc"].Value, m.Groups["remote"].Value));
        }
        return list;
    }

    // upnpc 2.2.4 prints: "%2d %s %5s->%s:%-5s '%s' '%s' %s" (index, protocol, external port, client, internal port, description, remote host, lease).
    [GeneratedRegex(@"^\s*\d+\s+(?<proto>TCP|UDP)\s+(?<ext>\d+)->(?<client>[0-9.]+):(?<int>\d+)\s+'(?<desc>.*)' '(?<remote>[^']*)' \d+\s*$")]
    private static partial Regex UpnpcLine();

    private static void AddWanInterface(NetworkNamespace ns)
    {
        var (code, _, _) = DebianTool.Run("ip", ["netns", "exec", ns.Name, "ip", "link", "add", "wan0", "type", "dummy"]);
        // Containers often lack the dummy module; a veth pair with both ends inside the namespace serves as well.
        if (code != 0)
        {
            ns.Exec("ip", "link", "add", "wan0", "type", "veth", "peer", "name", "wan0p");
            ns.Exec("ip", "link", "set", "wan0p", "up");
        }
        ns.Exec("ip", "link", "set", "wan0", "up");
    }

    public void Dispose()
    {
        _daemon.Dispose();
        Namespace.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One line of upnpc -l.</summary>
public sealed record UpnpcMapping(string Protocol, int ExternalPort, string Client, int InternalPort, string RawDescription, string RemoteHost);
