using System;

namespace FlaxGuard.Engine.Crypto
{
    /// <summary>
    /// The AES-128 block cipher, encrypt direction only (FIPS-197). CFB mode (RFC 3826, SNMPv3 privacy) runs the
    /// cipher forward for both encryption and decryption, so the inverse cipher is not needed.
    /// Byte-oriented and table-light so it fits a small heap: one 256-byte S-box shared by all instances.
    /// </summary>
    public sealed class Aes128
    {
        public const int BlockBytes = 16;
        public const int KeyBytes = 16;
        private const int Rounds = 10;

        private static readonly byte[] SBox = BuildSBox();

        // 11 round keys of 16 bytes (FIPS-197 section 5.2).
        private readonly byte[] _roundKeys = new byte[(Rounds + 1) * BlockBytes];
        private readonly byte[] _state = new byte[BlockBytes];

        public Aes128(byte[] key, int offset)
        {
            if (key == null) throw new ArgumentNullException("key");
            if (offset < 0 || offset > key.Length - KeyBytes) throw new ArgumentOutOfRangeException("offset");
            ExpandKey(key, offset);
        }

        /// <summary>Encrypts one 16-byte block; input and output may be the same array and offset.</summary>
        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            if (input == null) throw new ArgumentNullException("input");
            if (output == null) throw new ArgumentNullException("output");
            if (inputOffset < 0 || inputOffset > input.Length - BlockBytes) throw new ArgumentOutOfRangeException("inputOffset");
            if (outputOffset < 0 || outputOffset > output.Length - BlockBytes) throw new ArgumentOutOfRangeException("outputOffset");

            byte[] s = _state;
            byte[] rk = _roundKeys;
            for (int i = 0; i < BlockBytes; i++) s[i] = (byte)(input[inputOffset + i] ^ rk[i]);

            for (int round = 1; round <= Rounds; round++)
            {
                SubBytesShiftRows(s);
                if (round < Rounds) MixColumns(s);
                int k = round * BlockBytes;
                for (int i = 0; i < BlockBytes; i++) s[i] ^= rk[k + i];
            }

            Array.Copy(s, 0, output, outputOffset, BlockBytes);
            Array.Clear(s, 0, BlockBytes);
        }

        /// <summary>Forgets the key schedule.</summary>
        public void Clear()
        {
            Array.Clear(_roundKeys, 0, _roundKeys.Length);
        }

        private void ExpandKey(byte[] key, int offset)
        {
            byte[] w = _roundKeys;
            Array.Copy(key, offset, w, 0, KeyBytes);
            byte rcon = 1;
            for (int i = KeyBytes; i < w.Length; i += 4)
            {
                byte t0 = w[i - 4], t1 = w[i - 3], t2 = w[i - 2], t3 = w[i - 1];
                if (i % KeyBytes == 0)
                {
                    // RotWord, SubWord, then the round constant on the first byte.
                    byte first = t0;
                    t0 = (byte)(SBox[t1] ^ rcon);
                    t1 = SBox[t2];
                    t2 = SBox[t3];
                    t3 = SBox[first];
                    rcon = XTime(rcon);
                }
                w[i] = (byte)(w[i - KeyBytes] ^ t0);
                w[i + 1] = (byte)(w[i - KeyBytes + 1] ^ t1);
                w[i + 2] = (byte)(w[i - KeyBytes + 2] ^ t2);
                w[i + 3] = (byte)(w[i - KeyBytes + 3] ^ t3);
            }
        }

        // The state is column-major: byte r + 4c is row r of column c (FIPS-197 section 3.4).
        private static void SubBytesShiftRows(byte[] s)
        {
            for (int i = 0; i < BlockBytes; i++) s[i] = SBox[s[i]];

            byte t = s[1]; s[1] = s[5]; s[5] = s[9]; s[9] = s[13]; s[13] = t;
            t = s[2]; s[2] = s[10]; s[10] = t;
            t = s[6]; s[6] = s[14]; s[14] = t;
            t = s[15]; s[15] = s[11]; s[11] = s[7]; s[7] = s[3]; s[3] = t;
        }

        private static void MixColumns(byte[] s)
        {
            for (int c = 0; c < BlockBytes; c += 4)
            {
                byte a0 = s[c], a1 = s[c + 1], a2 = s[c + 2], a3 = s[c + 3];
                byte all = (byte)(a0 ^ a1 ^ a2 ^ a3);
                s[c] = (byte)(a0 ^ all ^ XTime((byte)(a0 ^ a1)));
                s[c + 1] = (byte)(a1 ^ all ^ XTime((byte)(a1 ^ a2)));
                s[c + 2] = (byte)(a2 ^ all ^ XTime((byte)(a2 ^ a3)));
                s[c + 3] = (byte)(a3 ^ all ^ XTime((byte)(a3 ^ a0)));
            }
        }

        private static byte XTime(byte b)
        {
            return (byte)((b << 1) ^ (((b >> 7) & 1) * 0x1b));
        }

        // Computed rather than typed in, so no table typo can hide (FIPS-197 section 5.1.1: inverse in GF(2^8),
        // then the affine transform with constant 0x63). Inverses come from powers of the generator 3.
        private static byte[] BuildSBox()
        {
            byte[] exp = new byte[256];
            byte[] log = new byte[256];
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                exp[i] = (byte)x;
                log[x] = (byte)i;
                x ^= XTime((byte)x); // multiply by 3
                x &= 0xff;
            }

            byte[] box = new byte[256];
            for (int v = 0; v < 256; v++)
            {
                int inv = v == 0 ? 0 : exp[(255 - log[v]) % 255];
                int r = inv;
                int acc = inv;
                for (int k = 0; k < 4; k++)
                {
                    r = ((r << 1) | (r >> 7)) & 0xff;
                    acc ^= r;
                }
                box[v] = (byte)(acc ^ 0x63);
            }
            return box;
        }
    }
}
