using System;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// Random bytes for nonces (Digest cnonce, DNS ids, job request timing). nanoFramework 1.x gives managed code only
    /// System.Random, whose quality the app cannot check, so its output is never used directly: each block is
    /// HMAC-SHA256(appliance key, state | counter | tick | Random bytes), and the state is rolled forward. An observer
    /// who does not know the appliance key cannot predict the output even if System.Random is weak.
    /// </summary>
    public sealed class Esp32RandomSource : IRandomSource
    {
        private readonly byte[] _key;
        private readonly Random _random = new Random();
        private readonly object _gate = new object();
        private byte[] _state = new byte[32];
        private long _counter;

        public Esp32RandomSource(byte[] applianceKey)
        {
            if (applianceKey == null || applianceKey.Length < 16) throw new ArgumentException("the appliance key is needed to seed the random source", "applianceKey");
            _key = applianceKey;
        }

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            lock (_gate)
            {
                int written = 0;
                byte[] input = new byte[32 + 8 + 8 + 16];
                while (written < count)
                {
                    Array.Copy(_state, 0, input, 0, 32);
                    Put(input, 32, ++_counter);
                    Put(input, 40, Environment.TickCount64);
                    byte[] noise = new byte[16];
                    _random.NextBytes(noise);
                    Array.Copy(noise, 0, input, 48, 16);
                    byte[] block = HmacSha256.Compute(_key, input);
                    int take = count - written < block.Length ? count - written : block.Length;
                    Array.Copy(block, 0, buffer, offset + written, take);
                    written += take;
                    _state = HmacSha256.Compute(_key, block);
                }
            }
        }

        private static void Put(byte[] target, int at, long value)
        {
            for (int i = 7; i >= 0; i--)
            {
                target[at + i] = (byte)value;
                value >>= 8;
            }
        }
    }
}
