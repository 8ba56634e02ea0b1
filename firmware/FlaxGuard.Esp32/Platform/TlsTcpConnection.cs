using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// TLS to a checked device. Device certificates are self-signed, and FlaxGuard watches them for change rather than
    /// trusting them, so peer verification is off here (it is ON, with the host CA pinned, for the host connection).
    /// mbedTLS in the firmware negotiates TLS 1.2 at least.
    /// </summary>
    public sealed class TlsTcpConnection : ITcpConnection
    {
        private SslStream _stream;

        private TlsTcpConnection(SslStream stream)
        {
            _stream = stream;
        }

        /// <summary>Wraps a connected socket; null when the handshake fails (the socket is closed then).</summary>
        public static TlsTcpConnection Handshake(Socket socket, string serverName, int timeoutMs, out string error)
        {
            error = null;
            SslStream stream = null;
            try
            {
                socket.ReceiveTimeout = timeoutMs < 1 ? 1 : timeoutMs;
                stream = new SslStream(socket);
                stream.SslVerification = SslVerification.NoVerification;
                stream.AuthenticateAsClient(serverName, SslProtocols.Tls12);
                TlsTcpConnection connection = new TlsTcpConnection(stream);
                stream = null;
                return connection;
            }
            catch (Exception e)
            {
                // mbedTLS reports handshake failures as CryptographicException/InvalidOperationException/IOException.
                error = "TLS handshake failed (" + e.GetType().Name + ")";
                return null;
            }
            finally
            {
                if (stream != null) stream.Dispose();
                else if (error != null) socket.Close();
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            SslStream stream = _stream;
            if (stream == null) return 0;
            try
            {
                stream.ReadTimeout = timeoutMs < 1 ? 1 : timeoutMs;
                return stream.Read(buffer, offset, count);
            }
            catch (SocketException e)
            {
                return e.ErrorCode == (int)SocketError.TimedOut ? -1 : 0;
            }
            catch (IOException)
            {
                return -1;
            }
            catch (ObjectDisposedException)
            {
                return 0;
            }
        }

        public bool Write(byte[] data, int offset, int count, int timeoutMs)
        {
            SslStream stream = _stream;
            if (stream == null) return false;
            try
            {
                stream.WriteTimeout = timeoutMs < 500 ? 500 : timeoutMs;
                stream.Write(data, offset, count);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (IOException)
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
            SslStream stream = _stream;
            _stream = null;
            if (stream != null) stream.Dispose();
        }
    }
}
