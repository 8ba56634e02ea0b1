using System.Globalization;
using System.Net;

namespace FlaxGuard.Platform;

/// <summary>
/// The vendor of a LAN device's network card, Linux only: its MAC address from the kernel's neighbour table
/// (/proc/net/arp, complete entries) and the organisation IEEE registered for the first three bytes, from IEEE's
/// public MA-L (OUI) registry as Debian's ieee-data package ships it (/usr/share/ieee-data/oui.txt, lines
/// "AA-BB-CC   (hex)&lt;tabs&gt;Organisation"). Unknown or missing data gives null, never an error.
/// </summary>
public sealed class MacVendorLookup
{
    public const string DefaultRegistry = "/usr/share/ieee-data/oui.txt";
    public const string DefaultNeighbours = "/proc/net/arp";
    private const long MaxRegistryBytes = 16 * 1024 * 1024;

    private readonly Dictionary<IPAddress, string> _macs;
    private readonly Dictionary<string, string> _vendors;

    private MacVendorLookup(Dictionary<IPAddress, string> macs, Dictionary<string, string> vendors)
    {
        _macs = macs;
        _vendors = vendors;
    }

    /// <summary>Reads the neighbour table, then the registry rows for just the prefixes seen there.</summary>
    public static MacVendorLookup Load(string neighbours = DefaultNeighbours, string registry = DefaultRegistry)
    {
        var macs = new Dictionary<IPAddress, string>();
        if (File.Exists(neighbours))
        {
            foreach (var line in File.ReadLines(neighbours).Skip(1).Take(4096))
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // IP address, HW type, Flags, HW address, Mask, Device; flag 0x2 is a complete entry.
                if (cols.Length < 4 || !IPAddress.TryParse(cols[0], out var ip)) continue;
                if (!int.TryParse(cols[2].Replace("0x", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags) || (flags & 2) == 0) continue;
                var mac = cols[3].ToUpperInvariant();
                if (mac.Length == 17 && mac != "00:00:00:00:00:00") macs[ip] = mac;
            }
        }
        var wanted = macs.Values.Select(m => m[..8].Replace(':', '-')).ToHashSet(StringComparer.Ordinal);
        var vendors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (wanted.Count > 0 && File.Exists(registry) && new FileInfo(registry).Length <= MaxRegistryBytes)
        {
            foreach (var line in File.ReadLines(registry))
            {
                if (line.Length < 20 || line[2] != '-' || !line.Contains("(hex)", StringComparison.Ordinal)) continue;
                var prefix = line[..8].ToUpperInvariant();
                if (!wanted.Contains(prefix)) continue;
                var name = line[(line.IndexOf("(hex)", StringComparison.Ordinal) + 5)..].Trim();
                if (name.Length > 0) vendors[prefix] = name.Length > 96 ? name[..96] : name;
            }
        }
        return new MacVendorLookup(macs, vendors);
    }

    public string? MacOf(string address) =>
        IPAddress.TryParse(address, out var ip) && _macs.TryGetValue(ip, out var mac) ? mac : null;

    public string? VendorOf(string address)
    {
        var mac = MacOf(address);
        return mac is not null && _vendors.TryGetValue(mac[..8].Replace(':', '-'), out var vendor) ? vendor : null;
    }
}
