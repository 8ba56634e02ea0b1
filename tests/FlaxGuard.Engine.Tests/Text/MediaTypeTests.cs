using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.Text;

/// <summary>The in-place Content-Type checks agree with the Trim / Substring / ToLowerAscii versions they replace.</summary>
[TestClass]
public sealed class MediaTypeTests
{
    private static readonly string?[] Headers =
    [
        null, "", " ", "application/json", "Application/JSON; charset=utf-8", " application/json ;x=y", "\u00A0application/json\u2003",
        "application/jsonp", "application/json-seq", "text/html", "application/jso", "application/json\t", "\tAPPLICATION/JSON;", "applicationXjson",
    ];

    [TestMethod]
    public void Is_MatchesTheMediaTypeBeforeParameters()
    {
        foreach (var header in Headers)
        {
            var expected = false;
            if (header != null)
            {
                var semicolon = header.IndexOf(';');
                var media = semicolon >= 0 ? header.Substring(0, semicolon) : header;
                expected = Ordinal.EqualsIgnoreAsciiCase(media.Trim(), "application/json");
            }
            Assert.AreEqual(expected, MediaType.Is(header, "application/json"), header ?? "null");
        }
    }

    [TestMethod]
    public void StartsWith_MatchesTheTrimmedLowerCasedHeader()
    {
        foreach (var header in Headers)
        {
            var expected = header != null && Ordinal.StartsWith(Ordinal.ToLowerAscii(header.Trim()), "application/json");
            Assert.AreEqual(expected, MediaType.StartsWith(header, "application/json"), header ?? "null");
        }
    }

    [TestMethod]
    public void IsWhiteSpace_IsCharIsWhiteSpace()
    {
        for (var c = 0; c <= 0xFFFF; c++) Assert.AreEqual(char.IsWhiteSpace((char)c), MediaType.IsWhiteSpace((char)c), c.ToString("X4"));
    }
}
