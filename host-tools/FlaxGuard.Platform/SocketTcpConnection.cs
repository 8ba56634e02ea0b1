using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>An open TCP connection whose reads wait at most the given time (Poll, then Receive).</summary>
internal sealed class SocketTcpConnection(Socket socket) : ITcpConnection
{
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        try
        {
            if (!socket.Poll(Math.Max(0, timeoutMs) * 1000L > int.MaxValue ? int.MaxValue : Math.Max(0, timeoutMs) * 1000, SelectMode.SelectRead))
                return -1;
            return socket.Receive(buffer, offset, count, SocketFlags.None);
        }
        catch (SocketException)
        {
            // A reset mid-read ends the conversation just as a close does.
            return 0;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    public bool Write(byte[] data, int offset, int count, int timeoutMs)
    {
        try
        {
            socket.SendTimeout = Math.Max(1, timeoutMs);
            var sent = 0;
            while (sent < count)
            {
                var n = socket.Send(data, offset + sent, count - sent, SocketFlags.None);
                if (n <= 0) return false;
                sent += n;
            }
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // The peer may already be gone; closing is all that is left to do.
        }
        socket.Dispose();
    }
}
