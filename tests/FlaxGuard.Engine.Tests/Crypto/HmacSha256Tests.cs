using FlaxGuard.Engine.Crypto;
using static FlaxGuard.Engine.Tests.Crypto.HashTestSupport;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>RFC 4231 section 4 test cases 1-7 for HMAC-SHA-256.</summary>
[TestClass]
public sealed class HmacSha256Tests
{
    private static byte[] Fill(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    private static byte[] Range(int first, int last) => Enumerable.Range(first, last - first + 1).Select(i => (byte)i).ToArray();

    public static IEnumerable<object[]> Rfc4231Cases()
    {
        yield return new object[]
        {
            "1", Fill(0x0b, 20), Ascii("Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
        };
        yield return new object[]
        {
            "2 (key shorter than the output)", Ascii("Jefe"), Ascii("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        };
        yield return new object[]
        {
            "3 (combined key and data of 50 bytes)", Fill(0xaa, 20), Fill(0xdd, 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
        };
        yield return new object[]
        {
            "4 (25-byte key)", Range(0x01, 0x19), Fill(0xcd, 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
        };
        yield return new object[]
        {
            "6 (131-byte key, hashed first)", Fill(0xaa, 131), Ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
        };
        yield return new object[]
        {
            "7 (131-byte key and data longer than a block)", Fill(0xaa, 131),
            Ascii("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
        };
    }

    [TestMethod]
    [DynamicData(nameof(Rfc4231Cases))]
    public void Compute_MatchesRfc4231(string testCase, byte[] key, byte[] data, string expected)
    {
        Assert.AreEqual(expected, Hex(HmacSha256.Compute(key, data)), "RFC 4231 test case " + testCase);

        var hmac = new HmacSha256(key);
        for (var i = 0; i < data.Length; i += 5)
        {
            hmac.Update(data, i, Math.Min(5, data.Length - i));
        }

        Assert.AreEqual(expected, Hex(hmac.Final()), "streamed, RFC 4231 test case " + testCase);
    }

    [TestMethod]
    public void Compute_TruncatedTo128Bits_MatchesRfc4231Case5()
    {
        var mac = HmacSha256.Compute(Fill(0x0c, 20), Ascii("Test With Truncation"));
        Assert.HasCount(HmacSha256.HashBytes, mac);

        // The RFC publishes only the leftmost 128 bits for this case.
        Assert.AreEqual("a3b6167473100ee06e0c796c2955552b", Hex(mac[..16]));
    }

    [TestMethod]
    public void Final_StartsANewMessageUnderTheSameKey()
    {
        var key = Ascii("Jefe");
        var data = Ascii("what do ya want for nothing?");
        var hmac = new HmacSha256(key);
        hmac.Update(data, 0, data.Length);
        var first = hmac.Final();
        hmac.Update(data, 0, data.Length);
        var second = hmac.Final();
        CollectionAssert.AreEqual(first, second);
        Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex(second));

        // An empty message under the same key.
        Assert.AreEqual(Hex(HmacSha256.Compute(key, Array.Empty<byte>())), Hex(hmac.Final()));
    }

    [TestMethod]
    public void Reset_DiscardsTheMessageButKeepsTheKey()
    {
        var hmac = new HmacSha256(Ascii("Jefe"));
        var junk = new byte[200];
        hmac.Update(junk, 0, junk.Length);
        hmac.Reset();
        var data = Ascii("what do ya want for nothing?");
        hmac.Update(data, 0, data.Length);
        Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex(hmac.Final()));
    }

    [TestMethod]
    public void Constructor_DoesNotKeepAReferenceToTheKey()
    {
        var key = Ascii("Jefe");
        var hmac = new HmacSha256(key);
        key[0] = (byte)'X';
        var data = Ascii("what do ya want for nothing?");
        hmac.Update(data, 0, data.Length);
        Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex(hmac.Final()));
    }

    [TestMethod]
    public void Compute_Range_AuthenticatesOnlyTheRange()
    {
        var data = Ascii("..Hi There..");
        Assert.AreEqual(
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            Hex(HmacSha256.Compute(Fill(0x0b, 20), data, 2, 8)));
    }
}
