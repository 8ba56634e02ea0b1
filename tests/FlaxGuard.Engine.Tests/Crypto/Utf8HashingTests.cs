using System.Security.Cryptography;
using System.Text;
using FlaxGuard.Engine.Crypto;

namespace FlaxGuard.Engine.Tests.Crypto;

/// <summary>Hashing a string's UTF-8 through a small buffer against .NET's UTF-8 encoder and hashes.</summary>
[TestClass]
public sealed class Utf8HashingTests
{
    [TestMethod]
    public void MatchesDotNet_ForAnyTextAndBufferSize()
    {
        var random = new Random(41);
        for (var i = 0; i < 400; i++)
        {
            var text = RandomText(random, random.Next(0, 90));
            var scratch = new byte[random.Next(Utf8Hashing.MinScratchBytes, 40)];
            var md5 = new Md5();
            Utf8Hashing.Update(md5, text, scratch);
            Assert.AreEqual(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text))), Convert.ToHexStringLower(md5.Final()), $"case {i}");
            Assert.IsTrue(scratch.All(b => b == 0), "the scratch buffer is wiped");
        }
    }

    [TestMethod]
    public void SeveralPieces_HashLikeTheirConcatenation()
    {
        var sha = new Sha256();
        var scratch = new byte[8];
        foreach (var piece in new[] { "Mufasa", ":", "http-auth@example.org", ":", "Circle of Life \U0001F981" }) Utf8Hashing.Update(sha, piece, scratch);
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes("Mufasa:http-auth@example.org:Circle of Life \U0001F981"));
        CollectionAssert.AreEqual(expected, sha.Final());
    }

    [TestMethod]
    public void RefusesAScratchBufferTooSmallForOneCharacter()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Utf8Hashing.Update(new Md5(), "x", new byte[3]));
        Assert.ThrowsExactly<ArgumentNullException>(() => Utf8Hashing.Update(new Md5(), null!, new byte[8]));
    }

    /// <summary>ASCII, two- and three-byte characters, surrogate pairs and unpaired surrogates (both encoders give U+FFFD).</summary>
    internal static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(6))
            {
                case 0: sb.Append((char)random.Next(0x80, 0x800)); break;
                case 1: sb.Append((char)random.Next(0x800, 0xD800)); break;
                case 2: sb.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000))); break;
                case 3: sb.Append((char)random.Next(0xD800, 0xE000)); break;
                default: sb.Append((char)random.Next(0x20, 0x7F)); break;
            }
        }
        return sb.ToString();
    }
}
