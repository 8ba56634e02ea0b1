using System.Net;
using FlaxGuard.Server.Tls;

namespace FlaxGuard.Server.Api;

/// <summary>
/// The host names and addresses this server answers to. A request whose Host header names anything else was not meant
/// for us: a DNS-rebinding page in a browser (evil.example resolving to 127.0.0.1) sends its own name there, so refusing
/// unknown names keeps such pages away from the open loopback dashboard and the API.
/// </summary>
public sealed class HostAllowList
{
    private readonly HashSet<string> _names;

    private HostAllowList(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>
    /// The listen address (on loopback also localhost, 127.0.0.1 and ::1; on 0.0.0.0 or [::] this machine's name and
    /// addresses) plus <paramref name="extra"/>: the certificate's names and every --allowed-host.
    /// </summary>
    public static HostAllowList For(IPEndPoint listen, IEnumerable<string> extra)
    {
        var names = new List<string>(TlsNames.DefaultsFor(listen));
        if (IPAddress.IsLoopback(listen.Address)) names.AddRange(["localhost", "127.0.0.1", "::1"]);
        names.AddRange(extra);
        return new HostAllowList(names.Select(n => Canonical(n) ?? throw new StoreException($"--allowed-host '{Shorten(n)}' is not a DNS name or an IP address (e.g. flaxguard.lan or 192.0.2.10)")));
    }

    /// <summary>Whether the host part of a Host header (port already removed) is one we answer to.</summary>
    public bool Allows(string host) => Canonical(host) is { } canonical && _names.Contains(canonical);

    /// <summary>Lower-case DNS name without a trailing dot, or an IP address in its standard form; null when neither.</summary>
    internal static string? Canonical(string text)
    {
        var name = text.Trim();
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        if (name.Length == 0) return null;
        if (IPAddress.TryParse(name, out var ip) && (name.Contains(':') || name.Count(c => c == '.') == 3)) return ip.ToString();
        try
        {
            return TlsNames.Normalize([name])[0];
        }
        catch (StoreException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => new(text.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
