using System;

namespace FlaxGuard.Engine.Crypto;

/// <summary>
/// HMAC-SHA-256 as specified in RFC 2104 (test vectors in RFC 4231). Streaming: one instance
/// authenticates any number of messages under the same key, one after another.
/// </summary>
public sealed class HmacSha256
{
    /// <summary>MAC length in bytes.</summary>
    public const int HashBytes = Sha256.HashBytes;

    private const int BlockBytes = 64;

    private readonly Sha256 _inner = new Sha256();
    private readonly Sha256 _outer = new Sha256();

    // Key XOR ipad and key XOR opad, kept so each message can be started without the key itself.
    private readonly byte[] _innerPad = new byte[BlockBytes];
    private readonly byte[] _outerPad = new byte[BlockBytes];
    private readonly byte[] _innerDigest = new byte[HashBytes];

    /// <summary>Creates an instance keyed with <paramref name="key"/>; the array is not retained.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public HmacSha256(byte[] key)
    {
        if (key == null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        // RFC 2104 section 2: keys longer than the block are replaced by their hash, shorter ones are zero-padded.
        byte[] block = new byte[BlockBytes];
        if (key.Length > BlockBytes)
        {
            _inner.Update(key, 0, key.Length);
            _inner.Final(block, 0);
        }
        else
        {
            Array.Copy(key, 0, block, 0, key.Length);
        }

        for (int i = 0; i < BlockBytes; i++)
        {
            _innerPad[i] = (byte)(block[i] ^ 0x36);
            _outerPad[i] = (byte)(block[i] ^ 0x5c);
        }

        Array.Clear(block, 0, BlockBytes);
        Reset();
    }

    /// <summary>One-shot HMAC-SHA-256 of the whole array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="data"/> is null.</exception>
    public static byte[] Compute(byte[] key, byte[] data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Compute(key, data, 0, data.Length);
    }

    /// <summary>One-shot HMAC-SHA-256 of a range of the array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <paramref name="data"/>.</exception>
    public static byte[] Compute(byte[] key, byte[] data, int offset, int count)
    {
        HmacSha256 hmac = new HmacSha256(key);
        hmac.Update(data, offset, count);
        return hmac.Final();
    }

    /// <summary>Discards the message absorbed so far; the key is kept.</summary>
    public void Reset()
    {
        _inner.Reset();
        _inner.Update(_innerPad, 0, BlockBytes);
    }

    /// <summary>Absorbs <paramref name="count"/> bytes of <paramref name="data"/> starting at <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <paramref name="data"/>.</exception>
    public void Update(byte[] data, int offset, int count)
    {
        _inner.Update(data, offset, count);
    }

    /// <summary>Returns the MAC of the message absorbed since the last reset, then starts a new message under the same key.</summary>
    public byte[] Final()
    {
        _inner.Final(_innerDigest, 0);
        _outer.Update(_outerPad, 0, BlockBytes);
        _outer.Update(_innerDigest, 0, HashBytes);
        byte[] mac = _outer.Final();
        Array.Clear(_innerDigest, 0, HashBytes);
        Reset();
        return mac;
    }
}
