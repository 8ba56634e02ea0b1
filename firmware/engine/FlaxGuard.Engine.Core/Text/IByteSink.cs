namespace FlaxGuard.Engine.Text
{
    /// <summary>Somewhere bytes go in order: a hash, a buffer, a file, a socket.</summary>
    public interface IByteSink
    {
        void Write(byte[] data, int offset, int count);
    }
}
