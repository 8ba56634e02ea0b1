using System.Net.Http.Headers;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

/// <summary>The allocation-free text helpers (hex and Base64 into buffers, media types read in place, plain key segments) against .NET's own classes.</summary>
[TestClass]
public sealed class BufferEncodingTests
{
    [TestMethod]
    public void HexEncodeInto_MatchesConvert_AtAnyOffset()
    {
        var random = new Random(31);
        for (var i = 0; i < 300; i++)
        {
            var data = new byte[random.Next(0, 70)];
            random.NextBytes(data);
            var offset = random.Next(0, data.Length + 1);
            var count = random.Next(0, data.Length - offset + 1);
            var outputOffset = random.Next(0, 5);
            var output = new byte[outputOffset + count * 2 + random.Next(0, 3)];
            Hex.EncodeInto(data, offset, count, output, outputOffset);
            var expected = Convert.ToHexStringLower(data, offset, count);
            Assert.AreEqual(expected, System.Text.Encoding.ASCII.GetString(output, outputOffset, count * 2), $"case {i}");
            Assert.AreEqual(expected, Hex.Encode(data, offset, count));
        }
    }

    [TestMethod]
    public void HexEncodeInto_RefusesRangesOutsideTheBuffers()
    {
        var data = new byte[4];
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Hex.EncodeInto(data, 0, 4, new byte[7], 0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Hex.EncodeInto(data, 0, 4, new byte[8], 1));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Hex.EncodeInto(data, 2, 3, new byte[8], 0));
        Assert.ThrowsExactly<ArgumentNullException>(() => Hex.EncodeInto(data, 0, 1, null!, 0));
    }

    [TestMethod]
    public void Base64EncodeInto_MatchesConvert_AtAnyOffset()
    {
        var random = new Random(32);
        for (var i = 0; i < 300; i++)
        {
            var data = new byte[random.Next(0, 70)];
            random.NextBytes(data);
            var offset = random.Next(0, data.Length + 1);
            var count = random.Next(0, data.Length - offset + 1);
            var expected = Convert.ToBase64String(data, offset, count);
            Assert.AreEqual(expected.Length, Base64.EncodedLength(count));
            var outputOffset = random.Next(0, 5);
            var output = new byte[outputOffset + expected.Length];
            Assert.AreEqual(expected.Length, Base64.EncodeInto(data, offset, count, output, outputOffset));
            Assert.AreEqual(expected, System.Text.Encoding.ASCII.GetString(output, outputOffset, expected.Length), $"case {i}");
            Assert.AreEqual(Convert.ToBase64String(data), Base64.Encode(data));
        }
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Base64.EncodeInto(new byte[3], 0, 3, new byte[3], 0));
    }

    [TestMethod]
    public void MediaTypeWhiteSpace_IsWhatCharIsWhiteSpaceSays()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            Assert.AreEqual(char.IsWhiteSpace((char)c), MediaType.IsWhiteSpace((char)c), $"U+{c:X4}");
        }
    }

    [TestMethod]
    [DataRow("application/xml", "application/xml", true)]
    [DataRow("Application/XML; charset=UTF-8", "application/xml", true)]
    [DataRow("text/xml;charset=\"utf-8\"", "text/xml", true)]
    [DataRow("  text/xml  ; q=1", "text/xml", true)]
    [DataRow("application/soap+xml; charset=utf-8; action=\"x\"", "application/soap+xml", true)]
    [DataRow("application/xhtml+xml", "application/xml", false)]
    [DataRow("text/html", "text/xml", false)]
    [DataRow("text/xmlx", "text/xml", false)]
    [DataRow("", "text/xml", false)]
    public void MediaType_AgreesWithDotNetsParser(string header, string expected, bool same)
    {
        Assert.AreEqual(same, MediaType.Is(header, expected));
        var parsed = MediaTypeHeaderValue.TryParse(header, out var value) && string.Equals(value.MediaType, expected, StringComparison.OrdinalIgnoreCase);
        Assert.AreEqual(parsed, MediaType.Is(header, expected), "System.Net.Http.Headers disagrees");
    }

    [TestMethod]
    public void MediaType_MatchesCutTrimAndLowerForHostileHeaders()
    {
        // The form the probes used before, built from .NET's string methods, for any text a device might send.
        static bool Reference(string? header, string expected)
        {
            if (header is null) return false;
            var semicolon = header.IndexOf(';');
            var media = (semicolon < 0 ? header : header[..semicolon]).Trim();
            return Ordinal.ToLowerAscii(media) == expected;
        }
        var random = new Random(33);
        string[] pieces = ["text/xml", "TEXT/XML", "application/xml", " ", "\t", "\u00a0", "\u2003", ";", "x", "\u212a", "=", "\r\n"];
        Assert.IsFalse(MediaType.Is(null!, "text/xml"));
        for (var i = 0; i < 2000; i++)
        {
            var header = string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => pieces[random.Next(pieces.Length)]));
            foreach (var expected in new[] { "text/xml", "application/xml" })
            {
                Assert.AreEqual(Reference(header, expected), MediaType.Is(header, expected), $"\"{header}\"");
            }
        }
    }

    [TestMethod]
    public void KeySegment_GivesPlainTextBack_AndEscapesAsBefore()
    {
        const string plain = "ntp.example.org";
        Assert.AreSame(plain, FactText.KeySegment(plain, 100), "nothing to escape: the same string, not a copy");
        Assert.AreEqual("ntp.exam", FactText.KeySegment(plain, 8));
        Assert.AreEqual("a%3Db%25c%20d", FactText.KeySegment("a=b%c d", 100));
        Assert.AreEqual("%C3%A4%F0%9F%98%80", FactText.KeySegment("\u00e4\U0001F600", 100));
        // Against an escape built from .NET's UTF-8 encoder, for random text.
        var random = new Random(34);
        for (var i = 0; i < 500; i++)
        {
            var raw = new string(Enumerable.Range(0, random.Next(0, 20)).Select(_ => random.Next(4) == 0 ? (char)random.Next(0x20, 0x300) : (char)random.Next(0x21, 0x7F)).ToArray());
            var max = random.Next(1, 30);
            var expected = new System.Text.StringBuilder();
            foreach (var c in raw)
            {
                if (expected.Length >= max) break;
                if (c > ' ' && c < 0x7F && c != '=' && c != '%') expected.Append(c);
                else foreach (var b in System.Text.Encoding.UTF8.GetBytes(c.ToString())) expected.Append('%').Append(b.ToString("X2"));
            }
            Assert.AreEqual(expected.ToString(), FactText.KeySegment(raw, max), $"\"{raw}\" max {max}");
        }
    }
}
