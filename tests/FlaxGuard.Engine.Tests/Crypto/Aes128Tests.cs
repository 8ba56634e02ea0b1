using System.Security.Cryptography;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Tests.Crypto;

[TestClass]
public sealed class Aes128Tests
{
    [TestMethod]
    public void Fips197AppendixC1()
    {
        var key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        var block = Convert.FromHexString("00112233445566778899aabbccddeeff");
        var aes = new Aes128(key, 0);
        var output = new byte[16];
        aes.EncryptBlock(block, 0, output, 0);
        Assert.AreEqual("69c4e0d86a7b0430d8cdb78070b4c55a", Convert.ToHexStringLower(output));
    }

    [TestMethod]
    public void Fips197AppendixB()
    {
        var key = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
        var block = Convert.FromHexString("3243f6a8885a308d313198a2e0370734");
        var aes = new Aes128(key, 0);
        aes.EncryptBlock(block, 0, block, 0); // in place
        Assert.AreEqual("3925841d02dc09fbdc118597196a0b32", Convert.ToHexStringLower(block));
    }

    [TestMethod]
    public void MatchesDotNetAesOnRandomKeysAndBlocks()
    {
        var random = new Random(197);
        using var reference = Aes.Create();
        for (int i = 0; i < 500; i++)
        {
            var key = new byte[16];
            random.NextBytes(key);
            var plain = new byte[16 * random.Next(1, 5)];
            random.NextBytes(plain);
            reference.Key = key;
            var expected = reference.EncryptEcb(plain, PaddingMode.None);
            var aes = new Aes128([0, .. key], 1);
            var actual = new byte[plain.Length];
            for (int b = 0; b < plain.Length; b += 16) aes.EncryptBlock(plain, b, actual, b);
            CollectionAssert.AreEqual(expected, actual);
        }
    }

    [TestMethod]
    public void RejectsShortKeysAndRanges()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Aes128(new byte[15], 0));
        var aes = new Aes128(new byte[16], 0);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => aes.EncryptBlock(new byte[15], 0, new byte[16], 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => aes.EncryptBlock(new byte[16], 0, new byte[16], 1));
    }
}
