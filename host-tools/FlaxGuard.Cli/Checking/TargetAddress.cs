using System.Net;
using System.Net.Sockets;

namespace FlaxGuard.Cli.Checking;

/// <summary>
/// What the user typed as the device to check: an IP address, a host name, or a URL of its admin
/// interface (which also fixes the HTTP scheme and port).
/// </summary>
public sealed record TargetAddress(string Host, string? Scheme, int? Port)
{
    public bool IsIpLiteral => IPAddress.TryParse(Host, out _);

    /// <summary>The address in the form the engine's profiles read (scheme and port only when given).</summary>
    public string ToProfileText()
    {
        var host = Host.Contains(':') ? $"[{Host}]" : Host;
        var withPort = Port is { } p ? $"{host}:{p}" : host;
        return Scheme is null ? withPort : $"{Scheme}://{withPort}";
    }

    public static TargetAddress Parse(string input)
    {
        var text = input.Trim();
        if (text.Length == 0) throw new UserInputException("the device address is empty");
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new UserInputException($"'{input}' is not an http:// or https:// address");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw new UserInputException("put no user name or password in the address; FlaxGuard never takes credentials on the command line");
            return new TargetAddress(uri.Host.Trim('[', ']'), uri.Scheme, uri.Port);
        }
        var host = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        if (IPAddress.TryParse(host, out var ip))
        {
            if (ip.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast))
                throw new UserInputException($"'{input}' is not the address of a single device");
            return new TargetAddress(ip.ToString(), null, null);
        }
        if (host.Contains(':'))
            throw new UserInputException($"'{input}' is not an IP address or host name (to give a port, write http://{host}/)");
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || host.Length > 253 || char.IsDigit(host[^1]) && host.All(c => char.IsDigit(c) || c == '.'))
            throw new UserInputException($"'{input}' is not an IP address or host name");
        return new TargetAddress(host, null, null);
    }
}
