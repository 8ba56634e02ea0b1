using FlaxGuard.Engine.Http;

namespace FlaxGuard.Engine.Tests.Http;

[TestClass]
public sealed class ChallengeParserTests
{
    [TestMethod]
    public void SeveralChallenges_InOneHeader_WithEveryParameterKind()
    {
        var c = ChallengeParser.Parse("Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\", Digest realm=\"cam\",qop=\"auth,auth-int\" , nonce=\"abc\", stale=TRUE, opaque=\"o\", algorithm=MD5-sess, Negotiate abc+/9==, Bearer");
        Assert.HasCount(5, c);
        Assert.AreEqual("newauth", c[0].Scheme);
        Assert.AreEqual("1", c[0].Get("type"));
        Assert.AreEqual("Login to \"apps\"", c[0].Get("TITLE"));
        Assert.AreEqual("basic", c[1].Scheme);
        Assert.AreEqual("simple", c[1].Realm);
        Assert.AreEqual("digest", c[2].Scheme);
        Assert.AreEqual("cam", c[2].Realm);
        Assert.AreEqual("abc", c[2].Nonce);
        Assert.AreEqual("o", c[2].Opaque);
        Assert.AreEqual("MD5-sess", c[2].Algorithm);
        Assert.IsTrue(c[2].Stale);
        Assert.IsTrue(c[2].OffersQop("auth"));
        Assert.IsTrue(c[2].OffersQop("auth-int"));
        Assert.IsFalse(c[2].OffersQop("au"));
        Assert.AreEqual("negotiate", c[3].Scheme);
        Assert.AreEqual("abc+/9==", c[3].Token68);
        Assert.AreEqual("bearer", c[4].Scheme);
        Assert.AreEqual(0, c[4].ParameterCount);
    }

    [TestMethod]
    public void ApacheStyle_AndCameraStyleChallenges()
    {
        var apache = ChallengeParser.Parse("Digest realm=\"cams\", nonce=\"yaQzc1vBBgA=7a2f5d36e1c44d3c1c8b5a0b8e4ad0a3f2c6a711\", algorithm=MD5, qop=\"auth\"").Single();
        Assert.IsNotNull(DigestSession.FromChallenge(apache));
        var hik = ChallengeParser.Parse("Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e5468694e7a42694e7a4d364f4449334f446b354d54593d\", stale=\"FALSE\"").Single();
        Assert.IsFalse(hik.Stale);
        Assert.AreEqual("IP Camera(C2183)", hik.Realm);
        Assert.IsTrue(ChallengeParser.Parse("Digest realm=\"r\", nonce=\"n\", stale=\"true\"").Single().Stale);
    }

    [TestMethod]
    public void WhitespaceAroundEquals_AndEmptyListElements_AreAccepted()
    {
        var c = ChallengeParser.Parse(" , Basic realm = \"x\" ,, charset=\"UTF-8\" ,").Single();
        Assert.AreEqual("x", c.Realm);
        Assert.AreEqual("UTF-8", c.Get("charset"));
    }

    [TestMethod]
    [DataRow("", "no challenge")]
    [DataRow("Digest realm=\"unterminated", "not closed")]
    [DataRow("Digest realm=\"a\u0001b\"", "control")]
    [DataRow("Digest realm=\"a\\", "backslash")]
    [DataRow("Digest realm=\"a\", realm=\"b\"", "repeats")]
    [DataRow("Digest realm=\"a\" nonce=\"b\"", "comma")]
    [DataRow("=realm", "scheme")]
    [DataRow("Digest\"realm\"", "space")]
    [DataRow("Basic abc def", "unexpected")]
    [DataRow("Digest realm=@", "")]
    public void Malformed_IsRefused(string header, string reasonPart)
    {
        var e = Assert.ThrowsExactly<FormatException>(() => ChallengeParser.Parse(header));
        StringAssert.Contains(e.Message, reasonPart);
    }

    [TestMethod]
    public void Bounds_AreEnforced()
    {
        var nine = string.Join(", ", Enumerable.Repeat("Basic realm=\"x\"", 9));
        StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => ChallengeParser.Parse(nine)).Message, "challenges");
        var params17 = "Digest " + string.Join(", ", Enumerable.Range(0, 17).Select(i => "p" + i + "=1"));
        StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => ChallengeParser.Parse(params17)).Message, "parameters");
        var longValue = "Digest realm=\"" + new string('r', ChallengeParser.MaxValueChars + 1) + "\"";
        StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => ChallengeParser.Parse(longValue)).Message, "longer");
        var longHeader = "Basic realm=\"x\"" + new string(' ', ChallengeParser.MaxHeaderChars);
        StringAssert.Contains(Assert.ThrowsExactly<FormatException>(() => ChallengeParser.Parse(longHeader)).Message, "longer");
        Assert.HasCount(8, ChallengeParser.Parse(string.Join(", ", Enumerable.Repeat("Basic realm=\"x\"", 8))));
    }

    [TestMethod]
    public void RandomAndMutatedHeaders_OnlyEverThrowFormatException()
    {
        var random = new Random(4242);
        const string alphabet = "Digest Basic realm nonce=\"\\,= \t\u0001\u00e9abc/+";
        var seed = "Digest realm=\"cam\", qop=\"auth\", nonce=\"abc\", opaque=\"o\", algorithm=SHA-256, Basic realm=\"x\"";
        var parsed = 0;
        for (var i = 0; i < 20_000; i++)
        {
            string header;
            if (i % 2 == 0)
            {
                var chars = new char[random.Next(0, 80)];
                for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[random.Next(alphabet.Length)];
                header = new string(chars);
            }
            else
            {
                var chars = seed.ToCharArray();
                for (var k = random.Next(1, 4); k > 0; k--) chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
                header = new string(chars, 0, random.Next(chars.Length / 2, chars.Length + 1));
            }
            try
            {
                var challenges = ChallengeParser.Parse(header);
                Assert.IsTrue(challenges.Length is > 0 and <= ChallengeParser.MaxChallenges);
                foreach (var c in challenges) _ = DigestSession.FromChallenge(c);
                parsed++;
            }
            catch (FormatException)
            {
                // Refusing is fine; any other exception fails the test.
            }
        }
        Assert.IsGreaterThan(1000, parsed, $"only {parsed} headers parsed");
    }
}
