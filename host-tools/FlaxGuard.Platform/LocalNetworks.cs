using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FlaxGuard.Engine.Discovery;

namespace FlaxGuard.Platform;

/// <summary>The IPv4 networks this machine is on, for LAN discovery: discovery only ever covers a network the machine has an address in.</summary>
public static class LocalNetworks
{
    /// <summary>
    /// The block asked for (it must contain an address of this machine), or with null the first IPv4 network of an up
    /// interface (its prefix clamped to /22../30). Null with a reason in words when there is none.
    /// </summary>
    public static (Ipv4Network Block, IPAddress Self)? Choose(string? text, out string? problem)
    {
        problem = null;
        var locals = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address))
            .ToList();
        if (text is not null)
        {
            var block = Ipv4Network.Parse(text, out var why);
            if (block is null)
            {
                problem = $"'{text}' {why}";
                return null;
            }
            var self = locals.FirstOrDefault(a => block.Contains(a.Address.ToString()));
            if (self is null)
            {
                problem = $"no interface of this machine has an address in {block}: discovery only covers networks this machine is on";
                return null;
            }
            return (block, self.Address);
        }
        foreach (var a in locals)
        {
            var prefix = Math.Clamp(a.PrefixLength, 22, 30);
            var bytes = a.Address.GetAddressBytes();
            var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]) & (0xFFFFFFFFu << (32 - prefix));
            var block = Ipv4Network.Parse($"{Ipv4Network.Format(value)}/{prefix}", out _);
            if (block is not null) return (block, a.Address);
        }
        problem = "this machine has no IPv4 network to discover";
        return null;
    }
}
