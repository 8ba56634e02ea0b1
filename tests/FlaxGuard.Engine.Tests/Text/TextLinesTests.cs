using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

/// <summary>The shared line walker of the OpenWrt file readers: the same lines String.Split gives, trimmed in place.</summary>
[TestClass]
public sealed class TextLinesTests
{
    private static List<string> Walk(string? text, bool trim)
    {
        var lines = new TextLines(text!);
        var result = new List<string>();
        while (lines.Next())
        {
            if (trim) lines.Trim();
            result.Add(lines.Line());
        }
        return result;
    }

    [TestMethod]
    [DataRow("a\nb\n", new[] { "a", "b" })]
    [DataRow("a\nb", new[] { "a", "b" })]
    [DataRow("a\r\n\r\n  b  \n", new[] { "a", "", "b" })]
    [DataRow("\n\n", new[] { "", "" })]
    [DataRow("", new[] { "" })]
    public void Lines_AreThoseOfTheText_Trimmed(string text, string[] expected)
    {
        CollectionAssert.AreEqual(expected, Walk(text, true));
    }

    [TestMethod]
    public void NullText_HasNoLines_AndResetStartsOver()
    {
        Assert.IsEmpty(Walk(null, false));
        var lines = new TextLines("x\ny");
        Assert.IsTrue(lines.Next());
        lines.Reset(" # c\nexit 0\nkeep # tail");
        var seen = new List<string>();
        while (lines.Next())
        {
            lines.Trim();
            if (lines.IsEmptyOrComment('#') || lines.Is("exit 0")) continue;
            int hash = lines.IndexOf('#', lines.Start);
            if (hash >= 0) lines.Cut(hash);
            lines.Trim();
            seen.Add(lines.Line());
        }
        CollectionAssert.AreEqual(new[] { "keep" }, seen);
    }
}
