using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace FlaxGuard.Server.Tls;

/// <summary>The DNS names and IP addresses a server certificate carries (its subject alternative names).</summary>
public static class TlsNames
{
    public const int MaxNames = 64;

    /// <summary>
    /// The names appliances are expected to use for <paramref name="listen"/>: the address itself (plus localhost on
    /// loopback); on 0.0.0.0 or [::], this machine's host name and its addresses, since any of them may be used.
    /// </summary>
    public static IReadOnlyList<string> DefaultsFor(IPEndPoint listen)
    {
        var address = listen.Address;
        if (IPAddress.IsLoopback(address)) return Normalize([address.ToString(), "localhost"]);
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)) return Normalize([address.ToString()]);
        var names = new List<string>();
        var host = Dns.GetHostName();
        if (IsDnsName(host.ToLowerInvariant())) names.Add(host);
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up) continue;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var ip = unicast.Address;
                if (ip.IsIPv6LinkLocal || IPAddress.IsLoopback(ip)) continue;
                if (address.Equals(IPAddress.Any) && ip.AddressFamily != AddressFamily.InterNetwork) continue;
                names.Add(ip.ToString());
            }
        }
        names.AddRange(["127.0.0.1", "localhost"]);
        return Normalize(names.Take(MaxNames));
    }

    /// <summary>Canonical, de-duplicated, in the given order; throws <see cref="StoreException"/> naming the first bad one.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.Trim();
            if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
            string canonical;
            if (IPAddress.TryParse(name, out var ip) && (name.Contains(':') || name.Count(c => c == '.') == 3)) canonical = ip.ToString();
            else if (IsDnsName(name.ToLowerInvariant())) canonical = name.ToLowerInvariant().TrimEnd('.');
            else throw new StoreException($"--tls-name '{Clean(raw)}' is not a DNS name or an IP address (e.g. flaxguard.lan or 192.0.2.10)");
            if (!result.Contains(canonical, StringComparer.Ordinal)) result.Add(canonical);
        }
        if (result.Count == 0) throw new StoreException("the server certificate needs at least one --tls-name");
        if (result.Count > MaxNames) throw new StoreException($"at most {MaxNames} --tls-name values");
        return result;
    }

    public static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
        a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The subject alternative names of <paramref name="certificate"/>, canonical (empty when it has none).</summary>
    public static IReadOnlyList<string> Of(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null) return [];
        return san.EnumerateDnsNames().Select(n => n.ToLowerInvariant()).Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).Distinct().ToList();
    }

    /// <summary>Whether <paramref name="host"/> (a URL's host) is among <paramref name="names"/>.</summary>
    public static bool Covers(IReadOnlyList<string> names, string host)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var ip)) return names.Contains(ip.ToString(), StringComparer.Ordinal);
        return names.Contains(bare.ToLowerInvariant().TrimEnd('.'), StringComparer.Ordinal);
    }

    private static bool IsDnsName(string name)
    {
        name = name.TrimEnd('.');
        if (name.Length is 0 or > 253) return false;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')) return false;
        }
        return true;
    }

    private static string Clean(string text) => new(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
