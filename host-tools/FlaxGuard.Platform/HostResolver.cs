using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>Turns the host a probe names into an address, bounded in time like everything else.</summary>
internal static class HostResolver
{
    public static (IPAddress? Address, ConnectOutcome Failure) Resolve(string host, int timeoutMs)
    {
        if (string.IsNullOrWhiteSpace(host)) return (null, ConnectOutcome.InvalidAddress);
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address)) return (address, ConnectOutcome.Connected);
        if (Uri.CheckHostName(host) != UriHostNameType.Dns) return (null, ConnectOutcome.InvalidAddress);
        try
        {
            using var cts = new CancellationTokenSource(Math.Max(1, timeoutMs));
            var addresses = Dns.GetHostAddressesAsync(host, cts.Token).GetAwaiter().GetResult();
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen is null ? (null, ConnectOutcome.Unreachable) : (chosen, ConnectOutcome.Connected);
        }
        catch (OperationCanceledException)
        {
            return (null, ConnectOutcome.TimedOut);
        }
        catch (SocketException)
        {
            return (null, ConnectOutcome.Unreachable);
        }
    }

    public static ConnectOutcome Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ConnectOutcome.Refused,
        SocketError.TimedOut or SocketError.WouldBlock => ConnectOutcome.TimedOut,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostNotFound
            or SocketError.NoData or SocketError.HostDown or SocketError.NetworkDown => ConnectOutcome.Unreachable,
        SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => ConnectOutcome.InvalidAddress,
        _ => ConnectOutcome.Failed,
    };
}
