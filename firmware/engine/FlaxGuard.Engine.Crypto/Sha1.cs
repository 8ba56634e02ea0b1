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
    // The schedule and the rounds are separate methods so that neither needs more live values than x64
    // has registers; merged, the JIT spills the working variables to the stack.
    private void Compress(byte[] data, int offset, int blocks)
    {
        for (; blocks > 0; blocks--, offset += BlockBytes)
        {
            Schedule(data, offset);
            Rounds();
        }
    }

    // FIPS 180-4 section 6.1.2 step 1, fully unrolled so every index into _w is a constant.
    private void Schedule(byte[] data, int offset)
    {
        uint[] w = _w;

        // Touching the highest index once proves the length to the JIT, which then drops the bounds
        // checks on every constant index below.
        _ = w[79];

        uint x;
        w[0] = ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3];
        w[1] = ((uint)data[offset + 4] << 24) | ((uint)data[offset + 5] << 16) | ((uint)data[offset + 6] << 8) | data[offset + 7];
        w[2] = ((uint)data[offset + 8] << 24) | ((uint)data[offset + 9] << 16) | ((uint)data[offset + 10] << 8) | data[offset + 11];
        w[3] = ((uint)data[offset + 12] << 24) | ((uint)data[offset + 13] << 16) | ((uint)data[offset + 14] << 8) | data[offset + 15];
        w[4] = ((uint)data[offset + 16] << 24) | ((uint)data[offset + 17] << 16) | ((uint)data[offset + 18] << 8) | data[offset + 19];
        w[5] = ((uint)data[offset + 20] << 24) | ((uint)data[offset + 21] << 16) | ((uint)data[offset + 22] << 8) | data[offset + 23];
        w[6] = ((uint)data[offset + 24] << 24) | ((uint)data[offset + 25] << 16) | ((uint)data[offset + 26] << 8) | data[offset + 27];
        w[7] = ((uint)data[offset + 28] << 24) | ((uint)data[offset + 29] << 16) | ((uint)data[offset + 30] << 8) | data[offset + 31];
        w[8] = ((uint)data[offset + 32] << 24) | ((uint)data[offset + 33] << 16) | ((uint)data[offset + 34] << 8) | data[offset + 35];
        w[9] = ((uint)data[offset + 36] << 24) | ((uint)data[offset + 37] << 16) | ((uint)data[offset + 38] << 8) | data[offset + 39];
        w[10] = ((uint)data[offset + 40] << 24) | ((uint)data[offset + 41] << 16) | ((uint)data[offset + 42] << 8) | data[offset + 43];
        w[11] = ((uint)data[offset + 44] << 24) | ((uint)data[offset + 45] << 16) | ((uint)data[offset + 46] << 8) | data[offset + 47];
        w[12] = ((uint)data[offset + 48] << 24) | ((uint)data[offset + 49] << 16) | ((uint)data[offset + 50] << 8) | data[offset + 51];
        w[13] = ((uint)data[offset + 52] << 24) | ((uint)data[offset + 53] << 16) | ((uint)data[offset + 54] << 8) | data[offset + 55];
        w[14] = ((uint)data[offset + 56] << 24) | ((uint)data[offset + 57] << 16) | ((uint)data[offset + 58] << 8) | data[offset + 59];
        w[15] = ((uint)data[offset + 60] << 24) | ((uint)data[offset + 61] << 16) | ((uint)data[offset + 62] << 8) | data[offset + 63];

        x = w[13] ^ w[8] ^ w[2] ^ w[0];
        w[16] = (x << 1) | (x >> 31);
        x = w[14] ^ w[9] ^ w[3] ^ w[1];
        w[17] = (x << 1) | (x >> 31);
        x = w[15] ^ w[10] ^ w[4] ^ w[2];
        w[18] = (x << 1) | (x >> 31);
        x = w[16] ^ w[11] ^ w[5] ^ w[3];
        w[19] = (x << 1) | (x >> 31);
        x = w[17] ^ w[12] ^ w[6] ^ w[4];
        w[20] = (x << 1) | (x >> 31);
        x = w[18] ^ w[13] ^ w[7] ^ w[5];
        w[21] = (x << 1) | (x >> 31);
        x = w[19] ^ w[14] ^ w[8] ^ w[6];
        w[22] = (x << 1) | (x >> 31);
        x = w[20] ^ w[15] ^ w[9] ^ w[7];
        w[23] = (x << 1) | (x >> 31);
        x = w[21] ^ w[16] ^ w[10] ^ w[8];
        w[24] = (x << 1) | (x >> 31);
        x = w[22] ^ w[17] ^ w[11] ^ w[9];
        w[25] = (x << 1) | (x >> 31);
        x = w[23] ^ w[18] ^ w[12] ^ w[10];
        w[26] = (x << 1) | (x >> 31);
        x = w[24] ^ w[19] ^ w[13] ^ w[11];
        w[27] = (x << 1) | (x >> 31);
        x = w[25] ^ w[20] ^ w[14] ^ w[12];
        w[28] = (x << 1) | (x >> 31);
        x = w[26] ^ w[21] ^ w[15] ^ w[13];
        w[29] = (x << 1) | (x >> 31);
        x = w[27] ^ w[22] ^ w[16] ^ w[14];
        w[30] = (x << 1) | (x >> 31);
        x = w[28] ^ w[23] ^ w[17] ^ w[15];
        w[31] = (x << 1) | (x >> 31);
        x = w[29] ^ w[24] ^ w[18] ^ w[16];
        w[32] = (x << 1) | (x >> 31);
        x = w[30] ^ w[25] ^ w[19] ^ w[17];
        w[33] = (x << 1) | (x >> 31);
        x = w[31] ^ w[26] ^ w[20] ^ w[18];
        w[34] = (x << 1) | (x >> 31);
        x = w[32] ^ w[27] ^ w[21] ^ w[19];
        w[35] = (x << 1) | (x >> 31);
        x = w[33] ^ w[28] ^ w[22] ^ w[20];
        w[36] = (x << 1) | (x >> 31);
        x = w[34] ^ w[29] ^ w[23] ^ w[21];
        w[37] = (x << 1) | (x >> 31);
        x = w[35] ^ w[30] ^ w[24] ^ w[22];
        w[38] = (x << 1) | (x >> 31);
        x = w[36] ^ w[31] ^ w[25] ^ w[23];
        w[39] = (x << 1) | (x >> 31);
        x = w[37] ^ w[32] ^ w[26] ^ w[24];
        w[40] = (x << 1) | (x >> 31);
        x = w[38] ^ w[33] ^ w[27] ^ w[25];
        w[41] = (x << 1) | (x >> 31);
        x = w[39] ^ w[34] ^ w[28] ^ w[26];
        w[42] = (x << 1) | (x >> 31);
        x = w[40] ^ w[35] ^ w[29] ^ w[27];
        w[43] = (x << 1) | (x >> 31);
        x = w[41] ^ w[36] ^ w[30] ^ w[28];
        w[44] = (x << 1) | (x >> 31);
        x = w[42] ^ w[37] ^ w[31] ^ w[29];
        w[45] = (x << 1) | (x >> 31);
        x = w[43] ^ w[38] ^ w[32] ^ w[30];
        w[46] = (x << 1) | (x >> 31);
        x = w[44] ^ w[39] ^ w[33] ^ w[31];
        w[47] = (x << 1) | (x >> 31);
        x = w[45] ^ w[40] ^ w[34] ^ w[32];
        w[48] = (x << 1) | (x >> 31);
        x = w[46] ^ w[41] ^ w[35] ^ w[33];
        w[49] = (x << 1) | (x >> 31);
        x = w[47] ^ w[42] ^ w[36] ^ w[34];
        w[50] = (x << 1) | (x >> 31);
        x = w[48] ^ w[43] ^ w[37] ^ w[35];
        w[51] = (x << 1) | (x >> 31);
        x = w[49] ^ w[44] ^ w[38] ^ w[36];
        w[52] = (x << 1) | (x >> 31);
        x = w[50] ^ w[45] ^ w[39] ^ w[37];
        w[53] = (x << 1) | (x >> 31);
        x = w[51] ^ w[46] ^ w[40] ^ w[38];
        w[54] = (x << 1) | (x >> 31);
        x = w[52] ^ w[47] ^ w[41] ^ w[39];
        w[55] = (x << 1) | (x >> 31);
        x = w[53] ^ w[48] ^ w[42] ^ w[40];
        w[56] = (x << 1) | (x >> 31);
        x = w[54] ^ w[49] ^ w[43] ^ w[41];
        w[57] = (x << 1) | (x >> 31);
        x = w[55] ^ w[50] ^ w[44] ^ w[42];
        w[58] = (x << 1) | (x >> 31);
        x = w[56] ^ w[51] ^ w[45] ^ w[43];
        w[59] = (x << 1) | (x >> 31);
        x = w[57] ^ w[52] ^ w[46] ^ w[44];
        w[60] = (x << 1) | (x >> 31);
        x = w[58] ^ w[53] ^ w[47] ^ w[45];
        w[61] = (x << 1) | (x >> 31);
        x = w[59] ^ w[54] ^ w[48] ^ w[46];
        w[62] = (x << 1) | (x >> 31);
        x = w[60] ^ w[55] ^ w[49] ^ w[47];
        w[63] = (x << 1) | (x >> 31);
        x = w[61] ^ w[56] ^ w[50] ^ w[48];
        w[64] = (x << 1) | (x >> 31);
        x = w[62] ^ w[57] ^ w[51] ^ w[49];
        w[65] = (x << 1) | (x >> 31);
        x = w[63] ^ w[58] ^ w[52] ^ w[50];
        w[66] = (x << 1) | (x >> 31);
        x = w[64] ^ w[59] ^ w[53] ^ w[51];
        w[67] = (x << 1) | (x >> 31);
        x = w[65] ^ w[60] ^ w[54] ^ w[52];
        w[68] = (x << 1) | (x >> 31);
        x = w[66] ^ w[61] ^ w[55] ^ w[53];
        w[69] = (x << 1) | (x >> 31);
        x = w[67] ^ w[62] ^ w[56] ^ w[54];
        w[70] = (x << 1) | (x >> 31);
        x = w[68] ^ w[63] ^ w[57] ^ w[55];
        w[71] = (x << 1) | (x >> 31);
        x = w[69] ^ w[64] ^ w[58] ^ w[56];
        w[72] = (x << 1) | (x >> 31);
        x = w[70] ^ w[65] ^ w[59] ^ w[57];
        w[73] = (x << 1) | (x >> 31);
        x = w[71] ^ w[66] ^ w[60] ^ w[58];
        w[74] = (x << 1) | (x >> 31);
        x = w[72] ^ w[67] ^ w[61] ^ w[59];
        w[75] = (x << 1) | (x >> 31);
        x = w[73] ^ w[68] ^ w[62] ^ w[60];
        w[76] = (x << 1) | (x >> 31);
        x = w[74] ^ w[69] ^ w[63] ^ w[61];
        w[77] = (x << 1) | (x >> 31);
        x = w[75] ^ w[70] ^ w[64] ^ w[62];
        w[78] = (x << 1) | (x >> 31);
        x = w[76] ^ w[71] ^ w[65] ^ w[63];
        w[79] = (x << 1) | (x >> 31);
    }

    // FIPS 180-4 section 6.1.2 steps 2-4, fully unrolled. The working variables are renamed from round to
    // round instead of being shifted, so no moves are needed. Terms that do not depend on the previous
    // round (W[t], K) are added first, keeping them off the round-to-round dependency chain.
    private void Rounds()
    {
        uint[] w = _w;
        _ = w[79];

        uint a = _h0, b = _h1, c = _h2, d = _h3, e = _h4;

        // Rounds 0-19: Ch(b, c, d) = d ^ (b & (c ^ d)).
        e = e + w[0] + K0 + (d ^ (b & (c ^ d))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[1] + K0 + (c ^ (a & (b ^ c))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[2] + K0 + (b ^ (e & (a ^ b))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[3] + K0 + (a ^ (d & (e ^ a))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[4] + K0 + (e ^ (c & (d ^ e))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[5] + K0 + (d ^ (b & (c ^ d))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[6] + K0 + (c ^ (a & (b ^ c))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[7] + K0 + (b ^ (e & (a ^ b))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[8] + K0 + (a ^ (d & (e ^ a))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[9] + K0 + (e ^ (c & (d ^ e))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[10] + K0 + (d ^ (b & (c ^ d))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[11] + K0 + (c ^ (a & (b ^ c))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[12] + K0 + (b ^ (e & (a ^ b))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[13] + K0 + (a ^ (d & (e ^ a))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[14] + K0 + (e ^ (c & (d ^ e))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[15] + K0 + (d ^ (b & (c ^ d))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[16] + K0 + (c ^ (a & (b ^ c))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[17] + K0 + (b ^ (e & (a ^ b))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[18] + K0 + (a ^ (d & (e ^ a))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[19] + K0 + (e ^ (c & (d ^ e))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);

        // Rounds 20-39: Parity(b, c, d) = b ^ c ^ d.
        e = e + w[20] + K1 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[21] + K1 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[22] + K1 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[23] + K1 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[24] + K1 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[25] + K1 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[26] + K1 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[27] + K1 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[28] + K1 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[29] + K1 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[30] + K1 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[31] + K1 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[32] + K1 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[33] + K1 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[34] + K1 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[35] + K1 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[36] + K1 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[37] + K1 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[38] + K1 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[39] + K1 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);

        // Rounds 40-59: Maj(b, c, d) = (b & c) | (d & (b | c)).
        e = e + w[40] + K2 + ((b & c) | (d & (b | c))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[41] + K2 + ((a & b) | (c & (a | b))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[42] + K2 + ((e & a) | (b & (e | a))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[43] + K2 + ((d & e) | (a & (d | e))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[44] + K2 + ((c & d) | (e & (c | d))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[45] + K2 + ((b & c) | (d & (b | c))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[46] + K2 + ((a & b) | (c & (a | b))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[47] + K2 + ((e & a) | (b & (e | a))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[48] + K2 + ((d & e) | (a & (d | e))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[49] + K2 + ((c & d) | (e & (c | d))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[50] + K2 + ((b & c) | (d & (b | c))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[51] + K2 + ((a & b) | (c & (a | b))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[52] + K2 + ((e & a) | (b & (e | a))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[53] + K2 + ((d & e) | (a & (d | e))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[54] + K2 + ((c & d) | (e & (c | d))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[55] + K2 + ((b & c) | (d & (b | c))) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[56] + K2 + ((a & b) | (c & (a | b))) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[57] + K2 + ((e & a) | (b & (e | a))) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[58] + K2 + ((d & e) | (a & (d | e))) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[59] + K2 + ((c & d) | (e & (c | d))) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);

        // Rounds 60-79: Parity again.
        e = e + w[60] + K3 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[61] + K3 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[62] + K3 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[63] + K3 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[64] + K3 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[65] + K3 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[66] + K3 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[67] + K3 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[68] + K3 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[69] + K3 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[70] + K3 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[71] + K3 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[72] + K3 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[73] + K3 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[74] + K3 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);
        e = e + w[75] + K3 + (b ^ c ^ d) + ((a << 5) | (a >> 27));
        b = (b << 30) | (b >> 2);
        d = d + w[76] + K3 + (a ^ b ^ c) + ((e << 5) | (e >> 27));
        a = (a << 30) | (a >> 2);
        c = c + w[77] + K3 + (e ^ a ^ b) + ((d << 5) | (d >> 27));
        e = (e << 30) | (e >> 2);
        b = b + w[78] + K3 + (d ^ e ^ a) + ((c << 5) | (c >> 27));
        d = (d << 30) | (d >> 2);
        a = a + w[79] + K3 + (c ^ d ^ e) + ((b << 5) | (b >> 27));
        c = (c << 30) | (c >> 2);

        _h0 += a;
        _h1 += b;
        _h2 += c;
        _h3 += d;
        _h4 += e;
    }
}
