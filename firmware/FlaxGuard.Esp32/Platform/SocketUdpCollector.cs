using System;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// One datagram out (a multicast search: SSDP, mDNS, WS-Discovery) and every answer back within the time bound, each
    /// with its sender. Answers to these searches come unicast to the sending socket, so no group is joined; lwIP's
    /// default multicast TTL keeps the search on the link's routers' side of things (239.255.255.250 and 224.0.0.251 are
    /// not forwarded). A datagram longer than the buffer is cut to fit, as the interface promises.
    /// </summary>
    public sealed class SocketUdpCollector : IUdpCollector
    {
        public int Collect(string host, int port, byte[] request, int offset, int count, byte[] buffer, int maxDatagrams, int timeoutMs, IDatagramReceiver receiver, out ConnectOutcome outcome)
        {
            outcome = ConnectOutcome.Failed;
            if (port < 1 || port > 65535 || maxDatagrams < 1) { outcome = ConnectOutcome.InvalidAddress; return -1; }
            IPAddress address = AddressResolver.Resolve(host);
            if (address == null) { outcome = ConnectOutcome.Unreachable; return -1; }
            Socket socket = null;
            int delivered = 0;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                socket.SendTo(request, offset, count, SocketFlags.None, new IPEndPoint(address, port));
                long deadline = Environment.TickCount64 + (timeoutMs < 1 ? 1 : timeoutMs);
                while (delivered < maxDatagrams)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0 || !socket.Poll((int)(left > 2000000 ? 2000000000 : left * 1000), SelectMode.SelectRead)) break;
                    socket.ReceiveTimeout = (int)left;
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int got = socket.ReceiveFrom(buffer, 0, buffer.Length, SocketFlags.None, ref from);
                    IPEndPoint sender = from as IPEndPoint;
                    if (sender == null) continue;
                    delivered++;
                    if (!receiver.Receive(sender.Address.ToString(), sender.Port, buffer, 0, got)) break;
                }
                outcome = delivered > 0 ? ConnectOutcome.Connected : ConnectOutcome.TimedOut;
                return delivered;
            }
            catch (SocketException e)
            {
                outcome = SocketErrors.ToOutcome(e);
                return delivered > 0 ? delivered : -1;
            }
            finally
            {
                if (socket != null) socket.Close();
            }
        }
    }
}
