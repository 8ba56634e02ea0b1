using System.Text;

namespace FlaxGuard.Alerts.Tests;

[TestClass]
public sealed class AlertTextTests
{
    [TestMethod]
    public void Control_characters_line_separators_and_bidi_overrides_become_single_spaces()
    {
        var cleaned = AlertText.Clean("a\r\nb\tc\0d\u0085e\u2028f\u202Eg\u2066h  \u00A0 i", 100);
        Assert.AreEqual("a b c d e f g h i", cleaned);
    }

    [TestMethod]
    public void Non_ascii_text_is_kept()
    {
        Assert.AreEqual("Büro-Router 日本語 😀", AlertText.Clean("  Büro-Router 日本語 😀  ", 100));
    }

    [TestMethod]
    public void Long_text_is_cut_with_an_ellipsis_and_never_splits_a_surrogate_pair()
    {
        var text = new string('x', 78) + "😀😀😀";
        var cleaned = AlertText.Clean(text, 80);
        Assert.IsLessThanOrEqualTo(80, cleaned.Length);
        Assert.EndsWith(AlertText.Ellipsis.ToString(), cleaned);
        foreach (var c in cleaned[..^1]) Assert.IsFalse(char.IsSurrogate(c), "a half emoji was left: " + cleaned);
        Assert.AreEqual(new string('x', 78) + AlertText.Ellipsis, cleaned);
    }

    [TestMethod]
    public void Utf8_truncation_respects_the_byte_budget_and_character_boundaries()
    {
        var text = string.Concat(Enumerable.Repeat("ü日😀", 50));
        for (var budget = 4; budget < 120; budget++)
        {
            var cut = AlertText.TruncateUtf8(text, budget);
            Assert.IsLessThanOrEqualTo(budget, Encoding.UTF8.GetByteCount(cut), $"budget {budget}");
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            Assert.AreEqual(cut, strict.GetString(strict.GetBytes(cut)));
        }
        Assert.AreEqual("short", AlertText.TruncateUtf8("short", 5));
    }

    [TestMethod]
    public void The_hostile_test_name_is_cleaned_to_one_bounded_line()
    {
        var cleaned = TestAlerts.CleanedHostileName;
        Assert.IsLessThanOrEqualTo(AlertText.MaxDeviceNameLength, cleaned.Length);
        Assert.IsFalse(cleaned.Any(char.IsControl), cleaned);
        Assert.DoesNotContain("\u202E", cleaned);
        StringAssert.StartsWith(cleaned, "Router \"evil\" ]\\ [x] <134>1");
    }
}
