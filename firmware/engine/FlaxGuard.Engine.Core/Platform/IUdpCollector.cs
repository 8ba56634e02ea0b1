namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// One UDP datagram out, every answer back (SSDP discovery): unlike <see cref="IUdpExchange"/>, answers
    /// from any sender are passed on with the sender's address, because a multicast search is answered by
    /// every device on the network and the probe decides which answer is the checked device's.
    /// </summary>
    public interface IUdpCollector
    {
        /// <summary>
        /// Sends the request to host:port (a unicast address or a multicast group) and hands every datagram that
        /// comes back to <paramref name="receiver"/>, until <paramref name="maxDatagrams"/> have arrived, the
        /// receiver returns false, or <paramref name="timeoutMs"/> has passed since sending. Each datagram is
        /// copied into <paramref name="buffer"/> first (a longer one is cut to fit, so the receiver sees
        /// count == buffer.Length). Returns how many datagrams the receiver got, or -1 when the request could
        /// not be sent (<paramref name="outcome"/> says why).
        /// </summary>
        int Collect(string host, int port, byte[] request, int offset, int count, byte[] buffer, int maxDatagrams, int timeoutMs, IDatagramReceiver receiver, out ConnectOutcome outcome);
    }
}
