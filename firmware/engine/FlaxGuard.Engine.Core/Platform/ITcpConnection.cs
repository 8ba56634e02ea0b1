using System;

namespace FlaxGuard.Engine.Platform
{
    /// <summary>An open TCP connection. Every call is bounded by the timeout given to it.</summary>
    public interface ITcpConnection : IDisposable
    {
        /// <summary>
        /// Reads at most <paramref name="count"/> bytes. Returns the bytes read, 0 when the peer closed the
        /// connection, or -1 when nothing arrived within <paramref name="timeoutMs"/>.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all bytes; returns false when that failed or took longer than the timeout.</summary>
        bool Write(byte[] data, int offset, int count, int timeoutMs);
    }
}
