using System.Net;
using FlaxGuard.Probes.Tests.Fixtures;

namespace FlaxGuard.Probes.Tests.Discovery;

/// <summary>
/// A small LAN made of network namespaces for one test: a switch namespace with a bridge (multicast snooping off,
/// so searches reach every port), and members joined to it by veth pairs, each with an address of one /24 from
/// 198.19.0.0/16 (RFC 2544 benchmarking space, routed nowhere). The test's own namespace is a member too (.1), so
/// in-process twins take part. No member has a default route: nothing can leave the LAN. Deleted on dispose.
/// </summary>
public sealed class DiscoveryLan : IDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly List<string> _rootLinks = [];
    private readonly string _tag;
    private readonly string _switch;
    private int _links;
    private static int s_instances;

    public DiscoveryLan()
    {
        // Unique per instance too: a name or prefix left by another LAN of this process must never collide.
        var instance = Interlocked.Increment(ref s_instances);
        _tag = (Environment.ProcessId % 10000 * 10 + instance % 10).ToString();
        var third = 10 + (Environment.ProcessId + 97 * instance) % 200;
        Prefix = $"198.19.{third}";
        _switch = $"fg-sw-{_tag}";
        try
        {
            DebianTool.Run("ip", ["netns", "del", _switch]); // left by a killed run with the same process id, if any
            Ip("netns", "add", _switch);
            _namespaces.Add(_switch);
            Ip("netns", "exec", _switch, "ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            Ip("netns", "exec", _switch, "ip", "link", "set", "br0", "up");
            // The test's own namespace: .1 on a veth into the switch.
            var root = NewPair(out var rootPeer);
            Ip("link", "set", rootPeer, "netns", _switch);
            Ip("netns", "exec", _switch, "ip", "link", "set", rootPeer, "master", "br0", "up");
            Ip("addr", "add", $"{Prefix}.1/24", "dev", root);
            Ip("link", "set", root, "up");
            _rootLinks.Add(root);
            RootInterface = root;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The first three parts of the LAN's addresses, e.g. "198.19.42".</summary>
    public string Prefix { get; }

    public string Cidr => Prefix + ".0/24";

    public IPAddress RootAddress => IPAddress.Parse(Prefix + ".1");

    public string RootInterface { get; }

    /// <summary>Adds a member namespace with address Prefix.host on its eth0; returns the namespace's name.</summary>
    public string AddMember(string role, int host)
    {
        var name = $"fg-{role}-{_tag}";
        DebianTool.Run("ip", ["netns", "del", name]);
        Ip("netns", "add", name);
        _namespaces.Add(name);
        var inner = NewPair(out var outer);
        Ip("link", "set", outer, "netns", _switch);
        Ip("netns", "exec", _switch, "ip", "link", "set", outer, "master", "br0", "up");
        Ip("link", "set", inner, "netns", name);
        Ip("netns", "exec", name, "ip", "link", "set", inner, "name", "eth0");
        Ip("netns", "exec", name, "ip", "addr", "add", $"{Prefix}.{host}/24", "dev", "eth0");
        Ip("netns", "exec", name, "ip", "link", "set", "eth0", "up");
        Ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
        // Multicast searches go out of eth0; there is still no default route.
        Ip("netns", "exec", name, "ip", "route", "add", "224.0.0.0/4", "dev", "eth0");
        return name;
    }

    /// <summary>The routes of a member: only the LAN itself and the multicast range, so no packet can leave.</summary>
    public static string Routes(string member) => DebianTool.Run("ip", ["netns", "exec", member, "ip", "-4", "route", "show", "table", "all"]).Stdout;

    private string NewPair(out string peer)
    {
        var n = Interlocked.Increment(ref _links);
        var a = $"fgl{_tag}a{n}";
        peer = $"fgl{_tag}b{n}";
        Ip("link", "add", a, "type", "veth", "peer", "name", peer);
        return a;
    }

    private static void Ip(params string[] args)
    {
        var (code, stdout, stderr) = DebianTool.Run("ip", args);
        if (code != 0) Assert.Fail($"ip {string.Join(' ', args)} failed ({code}): {stderr}{stdout}");
    }

    public void Dispose()
    {
        foreach (var link in _rootLinks) DebianTool.Run("ip", ["link", "del", link]);
        for (var i = _namespaces.Count - 1; i >= 0; i--) DebianTool.Run("ip", ["netns", "del", _namespaces[i]]);
    }
}
