using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Jobs
{
    /// <summary>
    /// AES-128 in counter mode (NIST SP 800-38A): the 16-byte nonce is the first counter block, incremented as a
    /// 128-bit big-endian number per block. One keystream runs over all credential fields of a job in order, so
    /// no keystream byte is used twice within a job; a fresh random nonce per job keeps jobs apart.
    /// Encryption and decryption are the same operation.
    /// </summary>
    public sealed class CredentialCipher
    {
        public const int NonceBytes = 16;
        private static readonly byte[] KeyLabel = Utf8.GetBytes("flaxguard job credentials");

        private readonly Aes128 _aes;
        private readonly byte[] _counter = new byte[Aes128.BlockBytes];
        private readonly byte[] _keystream = new byte[Aes128.BlockBytes];
        private int _used = Aes128.BlockBytes;

        /// <summary>A cipher under a raw 16-byte AES key.</summary>
        public CredentialCipher(byte[] aesKey, byte[] nonce)
        {
            if (aesKey == null || aesKey.Length != Aes128.KeyBytes) throw new ArgumentException("the AES key must be 16 bytes", "aesKey");
            if (nonce == null || nonce.Length != NonceBytes) throw new ArgumentException("the nonce must be 16 bytes", "nonce");
            _aes = new Aes128(aesKey, 0);
            Array.Copy(nonce, 0, _counter, 0, NonceBytes);
        }

        /// <summary>The cipher for a job: key = first 16 bytes of HMAC-SHA256(applianceKey, "flaxguard job credentials").</summary>
        public static CredentialCipher ForAppliance(byte[] applianceKey, byte[] nonce)
        {
            byte[] key = DeriveKey(applianceKey);
            CredentialCipher cipher = new CredentialCipher(key, nonce);
            Array.Clear(key, 0, key.Length);
            return cipher;
        }

        public static byte[] DeriveKey(byte[] applianceKey)
        {
            if (applianceKey == null || applianceKey.Length < 16) throw new ArgumentException("the appliance key must be at least 16 bytes", "applianceKey");
            byte[] full = HmacSha256.Compute(applianceKey, KeyLabel);
            byte[] key = new byte[Aes128.KeyBytes];
            Array.Copy(full, 0, key, 0, key.Length);
            Array.Clear(full, 0, full.Length);
            return key;
        }

        /// <summary>XORs the next <paramref name="count"/> keystream bytes into <paramref name="data"/> in place.</summary>
        public void Transform(byte[] data, int offset, int count)
        {
            if (data == null) throw new ArgumentNullException("data");
            if (offset < 0 || count < 0 || offset > data.Length - count) throw new ArgumentOutOfRangeException("offset");
            for (int i = 0; i < count; i++)
            {
                if (_used == Aes128.BlockBytes)
                {
                    _aes.EncryptBlock(_counter, 0, _keystream, 0);
                    Increment();
                    _used = 0;
                }
                data[offset + i] ^= _keystream[_used++];
            }
        }

        /// <summary>Forgets the key schedule and keystream.</summary>
        public void Clear()
        {
            _aes.Clear();
            Array.Clear(_keystream, 0, _keystream.Length);
        }

        private void Increment()
        {
            for (int i = _counter.Length - 1; i >= 0; i--)
            {
                _counter[i]++;
                if (_counter[i] != 0) return;
            }
        }
    }
}
