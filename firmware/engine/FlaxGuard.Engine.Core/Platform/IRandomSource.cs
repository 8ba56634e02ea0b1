namespace FlaxGuard.Engine.Platform
{
    /// <summary>Cryptographically strong random bytes (nonces, client challenges, key material).</summary>
    public interface IRandomSource
    {
        void NextBytes(byte[] buffer, int offset, int count);
    }
}
