using System.Security.Cryptography;
using FlaxGuard.Engine.Crypto;
using static FlaxGuard.Engine.Tests.Crypto.HashTestSupport;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>
/// Every message length from 0 to 4096 bytes, fed in random slices, must give the same digest as
/// System.Security.Cryptography. The seed is fixed and reported in every failure message.
/// </summary>
[TestClass]
public sealed class RandomizedEquivalenceTests
{
    private const int MaxLength = 4096;
    private const int Seed = 0x5EED_2104;

    // Sizes that start, end or straddle a 64-byte block boundary, mixed in with random ones.
    private static readonly int[] BoundarySizes = { 0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 256 };

    /// <summary>Splits <paramref name="length"/> into slice sizes, including empty slices.</summary>
    private static List<int> RandomSplit(Random random, int length)
    {
        var sizes = new List<int>();
        var remaining = length;
        while (remaining > 0)
        {
            int size;
            switch (random.Next(4))
            {
                case 0:
                    size = 0;
                    break;
                case 1:
                    size = BoundarySizes[random.Next(BoundarySizes.Length)];
                    break;
                case 2:
                    size = random.Next(1, 300);
                    break;
                default:
                    size = random.Next(1, 16);
                    break;
            }

            size = Math.Min(size, remaining);
            sizes.Add(size);
            remaining -= size;
        }

        // Empty updates before Final must not change anything either.
        sizes.Add(0);
        return sizes;
    }

    /// <summary>
    /// The message is placed inside a larger array at a random offset, so offset handling is checked
    /// and a slice that reads past its range would pick up the guard bytes.
    /// </summary>
    private static (byte[] Buffer, int Start, byte[] Message) RandomMessage(Random random, int length)
    {
        var message = new byte[length];
        random.NextBytes(message);
        var start = random.Next(0, 70);
        var buffer = new byte[start + length + random.Next(0, 70)];
        random.NextBytes(buffer);
        Array.Copy(message, 0, buffer, start, length);
        return (buffer, start, message);
    }

    [TestMethod]
    [DataRow("SHA-256")]
    [DataRow("SHA-1")]
    [DataRow("MD5")]
    public void Digest_MatchesPlatform_ForEveryLengthInRandomSlices(string algorithm)
    {
        var random = new Random(Seed);
        var hash = Create(algorithm); // reused throughout: Final must leave it clean
        for (var length = 0; length <= MaxLength; length++)
        {
            var (buffer, start, message) = RandomMessage(random, length);
            var expected = algorithm switch
            {
                "SHA-256" => SHA256.HashData(message),
                "SHA-1" => SHA1.HashData(message),
                _ => MD5.HashData(message),
            };

            var position = start;
            var sizes = RandomSplit(random, length);
            foreach (var size in sizes)
            {
                hash.Update(buffer, position, size);
                position += size;
            }

            var context = $"{algorithm}, seed {Seed}, length {length}, offset {start}, slices [{string.Join(",", sizes)}]";
            Assert.AreEqual(Hex(expected), Hex(hash.Final()), context);
            Assert.AreEqual(Hex(expected), Hex(OneShot(algorithm, buffer, start, length)), "one-shot, " + context);
        }
    }

    [TestMethod]
    public void HmacSha256_MatchesPlatform_ForEveryLengthInRandomSlices()
    {
        int[] keyLengths = { 0, 1, 16, 32, 63, 64, 65, 100, 131, 200 };
        var random = new Random(Seed);
        for (var length = 0; length <= MaxLength; length++)
        {
            var key = new byte[keyLengths[random.Next(keyLengths.Length)]];
            random.NextBytes(key);
            var (buffer, start, message) = RandomMessage(random, length);
            var expected = HMACSHA256.HashData(key, message);

            var hmac = new HmacSha256(key);
            var sizes = RandomSplit(random, length);

            // Two rounds on one instance: Final must leave it ready for the next message under the same key.
            for (var round = 0; round < 2; round++)
            {
                var position = start;
                foreach (var size in sizes)
                {
                    hmac.Update(buffer, position, size);
                    position += size;
                }

                var context = $"HMAC-SHA-256, seed {Seed}, length {length}, key length {key.Length}, offset {start}, round {round}, slices [{string.Join(",", sizes)}]";
                Assert.AreEqual(Hex(expected), Hex(hmac.Final()), context);
            }

            Assert.AreEqual(Hex(expected), Hex(HmacSha256.Compute(key, buffer, start, length)), $"one-shot, seed {Seed}, length {length}");
        }
    }
}
