using System.Buffers;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>
/// One datagram out and every answer back within the time bound, each with its sender (SSDP discovery).
/// With a <paramref name="localAddress"/> the socket is bound to it and multicast leaves through that
/// interface only, so a search meant for one network segment never goes out of another.
/// </summary>
/// <param name="localAddress">Address to send from (and the multicast interface); null lets the system choose.</param>
/// <param name="multicastTtl">Hop limit of multicast searches; UPnP asks for 2 by default (UDA 1.1 section 1.1.2), 1 keeps them on the link.</param>
public sealed class SocketUdpCollector(IPAddress? localAddress = null, int multicastTtl = 2) : IUdpCollector
{
    private const int MaxDatagram = 65535;

    public int Collect(string host, int port, byte[] request, int offset, int count, byte[] buffer, int maxDatagrams, int timeoutMs, IDatagramReceiver receiver, out ConnectOutcome outcome)
    {
        if (port is < 1 or > 65535 || maxDatagrams < 1) { outcome = ConnectOutcome.InvalidAddress; return -1; }
        var deadline = Environment.TickCount64 + Math.Max(1, timeoutMs);
        var (address, failure) = HostResolver.Resolve(host, timeoutMs);
        if (address is null) { outcome = failure; return -1; }
        if (localAddress is not null && localAddress.AddressFamily != address.AddressFamily) { outcome = ConnectOutcome.InvalidAddress; return -1; }
        using var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var delivered = 0;
        var whole = ArrayPool<byte>.Shared.Rent(MaxDatagram);
        try
        {
            var any = address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            socket.Bind(new IPEndPoint(localAddress ?? any, 0));
            if (IsMulticast(address))
            {
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, multicastTtl);
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, false);
                    if (localAddress is not null)
                        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, localAddress.GetAddressBytes());
                }
                else
                {
                    socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, multicastTtl);
                }
            }
            socket.SendTo(request, offset, count, SocketFlags.None, new IPEndPoint(address, port));
            EndPoint from = new IPEndPoint(any, 0);
            while (delivered < maxDatagrams)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !socket.Poll((int)Math.Min(left * 1000, int.MaxValue), SelectMode.SelectRead)) break;
                int received;
                try
                {
                    // Received whole into a pooled buffer, so the sender is known even for an oversized datagram.
                    received = socket.ReceiveFrom(whole, 0, whole.Length, SocketFlags.None, ref from);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // ICMP port unreachable from a unicast target: nothing listens there.
                    outcome = ConnectOutcome.Refused;
                    return delivered;
                }
                // Cut to fit, as the interface promises: the engine sees count == buffer.Length and refuses it as oversized.
                var n = Math.Min(received, buffer.Length);
                Buffer.BlockCopy(whole, 0, buffer, 0, n);
                var sender = (IPEndPoint)from;
                var senderAddress = sender.Address.IsIPv4MappedToIPv6 ? sender.Address.MapToIPv4() : sender.Address;
                delivered++;
                if (!receiver.Receive(senderAddress.ToString(), sender.Port, buffer, 0, n)) break;
            }
            outcome = delivered > 0 ? ConnectOutcome.Connected : ConnectOutcome.TimedOut;
            return delivered;
        }
        catch (SocketException e)
        {
            outcome = HostResolver.Classify(e.SocketErrorCode);
            return delivered > 0 ? delivered : -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(whole);
        }
    }

    private static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? (address.GetAddressBytes()[0] & 0xF0) == 0xE0 : address.IsIPv6Multicast;
}
