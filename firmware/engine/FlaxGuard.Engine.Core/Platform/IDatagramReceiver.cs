namespace FlaxGuard.Engine.Platform
{
    /// <summary>Takes the datagrams an <see cref="IUdpCollector"/> gathers, one at a time, as they arrive.</summary>
    public interface IDatagramReceiver
    {
        /// <summary>
        /// One datagram from <paramref name="senderAddress"/> (an IP literal, IPv6 without brackets). The bytes are
        /// only valid during the call: the collector reuses its buffer. Return false to stop collecting early.
        /// </summary>
        bool Receive(string senderAddress, int senderPort, byte[] data, int offset, int count);
    }
}
