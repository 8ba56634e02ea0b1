using FlaxGuard.Engine.Crypto;
using static FlaxGuard.Engine.Tests.Crypto.HashTestSupport;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>The RFC 1321 appendix A.5 test suite.</summary>
[TestClass]
public sealed class Md5Tests
{
    [TestMethod]
    [DataRow("", "d41d8cd98f00b204e9800998ecf8427e")]
    [DataRow("a", "0cc175b9c0f1b6a831c399e269772661")]
    [DataRow("abc", "900150983cd24fb0d6963f7d28e17f72")]
    [DataRow("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
    [DataRow("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
    [DataRow("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
    [DataRow("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
    public void Hash_MatchesRfc1321Suite(string message, string expected)
    {
        Assert.AreEqual(expected, Hex(Md5.Hash(Ascii(message))));

        var md5 = new Md5();
        UpdateInChunks(md5, Ascii(message), 7);
        Assert.AreEqual(expected, Hex(md5.Final()));
    }

    [TestMethod]
    public void Final_ResetsState_SoHashingTwiceGivesTheSameDigest()
    {
        var md5 = new Md5();
        var data = Ascii("message digest");
        md5.Update(data, 0, data.Length);
        var first = md5.Final();
        md5.Update(data, 0, data.Length);
        CollectionAssert.AreEqual(first, md5.Final());
        Assert.AreEqual("d41d8cd98f00b204e9800998ecf8427e", Hex(md5.Final()));
    }

    [TestMethod]
    public void Final_WithOffset_WritesOnlyTheDigestBytes()
    {
        var md5 = new Md5();
        var data = Ascii("abc");
        md5.Update(data, 0, data.Length);
        var output = new byte[Md5.HashBytes + 1];
        md5.Final(output, 1);
        Assert.AreEqual("00900150983cd24fb0d6963f7d28e17f72", Hex(output));
    }

    [TestMethod]
    public void HashSize_Is16Bytes()
    {
        Assert.AreEqual(16, new Md5().HashSize);
        Assert.HasCount(16, Md5.Hash(Array.Empty<byte>()));
    }
}
