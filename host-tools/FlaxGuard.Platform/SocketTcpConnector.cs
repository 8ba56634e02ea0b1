using System.Net;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>TCP connections over .NET sockets, with the connect bounded by the caller's timeout.</summary>
public sealed class SocketTcpConnector : ITcpConnector
{
    public ConnectOutcome Connect(string host, int port, int timeoutMs, out ITcpConnection? connection)
    {
        connection = null;
        if (port is < 1 or > 65535) return ConnectOutcome.InvalidAddress;
        var started = Environment.TickCount64;
        var (address, failure) = HostResolver.Resolve(host, timeoutMs);
        if (address is null) return failure;
        var left = (int)Math.Max(1, timeoutMs - (Environment.TickCount64 - started));
        if (LinuxTcpConnect.Applies(address)) return LinuxTcpConnect.Connect(address, port, left, out connection);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var outcome = ConnectWithin(socket, new IPEndPoint(address, port), left);
            if (outcome != ConnectOutcome.Connected)
            {
                socket.Dispose();
                return outcome;
            }
            connection = new SocketTcpConnection(socket);
            return ConnectOutcome.Connected;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return HostResolver.Classify(e.SocketErrorCode);
        }
    }

    /// <summary>
    /// A non-blocking connect and a poll, all on the calling thread: a port sweep must not depend on the
    /// thread pool, which blocking callers can starve (the engine's sweep runs on its own threads).
    /// </summary>
    private static ConnectOutcome ConnectWithin(Socket socket, IPEndPoint endpoint, int timeoutMs)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(endpoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
            if (!socket.Poll(timeoutMs * 1000L > int.MaxValue ? int.MaxValue : timeoutMs * 1000, SelectMode.SelectWrite))
            {
                var pending = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                return pending == 0 ? ConnectOutcome.TimedOut : HostResolver.Classify((SocketError)pending);
            }
            var error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != 0) return HostResolver.Classify((SocketError)error);
        }
        socket.Blocking = true;
        return ConnectOutcome.Connected;
    }
}
