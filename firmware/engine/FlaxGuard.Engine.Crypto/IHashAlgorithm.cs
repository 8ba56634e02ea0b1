using System;

namespace FlaxGuard.Engine.Crypto;

/// <summary>
/// A streaming message digest. Instances are stateful and not thread-safe; after <see cref="Final()"/>
/// the instance is reset and can hash a new message.
/// </summary>
public interface IHashAlgorithm
{
    /// <summary>Digest length in bytes.</summary>
    int HashSize { get; }

    /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <paramref name="data"/>.</exception>
    void Update(byte[] data, int offset, int count);

    /// <summary>Returns the digest of everything absorbed since the last reset, then resets.</summary>
    byte[] Final();

    /// <summary>Writes the digest to <paramref name="output"/> at <paramref name="offset"/>, then resets.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="HashSize"/> bytes fit at <paramref name="offset"/>.</exception>
    void Final(byte[] output, int offset);

    /// <summary>Discards any absorbed data.</summary>
    void Reset();
}
