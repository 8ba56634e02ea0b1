namespace FlaxGuard.Engine.Platform
{
    /// <summary>One UDP request and its first answer (SNMP, DNS, unicast SSDP).</summary>
    public interface IUdpExchange
    {
        /// <summary>
        /// Sends the request to host:port and waits for one datagram from that host and port. Returns the bytes
        /// copied into <paramref name="response"/> (a longer datagram is cut to fit), or -1 when none came
        /// within <paramref name="timeoutMs"/>. <paramref name="outcome"/> says why when it returns -1.
        /// </summary>
        int Exchange(string host, int port, byte[] request, int offset, int count, byte[] response, int timeoutMs, out ConnectOutcome outcome);
    }
}
