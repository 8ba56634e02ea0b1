using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

/// <summary>The reusable key/value buffer writes exactly what the string versions it replaces return.</summary>
[TestClass]
public sealed class TextBuilderTests
{
    [TestMethod]
    [DataRow(0)] [DataRow(7)] [DataRow(-1)] [DataRow(65535)] [DataRow(int.MaxValue)] [DataRow(int.MinValue)]
    public void AppendNumber_WritesWhatToStringWrites(int value)
    {
        Assert.AreEqual("n=" + value.ToString(), new TextBuilder(4).Append("n=").Append(value).ToString());
    }

    [TestMethod]
    [DataRow("plain-name")] [DataRow("with space")] [DataRow("a=b")] [DataRow("100%")] [DataRow("é")] [DataRow("\U0001F600x")]
    [DataRow("\uD800x")] [DataRow("x\uDC00")] [DataRow("\uD800\u00E9tail")] [DataRow("")] [DataRow("0123456789abcdefghij")]
    public void AppendKeySegment_IsFactTextKeySegment(string raw)
    {
        foreach (var max in new[] { 1, 5, 12, 100 })
        {
            var built = new TextBuilder(2).Append("k.").AppendKeySegment(raw, max).ToString();
            Assert.AreEqual("k." + FactText.KeySegment(raw, max), built, $"max {max}");
        }
    }

    [TestMethod]
    public void AppendLowerAscii_FoldsOnlyAsciiLetters()
    {
        Assert.AreEqual(Ordinal.ToLowerAscii("TCP/ÄÖ-Mixed"), new TextBuilder(8).AppendLowerAscii("TCP/ÄÖ-Mixed").ToString());
    }

    [TestMethod]
    public void Clear_ReusesTheBuffer_AndGrowsWhenNeeded()
    {
        var text = new TextBuilder(16);
        Assert.AreEqual("first", text.Append("first").ToString());
        var longer = new string('x', 100);
        Assert.AreEqual(longer + "!", text.Clear().Append(longer).Append('!').ToString());
        Assert.AreEqual(101, text.Length);
        Assert.IsTrue(text.ContentEquals(longer + "!"));
        Assert.IsFalse(text.ContentEquals(longer));
        Assert.AreEqual(string.Empty, text.Clear().Append((string)null!).ToString());
    }

    [TestMethod]
    [DataRow("plain-name")] [DataRow("with space")] [DataRow("a=b")] [DataRow("100%")] [DataRow("é")] [DataRow("\U0001F600x")]
    [DataRow("")] [DataRow("0123456789abcdefghij")]
    public void AppendKeySegment_OfAnotherBuilder_IsFactTextKeySegmentOfThatPart(string raw)
    {
        var source = new TextBuilder(2).Append("/prefix/").Append(raw).Append("/tail");
        foreach (var max in new[] { 1, 5, 12, 100 })
        {
            var built = new TextBuilder(2).Append("k.").AppendKeySegment(source, 8, raw.Length, max).ToString();
            Assert.AreEqual("k." + FactText.KeySegment(raw, max), built, $"max {max}");
        }
    }

    [TestMethod]
    [DataRow("/usr/bin/wg", 0, "/usr/")] [DataRow("/usr/bin/wg", 4, "/bin")] [DataRow("/usr", 0, "/usr/")] [DataRow("x", 0, "")]
    [DataRow("/etc/passwd", 0, "/etc/passwd")] [DataRow("/etc/passwd", 0, "/etc/passwd2")] [DataRow("abc", 3, "")] [DataRow("abc", 2, "cd")]
    public void Comparisons_AtAnOffset_AreWhatTheSubstringSays(string text, int offset, string other)
    {
        var builder = new TextBuilder(4).Append(text);
        string rest = text.Substring(offset);
        Assert.AreEqual(rest.StartsWith(other, StringComparison.Ordinal), builder.StartsWithAt(offset, other));
        Assert.AreEqual(rest == other, builder.EqualsAt(offset, other));
        Assert.AreEqual(text.EndsWith(other, StringComparison.Ordinal), builder.EndsWith(other));
        Assert.AreEqual(text.IndexOf('/', offset), builder.IndexOf('/', offset));
        Assert.AreEqual(rest, builder.ToString(offset, text.Length - offset));
    }
}
