using System;

namespace FlaxGuard.Engine.Crypto;

/// <summary>
/// SHA-256 as specified in FIPS 180-4. Streaming and allocation-free after construction: whole blocks are
/// compressed straight out of the caller's array and only a trailing partial block is buffered.
/// </summary>
public sealed class Sha256 : IHashAlgorithm
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashBytes = 32;

    private const int BlockBytes = 64;

    // FIPS 180-4 section 4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static readonly uint[] K =
    {
        0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
        0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
        0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
        0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
        0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
        0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
        0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
        0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
    };

    // Reused across blocks so that hashing allocates nothing after construction. _w holds the message
    // schedule W[0..63]; _wk holds W[t] + K[t], which is all the rounds need, so they touch one array.
    private readonly uint[] _w = new uint[64];
    private readonly uint[] _wk = new uint[64];
    private readonly byte[] _buffer = new byte[BlockBytes];
    private uint _h0, _h1, _h2, _h3, _h4, _h5, _h6, _h7;
    private int _bufferLength;
    private ulong _length;

    /// <summary>Creates an instance ready to hash a new message.</summary>
    public Sha256()
    {
        Reset();
    }

    /// <inheritdoc />
    public int HashSize
    {
        get { return HashBytes; }
    }

    /// <summary>One-shot SHA-256 of the whole array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public static byte[] Hash(byte[] data)
    {
        if (data == null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        return Hash(data, 0, data.Length);
    }

    /// <summary>One-shot SHA-256 of a range of the array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not lie inside <paramref name="data"/>.</exception>
    public static byte[] Hash(byte[] data, int offset, int count)
    {
        Sha256 sha = new Sha256();
        sha.Update(data, offset, count);
        return sha.Final();
    }

    /// <inheritdoc />
    public void Reset()
    {
        // FIPS 180-4 section 5.3.3: first 32 bits of the fractional parts of the square roots of the first 8 primes.
        _h0 = 0x6a09e667u;
        _h1 = 0xbb67ae85u;
        _h2 = 0x3c6ef372u;
        _h3 = 0xa54ff53au;
        _h4 = 0x510e527fu;
        _h5 = 0x9b05688cu;
        _h6 = 0x1f83d9abu;
        _h7 = 0x5be0cd19u;
        _bufferLength = 0;
        _length = 0;

        // Do not leave message material behind in a reused instance.
        Array.Clear(_buffer, 0, BlockBytes);
        Array.Clear(_w, 0, 64);
        Array.Clear(_wk, 0, 64);
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
        StoreBigEndian(_h5, output, offset + 20);
        StoreBigEndian(_h6, output, offset + 24);
        StoreBigEndian(_h7, output, offset + 28);
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
    // The schedule and the rounds are separate methods on purpose: together they need more live values
    // than x64 has registers, and the JIT then spills the working variables to the stack.
    private void Compress(byte[] data, int offset, int blocks)
    {
        for (; blocks > 0; blocks--, offset += BlockBytes)
        {
            Schedule(data, offset);
            Rounds();
        }
    }

    // FIPS 180-4 section 6.2.2 step 1, fully unrolled so every index into _w, _wk and K is a constant.
    private void Schedule(byte[] data, int offset)
    {
        uint[] w = _w;
        uint[] wk = _wk;
        uint[] k = K;

        // Touching the highest index once proves the lengths to the JIT, which then drops the bounds
        // checks on every constant index below.
        _ = w[63];
        _ = wk[63];
        _ = k[63];

        uint x;
        x = ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3];
        w[0] = x;
        wk[0] = x + k[0];
        x = ((uint)data[offset + 4] << 24) | ((uint)data[offset + 5] << 16) | ((uint)data[offset + 6] << 8) | data[offset + 7];
        w[1] = x;
        wk[1] = x + k[1];
        x = ((uint)data[offset + 8] << 24) | ((uint)data[offset + 9] << 16) | ((uint)data[offset + 10] << 8) | data[offset + 11];
        w[2] = x;
        wk[2] = x + k[2];
        x = ((uint)data[offset + 12] << 24) | ((uint)data[offset + 13] << 16) | ((uint)data[offset + 14] << 8) | data[offset + 15];
        w[3] = x;
        wk[3] = x + k[3];
        x = ((uint)data[offset + 16] << 24) | ((uint)data[offset + 17] << 16) | ((uint)data[offset + 18] << 8) | data[offset + 19];
        w[4] = x;
        wk[4] = x + k[4];
        x = ((uint)data[offset + 20] << 24) | ((uint)data[offset + 21] << 16) | ((uint)data[offset + 22] << 8) | data[offset + 23];
        w[5] = x;
        wk[5] = x + k[5];
        x = ((uint)data[offset + 24] << 24) | ((uint)data[offset + 25] << 16) | ((uint)data[offset + 26] << 8) | data[offset + 27];
        w[6] = x;
        wk[6] = x + k[6];
        x = ((uint)data[offset + 28] << 24) | ((uint)data[offset + 29] << 16) | ((uint)data[offset + 30] << 8) | data[offset + 31];
        w[7] = x;
        wk[7] = x + k[7];
        x = ((uint)data[offset + 32] << 24) | ((uint)data[offset + 33] << 16) | ((uint)data[offset + 34] << 8) | data[offset + 35];
        w[8] = x;
        wk[8] = x + k[8];
        x = ((uint)data[offset + 36] << 24) | ((uint)data[offset + 37] << 16) | ((uint)data[offset + 38] << 8) | data[offset + 39];
        w[9] = x;
        wk[9] = x + k[9];
        x = ((uint)data[offset + 40] << 24) | ((uint)data[offset + 41] << 16) | ((uint)data[offset + 42] << 8) | data[offset + 43];
        w[10] = x;
        wk[10] = x + k[10];
        x = ((uint)data[offset + 44] << 24) | ((uint)data[offset + 45] << 16) | ((uint)data[offset + 46] << 8) | data[offset + 47];
        w[11] = x;
        wk[11] = x + k[11];
        x = ((uint)data[offset + 48] << 24) | ((uint)data[offset + 49] << 16) | ((uint)data[offset + 50] << 8) | data[offset + 51];
        w[12] = x;
        wk[12] = x + k[12];
        x = ((uint)data[offset + 52] << 24) | ((uint)data[offset + 53] << 16) | ((uint)data[offset + 54] << 8) | data[offset + 55];
        w[13] = x;
        wk[13] = x + k[13];
        x = ((uint)data[offset + 56] << 24) | ((uint)data[offset + 57] << 16) | ((uint)data[offset + 58] << 8) | data[offset + 59];
        w[14] = x;
        wk[14] = x + k[14];
        x = ((uint)data[offset + 60] << 24) | ((uint)data[offset + 61] << 16) | ((uint)data[offset + 62] << 8) | data[offset + 63];
        w[15] = x;
        wk[15] = x + k[15];

        // W[t] depends on W[t-2], so the even and odd words form two chains. Carrying the latest word of
        // each chain in a local keeps a store-to-load round trip through the array off the critical path.
        uint even = w[14];
        uint odd = w[15];
        x = w[1];
        even = w[0] + w[9] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[16] = even;
        wk[16] = even + k[16];
        x = w[2];
        odd = w[1] + w[10] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[17] = odd;
        wk[17] = odd + k[17];
        x = w[3];
        even = w[2] + w[11] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[18] = even;
        wk[18] = even + k[18];
        x = w[4];
        odd = w[3] + w[12] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[19] = odd;
        wk[19] = odd + k[19];

        x = w[5];
        even = w[4] + w[13] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[20] = even;
        wk[20] = even + k[20];
        x = w[6];
        odd = w[5] + w[14] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[21] = odd;
        wk[21] = odd + k[21];
        x = w[7];
        even = w[6] + w[15] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[22] = even;
        wk[22] = even + k[22];
        x = w[8];
        odd = w[7] + w[16] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[23] = odd;
        wk[23] = odd + k[23];

        x = w[9];
        even = w[8] + w[17] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[24] = even;
        wk[24] = even + k[24];
        x = w[10];
        odd = w[9] + w[18] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[25] = odd;
        wk[25] = odd + k[25];
        x = w[11];
        even = w[10] + w[19] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[26] = even;
        wk[26] = even + k[26];
        x = w[12];
        odd = w[11] + w[20] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[27] = odd;
        wk[27] = odd + k[27];

        x = w[13];
        even = w[12] + w[21] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[28] = even;
        wk[28] = even + k[28];
        x = w[14];
        odd = w[13] + w[22] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[29] = odd;
        wk[29] = odd + k[29];
        x = w[15];
        even = w[14] + w[23] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[30] = even;
        wk[30] = even + k[30];
        x = w[16];
        odd = w[15] + w[24] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[31] = odd;
        wk[31] = odd + k[31];

        x = w[17];
        even = w[16] + w[25] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[32] = even;
        wk[32] = even + k[32];
        x = w[18];
        odd = w[17] + w[26] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[33] = odd;
        wk[33] = odd + k[33];
        x = w[19];
        even = w[18] + w[27] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[34] = even;
        wk[34] = even + k[34];
        x = w[20];
        odd = w[19] + w[28] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[35] = odd;
        wk[35] = odd + k[35];

        x = w[21];
        even = w[20] + w[29] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[36] = even;
        wk[36] = even + k[36];
        x = w[22];
        odd = w[21] + w[30] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[37] = odd;
        wk[37] = odd + k[37];
        x = w[23];
        even = w[22] + w[31] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[38] = even;
        wk[38] = even + k[38];
        x = w[24];
        odd = w[23] + w[32] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[39] = odd;
        wk[39] = odd + k[39];

        x = w[25];
        even = w[24] + w[33] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[40] = even;
        wk[40] = even + k[40];
        x = w[26];
        odd = w[25] + w[34] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[41] = odd;
        wk[41] = odd + k[41];
        x = w[27];
        even = w[26] + w[35] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[42] = even;
        wk[42] = even + k[42];
        x = w[28];
        odd = w[27] + w[36] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[43] = odd;
        wk[43] = odd + k[43];

        x = w[29];
        even = w[28] + w[37] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[44] = even;
        wk[44] = even + k[44];
        x = w[30];
        odd = w[29] + w[38] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[45] = odd;
        wk[45] = odd + k[45];
        x = w[31];
        even = w[30] + w[39] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[46] = even;
        wk[46] = even + k[46];
        x = w[32];
        odd = w[31] + w[40] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[47] = odd;
        wk[47] = odd + k[47];

        x = w[33];
        even = w[32] + w[41] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[48] = even;
        wk[48] = even + k[48];
        x = w[34];
        odd = w[33] + w[42] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[49] = odd;
        wk[49] = odd + k[49];
        x = w[35];
        even = w[34] + w[43] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[50] = even;
        wk[50] = even + k[50];
        x = w[36];
        odd = w[35] + w[44] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[51] = odd;
        wk[51] = odd + k[51];

        x = w[37];
        even = w[36] + w[45] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[52] = even;
        wk[52] = even + k[52];
        x = w[38];
        odd = w[37] + w[46] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[53] = odd;
        wk[53] = odd + k[53];
        x = w[39];
        even = w[38] + w[47] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[54] = even;
        wk[54] = even + k[54];
        x = w[40];
        odd = w[39] + w[48] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[55] = odd;
        wk[55] = odd + k[55];

        x = w[41];
        even = w[40] + w[49] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[56] = even;
        wk[56] = even + k[56];
        x = w[42];
        odd = w[41] + w[50] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[57] = odd;
        wk[57] = odd + k[57];
        x = w[43];
        even = w[42] + w[51] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[58] = even;
        wk[58] = even + k[58];
        x = w[44];
        odd = w[43] + w[52] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[59] = odd;
        wk[59] = odd + k[59];

        x = w[45];
        even = w[44] + w[53] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[60] = even;
        wk[60] = even + k[60];
        x = w[46];
        odd = w[45] + w[54] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[61] = odd;
        wk[61] = odd + k[61];
        x = w[47];
        even = w[46] + w[55] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((even >> 17) | (even << 15)) ^ ((even >> 19) | (even << 13)) ^ (even >> 10));
        w[62] = even;
        wk[62] = even + k[62];
        x = w[48];
        odd = w[47] + w[56] + (((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3)) + (((odd >> 17) | (odd << 15)) ^ ((odd >> 19) | (odd << 13)) ^ (odd >> 10));
        w[63] = odd;
        wk[63] = odd + k[63];
    }

    // FIPS 180-4 section 6.2.2 steps 2-4, fully unrolled. The working variables are renamed from round to
    // round instead of being shifted, so no moves are needed between rounds. Ch(e, f, g) is computed as
    // g ^ (e & (f ^ g)). Maj(a, b, c) is computed as b ^ ((a ^ b) & (b ^ c)): the a ^ b of one round is the
    // b ^ c of the next, so p and q take turns holding it and each round needs one XOR instead of two.
    private void Rounds()
    {
        uint[] wk = _wk;
        _ = wk[63];

        uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4, f = _h5, g = _h6, h = _h7;
        uint p;
        uint q = b ^ c;

        h = h + wk[0] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[1] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[2] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[3] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[4] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[5] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[6] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[7] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[8] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[9] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[10] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[11] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[12] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[13] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[14] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[15] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[16] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[17] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[18] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[19] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[20] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[21] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[22] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[23] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[24] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[25] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[26] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[27] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[28] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[29] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[30] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[31] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[32] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[33] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[34] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[35] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[36] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[37] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[38] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[39] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[40] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[41] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[42] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[43] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[44] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[45] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[46] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[47] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[48] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[49] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[50] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[51] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[52] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[53] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[54] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[55] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        h = h + wk[56] + (g ^ (e & (f ^ g))) + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)));
        d += h;
        p = a ^ b;
        h = h + (b ^ (p & q)) + (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)));
        g = g + wk[57] + (f ^ (d & (e ^ f))) + (((d >> 6) | (d << 26)) ^ ((d >> 11) | (d << 21)) ^ ((d >> 25) | (d << 7)));
        c += g;
        q = h ^ a;
        g = g + (a ^ (q & p)) + (((h >> 2) | (h << 30)) ^ ((h >> 13) | (h << 19)) ^ ((h >> 22) | (h << 10)));
        f = f + wk[58] + (e ^ (c & (d ^ e))) + (((c >> 6) | (c << 26)) ^ ((c >> 11) | (c << 21)) ^ ((c >> 25) | (c << 7)));
        b += f;
        p = g ^ h;
        f = f + (h ^ (p & q)) + (((g >> 2) | (g << 30)) ^ ((g >> 13) | (g << 19)) ^ ((g >> 22) | (g << 10)));
        e = e + wk[59] + (d ^ (b & (c ^ d))) + (((b >> 6) | (b << 26)) ^ ((b >> 11) | (b << 21)) ^ ((b >> 25) | (b << 7)));
        a += e;
        q = f ^ g;
        e = e + (g ^ (q & p)) + (((f >> 2) | (f << 30)) ^ ((f >> 13) | (f << 19)) ^ ((f >> 22) | (f << 10)));
        d = d + wk[60] + (c ^ (a & (b ^ c))) + (((a >> 6) | (a << 26)) ^ ((a >> 11) | (a << 21)) ^ ((a >> 25) | (a << 7)));
        h += d;
        p = e ^ f;
        d = d + (f ^ (p & q)) + (((e >> 2) | (e << 30)) ^ ((e >> 13) | (e << 19)) ^ ((e >> 22) | (e << 10)));
        c = c + wk[61] + (b ^ (h & (a ^ b))) + (((h >> 6) | (h << 26)) ^ ((h >> 11) | (h << 21)) ^ ((h >> 25) | (h << 7)));
        g += c;
        q = d ^ e;
        c = c + (e ^ (q & p)) + (((d >> 2) | (d << 30)) ^ ((d >> 13) | (d << 19)) ^ ((d >> 22) | (d << 10)));
        b = b + wk[62] + (a ^ (g & (h ^ a))) + (((g >> 6) | (g << 26)) ^ ((g >> 11) | (g << 21)) ^ ((g >> 25) | (g << 7)));
        f += b;
        p = c ^ d;
        b = b + (d ^ (p & q)) + (((c >> 2) | (c << 30)) ^ ((c >> 13) | (c << 19)) ^ ((c >> 22) | (c << 10)));
        a = a + wk[63] + (h ^ (f & (g ^ h))) + (((f >> 6) | (f << 26)) ^ ((f >> 11) | (f << 21)) ^ ((f >> 25) | (f << 7)));
        e += a;
        q = b ^ c;
        a = a + (c ^ (q & p)) + (((b >> 2) | (b << 30)) ^ ((b >> 13) | (b << 19)) ^ ((b >> 22) | (b << 10)));

        _h0 += a;
        _h1 += b;
        _h2 += c;
        _h3 += d;
        _h4 += e;
        _h5 += f;
        _h6 += g;
        _h7 += h;
    }
}
