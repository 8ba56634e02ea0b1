using System;

namespace FlaxGuard.Engine.Crypto;

/// <summary>
/// MD5 as specified in RFC 1321. MD5 is broken for collision resistance; it is here only to match
/// digests published by vendors, never to establish trust on its own.
/// </summary>
public sealed class Md5 : IHashAlgorithm
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashBytes = 16;

    private const int BlockBytes = 64;

    // RFC 1321 section 3.4: T[i] is the integer part of 4294967296 * abs(sin(i)), i in radians, for i = 1..64.
    private static readonly uint[] T =
    {
        0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu, 0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
        0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu, 0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
        0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau, 0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
        0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu, 0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
        0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu, 0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
        0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u, 0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
        0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u, 0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
        0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u, 0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
    };

    private readonly uint[] _x = new uint[16];
    private readonly byte[] _buffer = new byte[BlockBytes];
    private uint _a, _b, _c, _d;
    private int _bufferLength;
    private ulong _length;

    /// <summary>Creates an instance ready to hash a new message.</summary>
    public Md5()
    {
        Reset();
    }

    /// <inheritdoc />
    public int HashSize
    {
        get { return HashBytes; }
    }

    /// <summary>One-shot MD5 of the whole array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static byte[] Hash(byte[] data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Hash(data, 0, data.Length);
    }

    /// <summary>One-shot MD5 of a range of the array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <paramref name="data"/>.</exception>
    public static byte[] Hash(byte[] data, int offset, int count)
    {
        Md5 md5 = new Md5();
        md5.Update(data, offset, count);
        return md5.Final();
    }

    /// <inheritdoc />
    public void Reset()
    {
        // RFC 1321 section 3.3, written as little-endian words.
        _a = 0x67452301u;
        _b = 0xefcdab89u;
        _c = 0x98badcfeu;
        _d = 0x10325476u;
        _bufferLength = 0;
        _length = 0;

        // Do not leave message material behind in a reused instance.
        Array.Clear(_buffer, 0, BlockBytes);
        Array.Clear(_x, 0, 16);
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

        // RFC 1321 sections 3.1 and 3.2: a 1 bit, zeros up to 56 mod 64, then the bit length as a
        // 64-bit little-endian integer (unlike the SHA family).
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
        buffer[56] = (byte)bits;
        buffer[57] = (byte)(bits >> 8);
        buffer[58] = (byte)(bits >> 16);
        buffer[59] = (byte)(bits >> 24);
        buffer[60] = (byte)(bits >> 32);
        buffer[61] = (byte)(bits >> 40);
        buffer[62] = (byte)(bits >> 48);
        buffer[63] = (byte)(bits >> 56);
        Compress(buffer, 0, 1);

        StoreLittleEndian(_a, output, offset);
        StoreLittleEndian(_b, output, offset + 4);
        StoreLittleEndian(_c, output, offset + 8);
        StoreLittleEndian(_d, output, offset + 12);
        Reset();
    }

    private static void StoreLittleEndian(uint value, byte[] output, int offset)
    {
        output[offset] = (byte)value;
        output[offset + 1] = (byte)(value >> 8);
        output[offset + 2] = (byte)(value >> 16);
        output[offset + 3] = (byte)(value >> 24);
    }

    // Callers guarantee that blocks * 64 bytes are available at offset.
    private void Compress(byte[] data, int offset, int blocks)
    {
        uint[] x = _x;
        uint[] t = T;

        // Touching the highest index once proves the length to the JIT, which then drops the bounds
        // checks on every constant index below.
        _ = x[15];
        _ = t[63];

        for (; blocks > 0; blocks--, offset += BlockBytes)
        {
            for (int i = 0, j = offset; i < 16; i++, j += 4)
            {
                x[i] = data[j] | ((uint)data[j + 1] << 8) | ((uint)data[j + 2] << 16) | ((uint)data[j + 3] << 24);
            }

            uint a = _a, b = _b, c = _c, d = _d;

            // Unrolled; the four variables are renamed from step to step instead of being shifted. Each step
            // is a chain through the previous step's result, so the terms that do not depend on it (the
            // message word, T[i] and, where possible, part of the round function) are added first.
            // F(x, y, z) = z ^ (x & (y ^ z)); G(x, y, z) = (y & ~z) + (x & z), where + equals | because
            // the two terms share no bits; H(x, y, z) = x ^ (y ^ z); I(x, y, z) = y ^ (x | ~z).

            // Round 1.
            a = a + x[0] + t[0] + (d ^ (b & (c ^ d))); a = b + ((a << 7) | (a >> 25));
            d = d + x[1] + t[1] + (c ^ (a & (b ^ c))); d = a + ((d << 12) | (d >> 20));
            c = c + x[2] + t[2] + (b ^ (d & (a ^ b))); c = d + ((c << 17) | (c >> 15));
            b = b + x[3] + t[3] + (a ^ (c & (d ^ a))); b = c + ((b << 22) | (b >> 10));
            a = a + x[4] + t[4] + (d ^ (b & (c ^ d))); a = b + ((a << 7) | (a >> 25));
            d = d + x[5] + t[5] + (c ^ (a & (b ^ c))); d = a + ((d << 12) | (d >> 20));
            c = c + x[6] + t[6] + (b ^ (d & (a ^ b))); c = d + ((c << 17) | (c >> 15));
            b = b + x[7] + t[7] + (a ^ (c & (d ^ a))); b = c + ((b << 22) | (b >> 10));
            a = a + x[8] + t[8] + (d ^ (b & (c ^ d))); a = b + ((a << 7) | (a >> 25));
            d = d + x[9] + t[9] + (c ^ (a & (b ^ c))); d = a + ((d << 12) | (d >> 20));
            c = c + x[10] + t[10] + (b ^ (d & (a ^ b))); c = d + ((c << 17) | (c >> 15));
            b = b + x[11] + t[11] + (a ^ (c & (d ^ a))); b = c + ((b << 22) | (b >> 10));
            a = a + x[12] + t[12] + (d ^ (b & (c ^ d))); a = b + ((a << 7) | (a >> 25));
            d = d + x[13] + t[13] + (c ^ (a & (b ^ c))); d = a + ((d << 12) | (d >> 20));
            c = c + x[14] + t[14] + (b ^ (d & (a ^ b))); c = d + ((c << 17) | (c >> 15));
            b = b + x[15] + t[15] + (a ^ (c & (d ^ a))); b = c + ((b << 22) | (b >> 10));

            // Round 2.
            a = a + x[1] + t[16] + (c & ~d) + (b & d); a = b + ((a << 5) | (a >> 27));
            d = d + x[6] + t[17] + (b & ~c) + (a & c); d = a + ((d << 9) | (d >> 23));
            c = c + x[11] + t[18] + (a & ~b) + (d & b); c = d + ((c << 14) | (c >> 18));
            b = b + x[0] + t[19] + (d & ~a) + (c & a); b = c + ((b << 20) | (b >> 12));
            a = a + x[5] + t[20] + (c & ~d) + (b & d); a = b + ((a << 5) | (a >> 27));
            d = d + x[10] + t[21] + (b & ~c) + (a & c); d = a + ((d << 9) | (d >> 23));
            c = c + x[15] + t[22] + (a & ~b) + (d & b); c = d + ((c << 14) | (c >> 18));
            b = b + x[4] + t[23] + (d & ~a) + (c & a); b = c + ((b << 20) | (b >> 12));
            a = a + x[9] + t[24] + (c & ~d) + (b & d); a = b + ((a << 5) | (a >> 27));
            d = d + x[14] + t[25] + (b & ~c) + (a & c); d = a + ((d << 9) | (d >> 23));
            c = c + x[3] + t[26] + (a & ~b) + (d & b); c = d + ((c << 14) | (c >> 18));
            b = b + x[8] + t[27] + (d & ~a) + (c & a); b = c + ((b << 20) | (b >> 12));
            a = a + x[13] + t[28] + (c & ~d) + (b & d); a = b + ((a << 5) | (a >> 27));
            d = d + x[2] + t[29] + (b & ~c) + (a & c); d = a + ((d << 9) | (d >> 23));
            c = c + x[7] + t[30] + (a & ~b) + (d & b); c = d + ((c << 14) | (c >> 18));
            b = b + x[12] + t[31] + (d & ~a) + (c & a); b = c + ((b << 20) | (b >> 12));

            // Round 3.
            a = a + x[5] + t[32] + (b ^ (c ^ d)); a = b + ((a << 4) | (a >> 28));
            d = d + x[8] + t[33] + (a ^ (b ^ c)); d = a + ((d << 11) | (d >> 21));
            c = c + x[11] + t[34] + (d ^ (a ^ b)); c = d + ((c << 16) | (c >> 16));
            b = b + x[14] + t[35] + (c ^ (d ^ a)); b = c + ((b << 23) | (b >> 9));
            a = a + x[1] + t[36] + (b ^ (c ^ d)); a = b + ((a << 4) | (a >> 28));
            d = d + x[4] + t[37] + (a ^ (b ^ c)); d = a + ((d << 11) | (d >> 21));
            c = c + x[7] + t[38] + (d ^ (a ^ b)); c = d + ((c << 16) | (c >> 16));
            b = b + x[10] + t[39] + (c ^ (d ^ a)); b = c + ((b << 23) | (b >> 9));
            a = a + x[13] + t[40] + (b ^ (c ^ d)); a = b + ((a << 4) | (a >> 28));
            d = d + x[0] + t[41] + (a ^ (b ^ c)); d = a + ((d << 11) | (d >> 21));
            c = c + x[3] + t[42] + (d ^ (a ^ b)); c = d + ((c << 16) | (c >> 16));
            b = b + x[6] + t[43] + (c ^ (d ^ a)); b = c + ((b << 23) | (b >> 9));
            a = a + x[9] + t[44] + (b ^ (c ^ d)); a = b + ((a << 4) | (a >> 28));
            d = d + x[12] + t[45] + (a ^ (b ^ c)); d = a + ((d << 11) | (d >> 21));
            c = c + x[15] + t[46] + (d ^ (a ^ b)); c = d + ((c << 16) | (c >> 16));
            b = b + x[2] + t[47] + (c ^ (d ^ a)); b = c + ((b << 23) | (b >> 9));

            // Round 4.
            a = a + x[0] + t[48] + (c ^ (b | ~d)); a = b + ((a << 6) | (a >> 26));
            d = d + x[7] + t[49] + (b ^ (a | ~c)); d = a + ((d << 10) | (d >> 22));
            c = c + x[14] + t[50] + (a ^ (d | ~b)); c = d + ((c << 15) | (c >> 17));
            b = b + x[5] + t[51] + (d ^ (c | ~a)); b = c + ((b << 21) | (b >> 11));
            a = a + x[12] + t[52] + (c ^ (b | ~d)); a = b + ((a << 6) | (a >> 26));
            d = d + x[3] + t[53] + (b ^ (a | ~c)); d = a + ((d << 10) | (d >> 22));
            c = c + x[10] + t[54] + (a ^ (d | ~b)); c = d + ((c << 15) | (c >> 17));
            b = b + x[1] + t[55] + (d ^ (c | ~a)); b = c + ((b << 21) | (b >> 11));
            a = a + x[8] + t[56] + (c ^ (b | ~d)); a = b + ((a << 6) | (a >> 26));
            d = d + x[15] + t[57] + (b ^ (a | ~c)); d = a + ((d << 10) | (d >> 22));
            c = c + x[6] + t[58] + (a ^ (d | ~b)); c = d + ((c << 15) | (c >> 17));
            b = b + x[13] + t[59] + (d ^ (c | ~a)); b = c + ((b << 21) | (b >> 11));
            a = a + x[4] + t[60] + (c ^ (b | ~d)); a = b + ((a << 6) | (a >> 26));
            d = d + x[11] + t[61] + (b ^ (a | ~c)); d = a + ((d << 10) | (d >> 22));
            c = c + x[2] + t[62] + (a ^ (d | ~b)); c = d + ((c << 15) | (c >> 17));
            b = b + x[9] + t[63] + (d ^ (c | ~a)); b = c + ((b << 21) | (b >> 11));

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}
