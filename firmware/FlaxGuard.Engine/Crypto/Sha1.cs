using System;

namespace FlaxGuard.Engine.Crypto;

/// <summary>
/// SHA-1 as specified in FIPS 180-4 and RFC 3174. SHA-1 is broken for collision resistance; it is here
/// only to match digests published by vendors, never to establish trust on its own.
/// </summary>
public sealed class Sha1 : IHashAlgorithm
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashBytes = 20;

    private const int BlockBytes = 64;

    // FIPS 180-4 section 4.2.1, one constant per group of 20 rounds.
    private const uint K0 = 0x5a827999u;
    private const uint K1 = 0x6ed9eba1u;
    private const uint K2 = 0x8f1bbcdcu;
    private const uint K3 = 0xca62c1d6u;

    // Reused message schedule; allocating it per block would dominate the cost of small updates.
    private readonly uint[] _w = new uint[80];
    private readonly byte[] _buffer = new byte[BlockBytes];
    private uint _h0, _h1, _h2, _h3, _h4;
    private int _bufferLength;
    private ulong _length;

    /// <summary>Creates an instance ready to hash a new message.</summary>
    public Sha1()
    {
        Reset();
    }

    /// <inheritdoc />
    public int HashSize
    {
        get { return HashBytes; }
    }

    /// <summary>One-shot SHA-1 of the whole array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static byte[] Hash(byte[] data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Hash(data, 0, data.Length);
    }

    /// <summary>One-shot SHA-1 of a range of the array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <paramref name="data"/>.</exception>
    public static byte[] Hash(byte[] data, int offset, int count)
    {
        Sha1 sha = new Sha1();
        sha.Update(data, offset, count);
        return sha.Final();
    }

    /// <inheritdoc />
    public void Reset()
    {
        // FIPS 180-4 section 5.3.1.
        _h0 = 0x67452301u;
        _h1 = 0xefcdab89u;
        _h2 = 0x98badcfeu;
        _h3 = 0x10325476u;
        _h4 = 0xc3d2e1f0u;
        _bufferLength = 0;
        _length = 0;

        // Do not leave message material behind in a reused instance.
        Array.Clear(_buffer, 0, BlockBytes);
        Array.Clear(_w, 0, 80);
    }

    /// <inheritdoc />
    public void Update(byte[] data, int offset, int count)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        if (offset < 0 || offset > data.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        if (count < 0 || count > data.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += (ulong)count;

        if (_bufferLength > 0)
        {
            int take = BlockBytes - _bufferLength;
            if (take > count)
            {
                take = count;
            }

            Array.Copy(data, offset, _buffer, _bufferLength, take);
            _bufferLength += take;
            offset += take;
            count -= take;
            if (_bufferLength < BlockBytes)
            {
                return;
            }

            Compress(_buffer, 0, 1);
            _bufferLength = 0;
        }

        int blocks = count / BlockBytes;
        if (blocks > 0)
        {
            Compress(data, offset, blocks);
            offset += blocks * BlockBytes;
            count -= blocks * BlockBytes;
        }

        if (count > 0)
        {
            Array.Copy(data, offset, _buffer, 0, count);
            _bufferLength = count;
        }
    }

    /// <inheritdoc />
    public byte[] Final()
    {
        byte[] digest = new byte[HashBytes];
        Final(digest, 0);
        return digest;
    }

    /// <inheritdoc />
    public void Final(byte[] output, int offset)
    {
        if (output == null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        if (offset < 0 || offset > output.Length - HashBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        // FIPS 180-4 section 5.1.1: a 1 bit, zeros up to 56 mod 64, then the bit length as a 64-bit big-endian integer.
        ulong bits = _length << 3;
        byte[] buffer = _buffer;
        int n = _bufferLength;
        buffer[n++] = 0x80;
        if (n > BlockBytes - 8)
        {
            Array.Clear(buffer, n, BlockBytes - n);
            Compress(buffer, 0, 1);
            n = 0;
        }

        Array.Clear(buffer, n, BlockBytes - 8 - n);
        buffer[56] = (byte)(bits >> 56);
        buffer[57] = (byte)(bits >> 48);
        buffer[58] = (byte)(bits >> 40);
        buffer[59] = (byte)(bits >> 32);
        buffer[60] = (byte)(bits >> 24);
        buffer[61] = (byte)(bits >> 16);
        buffer[62] = (byte)(bits >> 8);
        buffer[63] = (byte)bits;
        Compress(buffer, 0, 1);

        StoreBigEndian(_h0, output, offset);
        StoreBigEndian(_h1, output, offset + 4);
        StoreBigEndian(_h2, output, offset + 8);
        StoreBigEndian(_h3, output, offset + 12);
        StoreBigEndian(_h4, output, offset + 16);
        Reset();
    }

    private static void StoreBigEndian(uint value, byte[] output, int offset)
    {
        output[offset] = (byte)(value >> 24);
        output[offset + 1] = (byte)(value >> 16);
        output[offset + 2] = (byte)(value >> 8);
        output[offset + 3] = (byte)value;
    }

    // Callers guarantee that blocks * 64 bytes are available at offset.
    private void Compress(byte[] data, int offset, int blocks)
    {
        uint[] w = _w;
        uint v;

        for (; blocks > 0; blocks--, offset += BlockBytes)
        {
            for (int i = 0, j = offset; i < 16; i++, j += 4)
            {
                w[i] = ((uint)data[j] << 24) | ((uint)data[j + 1] << 16) | ((uint)data[j + 2] << 8) | data[j + 3];
            }

            for (int i = 16; i < 80; i++)
            {
                v = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
                w[i] = (v << 1) | (v >> 31);
            }

            uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4;

            // Five rounds per iteration with the variables renamed instead of shifted, so the names line
            // up again at the end of each iteration and no moves are needed.
            // Rounds 0-19: Ch(b, c, d) = d ^ (b & (c ^ d)).
            for (int i = 0; i < 20; i += 5)
            {
                e += ((a << 5) | (a >> 27)) + (d ^ (b & (c ^ d))) + K0 + w[i];
                b = (b << 30) | (b >> 2);
                d += ((e << 5) | (e >> 27)) + (c ^ (a & (b ^ c))) + K0 + w[i + 1];
                a = (a << 30) | (a >> 2);
                c += ((d << 5) | (d >> 27)) + (b ^ (e & (a ^ b))) + K0 + w[i + 2];
                e = (e << 30) | (e >> 2);
                b += ((c << 5) | (c >> 27)) + (a ^ (d & (e ^ a))) + K0 + w[i + 3];
                d = (d << 30) | (d >> 2);
                a += ((b << 5) | (b >> 27)) + (e ^ (c & (d ^ e))) + K0 + w[i + 4];
                c = (c << 30) | (c >> 2);
            }

            // Rounds 20-39: Parity.
            for (int i = 20; i < 40; i += 5)
            {
                e += ((a << 5) | (a >> 27)) + (b ^ c ^ d) + K1 + w[i];
                b = (b << 30) | (b >> 2);
                d += ((e << 5) | (e >> 27)) + (a ^ b ^ c) + K1 + w[i + 1];
                a = (a << 30) | (a >> 2);
                c += ((d << 5) | (d >> 27)) + (e ^ a ^ b) + K1 + w[i + 2];
                e = (e << 30) | (e >> 2);
                b += ((c << 5) | (c >> 27)) + (d ^ e ^ a) + K1 + w[i + 3];
                d = (d << 30) | (d >> 2);
                a += ((b << 5) | (b >> 27)) + (c ^ d ^ e) + K1 + w[i + 4];
                c = (c << 30) | (c >> 2);
            }

            // Rounds 40-59: Maj(b, c, d) = (b & c) | (d & (b | c)).
            for (int i = 40; i < 60; i += 5)
            {
                e += ((a << 5) | (a >> 27)) + ((b & c) | (d & (b | c))) + K2 + w[i];
                b = (b << 30) | (b >> 2);
                d += ((e << 5) | (e >> 27)) + ((a & b) | (c & (a | b))) + K2 + w[i + 1];
                a = (a << 30) | (a >> 2);
                c += ((d << 5) | (d >> 27)) + ((e & a) | (b & (e | a))) + K2 + w[i + 2];
                e = (e << 30) | (e >> 2);
                b += ((c << 5) | (c >> 27)) + ((d & e) | (a & (d | e))) + K2 + w[i + 3];
                d = (d << 30) | (d >> 2);
                a += ((b << 5) | (b >> 27)) + ((c & d) | (e & (c | d))) + K2 + w[i + 4];
                c = (c << 30) | (c >> 2);
            }

            // Rounds 60-79: Parity.
            for (int i = 60; i < 80; i += 5)
            {
                e += ((a << 5) | (a >> 27)) + (b ^ c ^ d) + K3 + w[i];
                b = (b << 30) | (b >> 2);
                d += ((e << 5) | (e >> 27)) + (a ^ b ^ c) + K3 + w[i + 1];
                a = (a << 30) | (a >> 2);
                c += ((d << 5) | (d >> 27)) + (e ^ a ^ b) + K3 + w[i + 2];
                e = (e << 30) | (e >> 2);
                b += ((c << 5) | (c >> 27)) + (d ^ e ^ a) + K3 + w[i + 3];
                d = (d << 30) | (d >> 2);
                a += ((b << 5) | (b >> 27)) + (c ^ d ^ e) + K3 + w[i + 4];
                c = (c << 30) | (c >> 2);
            }

            _h0 += a;
            _h1 += b;
            _h2 += c;
            _h3 += d;
            _h4 += e;
        }
    }
}
