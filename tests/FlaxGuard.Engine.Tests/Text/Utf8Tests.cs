using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

[TestClass]
public sealed class Utf8Tests
{
    [TestMethod]
    public void Encode_MatchesDotNetEncoder_ForRandomStrings()
    {
        var random = new Random(20261127);
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                // Mix ASCII, 2-byte, 3-byte and valid surrogate pairs.
                var pick = random.Next(4);
                chars[i] = pick switch { 0 => (char)random.Next(0x20, 0x7F), 1 => (char)random.Next(0x80, 0x800), 2 => (char)random.Next(0x800, 0xD800), _ => 'x' };
                if (pick == 3 && i + 1 < chars.Length)
                {
                    chars[i] = (char)random.Next(0xD800, 0xDC00);
                    chars[++i] = (char)random.Next(0xDC00, 0xE000);
                }
            }
            var text = new string(chars);
            var expected = Encoding.UTF8.GetBytes(text);
            CollectionAssert.AreEqual(expected, Utf8.GetBytes(text), $"round {round}");
            Assert.AreEqual(expected.Length, Utf8.ByteCount(text));
            Assert.AreEqual(text, Utf8.TryDecode(expected, 0, expected.Length));
        }
    }

    [TestMethod]
    public void Encode_IntoSmallBuffer_NeverSplitsACharacter()
    {
        const string text = "a\u00e9\u20ac\U0001F600z";
        var buffer = new byte[3];
        var index = 0;
        var collected = new List<byte>();
        while (index < text.Length)
        {
            var n = Utf8.Encode(text, ref index, buffer, 0, buffer.Length);
            Assert.IsTrue(n > 0 || buffer.Length < 4, "no progress with room for a character");
            if (n == 0) buffer = new byte[4];
            collected.AddRange(buffer.Take(n));
        }
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes(text), collected.ToArray());
    }

    [TestMethod]
    public void LoneSurrogate_EncodesAsReplacementCharacter()
    {
        CollectionAssert.AreEqual(new byte[] { 0x61, 0xEF, 0xBF, 0xBD }, Utf8.GetBytes("a\uD800"));
    }

    [TestMethod]
    [DataRow(new byte[] { 0xC0, 0xAF }, DisplayName = "overlong slash")]
    [DataRow(new byte[] { 0xE0, 0x80, 0xAF }, DisplayName = "overlong 3-byte")]
    [DataRow(new byte[] { 0xED, 0xA0, 0x80 }, DisplayName = "encoded surrogate")]
    [DataRow(new byte[] { 0xF4, 0x90, 0x80, 0x80 }, DisplayName = "above U+10FFFF")]
    [DataRow(new byte[] { 0x80 }, DisplayName = "lone continuation")]
    [DataRow(new byte[] { 0xE2, 0x82 }, DisplayName = "truncated")]
    [DataRow(new byte[] { 0xFF }, DisplayName = "invalid lead")]
    public void TryDecode_RefusesMalformedInput(byte[] bytes)
    {
        Assert.IsNull(Utf8.TryDecode(bytes, 0, bytes.Length));
    }

    [TestMethod]
    public void TryDecode_AgreesWithStrictDotNetDecoder_OnRandomBytes()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var random = new Random(7);
        for (var round = 0; round < 5000; round++)
        {
            var bytes = new byte[random.Next(0, 12)];
            random.NextBytes(bytes);
            string? expected;
            try { expected = strict.GetString(bytes); } catch (DecoderFallbackException) { expected = null; }
            Assert.AreEqual(expected, Utf8.TryDecode(bytes, 0, bytes.Length), Convert.ToHexString(bytes));
        }
    }
}
