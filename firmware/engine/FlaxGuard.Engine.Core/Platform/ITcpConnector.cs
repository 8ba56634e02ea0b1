namespace FlaxGuard.Engine.Platform
{
    /// <summary>Opens TCP connections with a bound on the time a connect may take.</summary>
    public interface ITcpConnector
    {
        /// <summary>
        /// Connects to <paramref name="host"/> (an IP literal or a name) and port. On
        /// <see cref="ConnectOutcome.Connected"/> the connection is in <paramref name="connection"/>, else it is null.
        /// Safe to call from several threads at once.
        /// </summary>
        ConnectOutcome Connect(string host, int port, int timeoutMs, out ITcpConnection connection);
    }
}
