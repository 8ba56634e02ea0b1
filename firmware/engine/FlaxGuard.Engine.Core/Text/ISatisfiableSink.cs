namespace FlaxGuard.Engine.Text
{
    /// <summary>
    /// A sink that can say it has every byte it needs, so the transport may stop reading the body and close the
    /// connection. The flash measurement needs the kernel image or the squashfs filesystem at the start of a
    /// partition, not the padding and the overlay behind it. The response then counts only the bytes read.
    /// </summary>
    public interface ISatisfiableSink : IByteSink
    {
        bool Satisfied { get; }
    }
}
