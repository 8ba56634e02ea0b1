using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>One UDP request and the first datagram back from the same host, within the timeout.</summary>
public sealed class SocketUdpExchange : IUdpExchange
{
    public int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out ConnectOutcome outcome)
    {
        if (port is < 1 or > 65535) { outcome = ConnectOutcome.InvalidAddress; return -1; }
        var deadline = Environment.TickCount64 + Math.Max(1, timeoutMs);
        var (address, failure) = HostResolver.Resolve(host, timeoutMs);
        if (address is null) { outcome = failure; return -1; }
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var remote = new IPEndPoint(address, port);
            socket.SendTo(request, offset, count, SocketFlags.None, remote);
            EndPoint from = new IPEndPoint(address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            // Datagrams from other hosts (or a spoofed port) are ignored, but never for longer than the timeout.
            while (true)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !socket.Poll((int)Math.Min(left * 1000, int.MaxValue), SelectMode.SelectRead))
                {
                    outcome = ConnectOutcome.TimedOut;
                    return -1;
                }
                var n = socket.ReceiveFrom(response, 0, response.Length, SocketFlags.None, ref from);
                if (from is IPEndPoint ep && ep.Address.Equals(address) && ep.Port == port)
                {
                    outcome = ConnectOutcome.Connected;
                    return n;
                }
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
        {
            outcome = ConnectOutcome.Connected;
            return response.Length;
        }
        catch (SocketException e)
        {
            outcome = e.SocketErrorCode == SocketError.ConnectionReset ? ConnectOutcome.Refused : HostResolver.Classify(e.SocketErrorCode);
            return -1;
        }
    }
}
