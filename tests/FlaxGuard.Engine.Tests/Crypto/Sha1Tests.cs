using FlaxGuard.Engine.Crypto;
using static FlaxGuard.Engine.Tests.Crypto.HashTestSupport;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>Known-answer tests from the FIPS 180-4 examples and RFC 3174 section 7.3.</summary>
[TestClass]
public sealed class Sha1Tests
{
    [TestMethod]
    [DataRow("", "da39a3ee5e6b4b0d3255bfef95601890afd80709", DisplayName = "empty")]
    [DataRow("abc", "a9993e364706816aba3e25717850c26c9cd0d89d", DisplayName = "abc (RFC 3174 TEST1)")]
    [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1", DisplayName = "448-bit message (RFC 3174 TEST2)")]
    public void Hash_MatchesFipsExample(string message, string expected)
    {
        Assert.AreEqual(expected, Hex(Sha1.Hash(Ascii(message))));
    }

    // RFC 3174 section 7.3: each test string is hashed "repeatcount" times in a row, the way its
    // test driver does it, so these also exercise many Update calls on one instance.
    [TestMethod]
    [DataRow("abc", 1, "a9993e364706816aba3e25717850c26c9cd0d89d", DisplayName = "TEST1")]
    [DataRow("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", DisplayName = "TEST2")]
    [DataRow("a", 1_000_000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", DisplayName = "TEST3 (a x 1000000)")]
    [DataRow("0123456701234567012345670123456701234567012345670123456701234567", 10, "dea356a2cddd90c7a7ecedc5ebb563934f460452", DisplayName = "TEST4 (64 bytes x 10)")]
    public void Update_RepeatedString_MatchesRfc3174(string text, int repeat, string expected)
    {
        var sha = new Sha1();
        var chunk = Ascii(text);
        for (var i = 0; i < repeat; i++)
        {
            sha.Update(chunk, 0, chunk.Length);
        }

        Assert.AreEqual(expected, Hex(sha.Final()));
        Assert.AreEqual(expected, Hex(Sha1.Hash(Repeat(text, repeat))));
    }

    [TestMethod]
    public void Final_ResetsState_SoHashingTwiceGivesTheSameDigest()
    {
        var sha = new Sha1();
        var data = Ascii("abc");
        sha.Update(data, 0, data.Length);
        var first = sha.Final();
        sha.Update(data, 0, data.Length);
        CollectionAssert.AreEqual(first, sha.Final());
        Assert.AreEqual("da39a3ee5e6b4b0d3255bfef95601890afd80709", Hex(sha.Final()));
    }

    [TestMethod]
    public void Final_WithOffset_WritesOnlyTheDigestBytes()
    {
        var sha = new Sha1();
        var data = Ascii("abc");
        sha.Update(data, 0, data.Length);
        var output = new byte[Sha1.HashBytes + 2];
        sha.Final(output, 2);
        Assert.AreEqual("0000a9993e364706816aba3e25717850c26c9cd0d89d", Hex(output));
    }

    [TestMethod]
    public void HashSize_Is20Bytes()
    {
        Assert.AreEqual(20, new Sha1().HashSize);
        Assert.HasCount(20, Sha1.Hash(Array.Empty<byte>()));
    }
}
