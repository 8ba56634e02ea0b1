using FlaxGuard.Engine.Probes.Onvif;

namespace FlaxGuard.Engine.Tests.Onvif;

/// <summary>The calendar arithmetic of the camera clock against .NET's DateTimeOffset.</summary>
[TestClass]
public sealed class OnvifTimeTests
{
    [TestMethod]
    public void FormatsLikeDotNetRoundTripInUtc()
    {
        var random = new Random(99);
        foreach (var ms in new long[] { 0, 951782400000, 1284623445000, 4102444799999 }.Concat(Enumerable.Range(0, 500).Select(_ => random.NextInt64(0, 32503680000000))))
        {
            var expected = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            Assert.AreEqual(expected, OnvifTime.FormatCreated(ms), $"{ms}");
        }
    }

    [TestMethod]
    public void ConvertsFieldsLikeDotNet()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var t = DateTimeOffset.FromUnixTimeSeconds(random.NextInt64(0, 32503680000));
            Assert.AreEqual(t.ToUnixTimeMilliseconds(), OnvifTime.ToUnixMilliseconds(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second), t.ToString("o"));
        }
    }

    [TestMethod]
    [DataRow(2026, 2, 29, 0, 0, 0)]
    [DataRow(2026, 13, 1, 0, 0, 0)]
    [DataRow(2026, 1, 1, 25, 0, 0)]
    [DataRow(2026, 1, 1, 0, 60, 0)]
    [DataRow(1969, 12, 31, 23, 59, 59)]
    [DataRow(-1, 1, 1, 0, 0, 0)]
    public void RefusesImpossibleDates(int year, int month, int day, int hour, int minute, int second)
    {
        Assert.AreEqual(-1L, OnvifTime.ToUnixMilliseconds(year, month, day, hour, minute, second));
    }

    [TestMethod]
    public void AcceptsLeapDays()
    {
        Assert.AreEqual(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), OnvifTime.ToUnixMilliseconds(2024, 2, 29, 12, 0, 0));
        Assert.AreEqual(new DateTimeOffset(2000, 2, 29, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), OnvifTime.ToUnixMilliseconds(2000, 2, 29, 0, 0, 0));
        Assert.AreEqual(-1L, OnvifTime.ToUnixMilliseconds(2100, 2, 29, 0, 0, 0));
    }
}
