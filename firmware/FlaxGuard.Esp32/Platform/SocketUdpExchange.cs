using System;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>One datagram out, the first answer from that host and port back (SNMP, DNS), bounded by Poll and ReceiveTimeout.</summary>
    public sealed class SocketUdpExchange : IUdpExchange
    {
        public int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out ConnectOutcome outcome)
        {
            outcome = ConnectOutcome.Failed;
            if (port < 1 || port > 65535) { outcome = ConnectOutcome.InvalidAddress; return -1; }
            IPAddress address = AddressResolver.Resolve(host);
            if (address == null) { outcome = ConnectOutcome.Unreachable; return -1; }
            Socket socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                IPEndPoint target = new IPEndPoint(address, port);
                socket.SendTo(request, offset, count, SocketFlags.None, target);
                long deadline = Environment.TickCount64 + (timeoutMs < 1 ? 1 : timeoutMs);
                byte[] expected = address.GetAddressBytes();
                while (true)
                {
                    long left = deadline - Environment.TickCount64;
                    if (left <= 0 || !socket.Poll((int)(left > 2000000 ? 2000000000 : left * 1000), SelectMode.SelectRead))
                    {
                        outcome = ConnectOutcome.TimedOut;
                        return -1;
                    }
                    socket.ReceiveTimeout = (int)left;
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int got = socket.ReceiveFrom(response, 0, response.Length, SocketFlags.None, ref from);
                    IPEndPoint sender = from as IPEndPoint;
                    // Answers from anyone but the asked host and port are ignored: an attacker on the LAN must not answer
                    // for it, and another service on the host is not the one asked (SNMP takes an answer as a sign of life).
                    if (sender != null && sender.Port == port && SameAddress(sender.Address.GetAddressBytes(), expected))
                    {
                        outcome = ConnectOutcome.Connected;
                        return got;
                    }
                }
            }
            catch (SocketException e)
            {
                outcome = SocketErrors.ToOutcome(e);
                return -1;
            }
            finally
            {
                if (socket != null) socket.Close();
            }
        }

        private static bool SameAddress(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }
}
