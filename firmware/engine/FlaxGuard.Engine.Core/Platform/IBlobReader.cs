namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// Ranged reads of a large stored file (the compiled hash database in flash, a file on Linux).
    /// <see cref="IKeyValueStore"/> hands out whole values, which a device with a few KB of free RAM
    /// cannot hold for a database of megabytes; this interface lets the engine read just the bytes it needs.
    /// Names follow <see cref="StoreKeys"/>.
    /// </summary>
    public interface IBlobReader
    {
        /// <summary>Length of the named file in bytes, or -1 when it does not exist.</summary>
        long Length(string name);

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes starting at <paramref name="offset"/> into
        /// <paramref name="buffer"/>; returns how many were copied (0 at or past the end).
        /// </summary>
        int Read(string name, long offset, byte[] buffer, int bufferOffset, int count);
    }
}
