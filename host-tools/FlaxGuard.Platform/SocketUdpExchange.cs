using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>One UDP request and the first datagram back from the same host and port, within the timeout.</summary>
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
            // A connected socket takes datagrams from that host and port only (the kernel drops the rest), and it is
            // told when the host answers ICMP port unreachable: nothing listening is then "refused" at once, where an
            // unconnected socket would wait out the timeout.
            socket.Connect(remote);
            socket.Send(request, offset, count, SocketFlags.None);
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                outcome = ConnectOutcome.TimedOut;
                return -1;
            }
            // A blocking receive with a timeout, not Poll: Poll does not report the pending ICMP error as readable.
            socket.ReceiveTimeout = (int)Math.Min(left, int.MaxValue);
            var n = socket.Receive(response, 0, response.Length, SocketFlags.None);
            outcome = ConnectOutcome.Connected;
            return n;
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
