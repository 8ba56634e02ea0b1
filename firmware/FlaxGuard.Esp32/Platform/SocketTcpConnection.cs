using System;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// A connected TCP socket. Every read first polls for at most the given time (Socket.Poll takes microseconds), then
    /// receives with ReceiveTimeout set, so a stalled device costs time, never a hung thread.
    /// </summary>
    public sealed class SocketTcpConnection : ITcpConnection
    {
        private Socket _socket;

        public SocketTcpConnection(Socket socket)
        {
            if (socket == null) throw new ArgumentNullException("socket");
            _socket = socket;
        }

        /// <summary>The socket, for wrapping in TLS.</summary>
        public Socket Socket { get { return _socket; } }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            Socket socket = _socket;
            if (socket == null) return 0;
            try
            {
                int waitMs = timeoutMs < 1 ? 1 : timeoutMs;
                // Poll counts in microseconds and an int: wait in slices of at most 2,000 s worth.
                if (!socket.Poll(waitMs > 2000000 ? 2000000000 : waitMs * 1000, SelectMode.SelectRead)) return -1;
                socket.ReceiveTimeout = waitMs;
                return socket.Receive(buffer, offset, count, SocketFlags.None);
            }
            catch (SocketException e)
            {
                return e.ErrorCode == (int)SocketError.TimedOut ? -1 : 0;
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }
        }

        public bool Write(byte[] data, int offset, int count, int timeoutMs)
        {
            Socket socket = _socket;
            if (socket == null) return false;
            try
            {
                socket.SendTimeout = timeoutMs < 500 ? 500 : timeoutMs;
                int sent = 0;
                while (sent < count)
                {
                    int n = socket.Send(data, offset + sent, count - sent, SocketFlags.None);
                    if (n <= 0) return false;
                    sent += n;
                }
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            Socket socket = _socket;
            _socket = null;
            if (socket != null) socket.Close();
        }
    }
}
