using System.Net;

namespace FlaxGuard.Probes.Tests.Fixtures;

/// <summary>
/// A network namespace made for one test, joined to the test's own namespace by a veth pair:
/// <see cref="HostAddress"/> on this side, <see cref="DeviceAddress"/> inside. The addresses exist
/// only on this pair, so all traffic stays on this machine. Deleted (with its processes' sockets) on dispose.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private static int _counter;

    private NetworkNamespace(string name, string hostInterface, IPAddress hostAddress, IPAddress deviceAddress)
    {
        Name = name;
        HostInterface = hostInterface;
        HostAddress = hostAddress;
        DeviceAddress = deviceAddress;
    }

    public string Name { get; }

    /// <summary>The veth end in the test's namespace.</summary>
    public string HostInterface { get; }

    /// <summary>The veth end inside the namespace is always called this.</summary>
    public string DeviceInterface => "eth0";

    public IPAddress HostAddress { get; }

    public IPAddress DeviceAddress { get; }

    /// <summary>
    /// Creates the namespace with a /30 from 198.18.0.0/15 (RFC 2544 benchmarking space: never routed,
    /// and used nowhere else on this machine). Each instance gets its own /30.
    /// </summary>
    public static NetworkNamespace Create(string purpose)
    {
        var n = Interlocked.Increment(ref _counter) + Environment.ProcessId % 1000 * 16;
        var name = $"fg-{purpose}-{Environment.ProcessId}-{n}";
        var hostIf = $"fgh{Environment.ProcessId % 10000}x{n % 1000}";
        var peerIf = $"fgd{Environment.ProcessId % 10000}x{n % 1000}";
        var block = n % 16000 * 4;
        var host = new IPAddress([198, (byte)(18 + block / 65536), (byte)(block / 256 % 256), (byte)(block % 256 + 1)]);
        var device = new IPAddress([198, (byte)(18 + block / 65536), (byte)(block / 256 % 256), (byte)(block % 256 + 2)]);
        Ip("netns", "add", name);
        var ns = new NetworkNamespace(name, hostIf, host, device);
        try
        {
            Ip("link", "add", hostIf, "type", "veth", "peer", "name", peerIf);
            Ip("link", "set", peerIf, "netns", name);
            Ip("netns", "exec", name, "ip", "link", "set", peerIf, "name", "eth0");
            Ip("addr", "add", host + "/30", "dev", hostIf);
            Ip("link", "set", hostIf, "up");
            Ip("netns", "exec", name, "ip", "addr", "add", device + "/30", "dev", "eth0");
            Ip("netns", "exec", name, "ip", "link", "set", "eth0", "up");
            Ip("netns", "exec", name, "ip", "link", "set", "lo", "up");
        }
        catch
        {
            ns.Dispose();
            throw;
        }
        return ns;
    }

    /// <summary>Runs a command inside the namespace and fails the test if it fails.</summary>
    public string Exec(params string[] command)
    {
        var (code, stdout, stderr) = DebianTool.Run("ip", ["netns", "exec", Name, .. command]);
        if (code != 0) Assert.Fail($"in {Name}: {string.Join(' ', command)} failed ({code}): {stderr}{stdout}");
        return stdout;
    }

    private static void Ip(params string[] args)
    {
        var (code, stdout, stderr) = DebianTool.Run("ip", args);
        if (code != 0) Assert.Fail($"ip {string.Join(' ', args)} failed ({code}): {stderr}{stdout}");
    }

    public void Dispose()
    {
        DebianTool.Run("ip", ["link", "del", HostInterface]);
        DebianTool.Run("ip", ["netns", "del", Name]);
    }
}
