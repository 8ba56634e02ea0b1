using System.Text;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>Shared helpers for the digest tests.</summary>
internal static class HashTestSupport
{
    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Repeat(string text, int times) => Ascii(string.Concat(Enumerable.Repeat(text, times)));

    public static IHashAlgorithm Create(string algorithm) => algorithm switch
    {
        "SHA-256" => new Sha256(),
        "SHA-1" => new Sha1(),
        "MD5" => new Md5(),
        _ => throw new ArgumentException("unknown algorithm " + algorithm, nameof(algorithm)),
    };

    public static byte[] OneShot(string algorithm, byte[] data, int offset, int count) => algorithm switch
    {
        "SHA-256" => Sha256.Hash(data, offset, count),
        "SHA-1" => Sha1.Hash(data, offset, count),
        "MD5" => Md5.Hash(data, offset, count),
        _ => throw new ArgumentException("unknown algorithm " + algorithm, nameof(algorithm)),
    };

    public static byte[] OneShot(string algorithm, byte[] data) => algorithm switch
    {
        "SHA-256" => Sha256.Hash(data),
        "SHA-1" => Sha1.Hash(data),
        "MD5" => Md5.Hash(data),
        _ => throw new ArgumentException("unknown algorithm " + algorithm, nameof(algorithm)),
    };

    /// <summary>Feeds <paramref name="data"/> to <paramref name="hash"/> in slices of the given sizes.</summary>
    public static void UpdateInChunks(IHashAlgorithm hash, byte[] data, int chunkSize)
    {
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            hash.Update(data, offset, Math.Min(chunkSize, data.Length - offset));
        }
    }
}
