using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Probes.Exposure;

namespace FlaxGuard.Cli.Checking;

/// <summary>Expands what the user lists for a sweep: addresses, host names and IPv4 CIDR blocks (e.g. 192.0.2.0/28).</summary>
public static class AddressList
{
    public static string[] Expand(IEnumerable<string> items)
    {
        var hosts = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in items.SelectMany(i => i.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            foreach (var host in ExpandOne(raw))
            {
                if (seen.Add(host)) hosts.Add(host);
                if (hosts.Count > ExposureSweep.MaxHosts)
                    throw new UserInputException($"more than {ExposureSweep.MaxHosts} hosts in one sweep; split the list");
            }
        }
        if (hosts.Count == 0) throw new UserInputException("no addresses to sweep");
        return [.. hosts];
    }

    private static IEnumerable<string> ExpandOne(string item)
    {
        var slash = item.IndexOf('/');
        if (slash < 0)
        {
            yield return TargetAddress.Parse(item).Host;
            yield break;
        }
        if (!IPAddress.TryParse(item[..slash], out var network) || network.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(item[(slash + 1)..], out var prefix) || prefix is < 0 or > 32)
            throw new UserInputException($"'{item}' is not an IPv4 block such as 192.0.2.0/28");
        if (prefix < 20) throw new UserInputException($"'{item}' has {1L << (32 - prefix)} addresses; sweep at most a /20 at a time");
        var bytes = network.GetAddressBytes();
        var start = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        if ((start & ~mask) != 0) throw new UserInputException($"'{item}' is not the start of its block (the block starts at {ToAddress(start & mask)})");
        var count = 1u << (32 - prefix);
        // Network and broadcast addresses are not devices, except in /31 and /32 blocks.
        var (first, last) = prefix >= 31 ? (start, start + count - 1) : (start + 1, start + count - 2);
        for (var a = first; a <= last && a >= first; a++) yield return ToAddress(a);
    }

    private static string ToAddress(uint a) => new IPAddress([(byte)(a >> 24), (byte)(a >> 16), (byte)(a >> 8), (byte)a]).ToString();
}
