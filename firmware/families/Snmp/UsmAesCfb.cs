using System;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// usmAesCfb128Protocol (RFC 3826): AES-128 in 128-bit cipher feedback mode, in place. The key is the first
    /// 16 bytes of the localized privacy key; the IV is engineBoots (4 bytes) || engineTime (4 bytes) || the 8-byte
    /// salt sent as msgPrivacyParameters (section 3.1.2.1). The last block may be partial; there is no padding.
    /// </summary>
    public sealed class UsmAesCfb
    {
        public const int SaltBytes = 8;

        private readonly Aes128 _aes;
        private readonly byte[] _feedback = new byte[16];
        private readonly byte[] _keyStream = new byte[16];

        public UsmAesCfb(byte[] localizedKey)
        {
            if (localizedKey == null) throw new ArgumentNullException("localizedKey");
            _aes = new Aes128(localizedKey, 0);
        }

        public void Encrypt(int boots, int time, byte[] salt, int saltOffset, byte[] data, int offset, int count)
        {
            Transform(boots, time, salt, saltOffset, data, offset, count, true);
        }

        public void Decrypt(int boots, int time, byte[] salt, int saltOffset, byte[] data, int offset, int count)
        {
            Transform(boots, time, salt, saltOffset, data, offset, count, false);
        }

        private void Transform(int boots, int time, byte[] salt, int saltOffset, byte[] data, int offset, int count, bool encrypt)
        {
            byte[] fb = _feedback;
            fb[0] = (byte)(boots >> 24); fb[1] = (byte)(boots >> 16); fb[2] = (byte)(boots >> 8); fb[3] = (byte)boots;
            fb[4] = (byte)(time >> 24); fb[5] = (byte)(time >> 16); fb[6] = (byte)(time >> 8); fb[7] = (byte)time;
            Array.Copy(salt, saltOffset, fb, 8, SaltBytes);

            int end = offset + count;
            for (int block = offset; block < end; block += 16)
            {
                _aes.EncryptBlock(fb, 0, _keyStream, 0);
                int n = end - block < 16 ? end - block : 16;
                for (int j = 0; j < n; j++)
                {
                    byte input = data[block + j];
                    byte output = (byte)(input ^ _keyStream[j]);
                    data[block + j] = output;
                    // The feedback is always the ciphertext: what we produce when encrypting, what we read when decrypting.
                    fb[j] = encrypt ? output : input;
                }
            }
            Array.Clear(_keyStream, 0, 16);
        }
    }
}
