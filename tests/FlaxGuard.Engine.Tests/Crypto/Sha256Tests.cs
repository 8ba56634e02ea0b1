using FlaxGuard.Engine.Crypto;
using static FlaxGuard.Engine.Tests.Crypto.HashTestSupport;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>Known-answer tests from the FIPS 180-4 examples (NIST CSRC "SHA256.pdf" and the long-message vector).</summary>
[TestClass]
public sealed class Sha256Tests
{
    private const string Abc448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

    [TestMethod]
    [DataRow("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", DisplayName = "empty")]
    [DataRow("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DisplayName = "abc (one block)")]
    [DataRow(Abc448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", DisplayName = "448-bit message (two blocks)")]
    public void Hash_MatchesFipsExample(string message, string expected)
    {
        Assert.AreEqual(expected, Hex(Sha256.Hash(Ascii(message))));
    }

    [TestMethod]
    public void Hash_OneMillionA_MatchesFipsVector()
    {
        const string expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
        var data = Repeat("a", 1_000_000);
        Assert.AreEqual(expected, Hex(Sha256.Hash(data)));

        // Streamed in slices that never line up with the 64-byte block.
        var sha = new Sha256();
        UpdateInChunks(sha, data, 997);
        Assert.AreEqual(expected, Hex(sha.Final()));
    }

    [TestMethod]
    public void Update_ByteAtATime_MatchesOneShot()
    {
        var data = Ascii(Abc448);
        var sha = new Sha256();
        UpdateInChunks(sha, data, 1);
        Assert.AreEqual("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Hex(sha.Final()));
    }

    [TestMethod]
    public void Final_ResetsState_SoHashingTwiceGivesTheSameDigest()
    {
        var sha = new Sha256();
        var data = Ascii("abc");
        sha.Update(data, 0, data.Length);
        var first = sha.Final();
        sha.Update(data, 0, data.Length);
        var second = sha.Final();
        CollectionAssert.AreEqual(first, second);

        // Nothing absorbed since the last Final: the digest of the empty message.
        Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Hex(sha.Final()));
    }

    [TestMethod]
    public void Reset_DiscardsAbsorbedData()
    {
        var sha = new Sha256();
        var junk = new byte[100];
        sha.Update(junk, 0, junk.Length);
        sha.Reset();
        var data = Ascii("abc");
        sha.Update(data, 0, data.Length);
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(sha.Final()));
    }

    [TestMethod]
    public void Final_WithOffset_WritesOnlyTheDigestBytes()
    {
        var sha = new Sha256();
        var data = Ascii("abc");
        sha.Update(data, 0, data.Length);
        var output = Enumerable.Repeat((byte)0xEE, Sha256.HashBytes + 7).ToArray();
        sha.Final(output, 3);
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(output[3..(3 + Sha256.HashBytes)]));
        CollectionAssert.AreEqual(new byte[] { 0xEE, 0xEE, 0xEE }, output[..3]);
        CollectionAssert.AreEqual(new byte[] { 0xEE, 0xEE, 0xEE, 0xEE }, output[(3 + Sha256.HashBytes)..]);
    }

    [TestMethod]
    public void Hash_Range_HashesOnlyTheRange()
    {
        var data = Ascii("xxabcyy");
        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hex(Sha256.Hash(data, 2, 3)));
    }

    [TestMethod]
    public void HashSize_Is32Bytes()
    {
        Assert.AreEqual(32, new Sha256().HashSize);
        Assert.HasCount(32, Sha256.Hash(Array.Empty<byte>()));
    }
}
