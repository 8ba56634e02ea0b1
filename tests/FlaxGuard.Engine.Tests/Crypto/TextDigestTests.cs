using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>The reused short digest is the first 16 hex digits of .NET's SHA-256 of the UTF-8 text.</summary>
[TestClass]
public sealed class TextDigestTests
{
    private static string Expected(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [TestMethod]
    [DataRow("")] [DataRow("ssh-ed25519 AAAA")] [DataRow("ünïcødé € \U0001F600")] [DataRow("lone \uD800 high")] [DataRow("lone \uDC00 low")]
    public void Hex16_IsTheSha256OfTheUtf8Text_OnOneReusedHasher(string text)
    {
        var digest = new TextDigest();
        Assert.AreEqual(Expected("warm-up"), digest.Hex16("warm-up"));
        Assert.AreEqual(Expected(text), digest.Hex16(text));
        Assert.AreEqual(Expected(text + new string('x', 300)), digest.Hex16(text + new string('x', 300)), "longer than the chunk buffer");
    }

    [TestMethod]
    public void Pieces_HashAsTheirConcatenation()
    {
        var digest = new TextDigest();
        Assert.AreEqual(Expected("routeros-ssh-key\nadmin\ned25519\n256\n" + new string('c', 200)),
            digest.Start().Add("routeros-ssh-key\n").Add("admin").Add("\n").Add("ed25519").Add("\n").Add("256").Add("\n").Add(new string('c', 200)).FinishHex16());
    }

    [TestMethod]
    [DataRow("# line\nssh-ed25519 AAAAblob comment", 9, 19)]
    [DataRow("x ünï \U0001F600 y", 1, 8)]
    [DataRow("0123456789", 0, 10)]
    [DataRow("edge\uD83D\uDE00", 4, 1)]
    public void Range_HashesAsTheSubstringWould(string text, int start, int count)
    {
        var digest = new TextDigest();
        Assert.AreEqual(Expected(text.Substring(start, count)), digest.Start().Add(text, start, count).FinishHex16());
        var longText = new string('a', 150) + text;
        Assert.AreEqual(Expected(longText.Substring(start, 150 + count)), digest.Start().Add(longText, start, 150 + count).FinishHex16());
    }
}
