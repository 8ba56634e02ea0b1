namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// A sink that can use the body length a response declares (Content-Length) to make room once, instead of
    /// growing while the bytes arrive. Transports call <see cref="ExpectLength"/> before the first body byte when
    /// the length is known. Only a hint: a device may declare one length and send another, and the sink's own
    /// limit still decides what it keeps.
    /// </summary>
    public interface ILengthHintSink : IByteSink
    {
        void ExpectLength(long length);
    }
}
