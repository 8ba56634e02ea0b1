using System;
using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// TCP connects with nanoFramework sockets. Socket.Connect in nanoFramework 1.x blocks until lwIP gives up (no
    /// managed connect timeout), so the engine's timeout bounds everything after the connect; a host that drops SYNs
    /// costs lwIP's connect time. Probes run their ports one at a time on the dongle to stay inside the socket budget.
    /// </summary>
    public sealed class SocketTcpConnector : ITcpConnector
    {
        public ConnectOutcome Connect(string host, int port, int timeoutMs, out ITcpConnection connection)
        {
            connection = null;
            if (port < 1 || port > 65535) return ConnectOutcome.InvalidAddress;
            IPAddress address = AddressResolver.Resolve(host);
            if (address == null) return ConnectOutcome.Unreachable;
            Socket socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                socket.SendTimeout = timeoutMs < 500 ? 500 : timeoutMs;
                socket.ReceiveTimeout = timeoutMs < 1 ? 1 : timeoutMs;
                socket.Connect(new IPEndPoint(address, port));
                connection = new SocketTcpConnection(socket);
                socket = null;
                return ConnectOutcome.Connected;
            }
            catch (SocketException e)
            {
                return SocketErrors.ToOutcome(e);
            }
            catch (ArgumentException)
            {
                return ConnectOutcome.InvalidAddress;
            }
            finally
            {
                if (socket != null) socket.Close();
            }
        }
    }
}
