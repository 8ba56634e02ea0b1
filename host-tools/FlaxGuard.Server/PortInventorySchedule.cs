using System.Globalization;
using FlaxGuard.Engine.Jobs;

namespace FlaxGuard.Server;

/// <summary>
/// How often a device's full TCP inventory (every port, 1-65535) runs, as the owner writes it: <c>daily</c>,
/// <c>weekly</c>, <c>off</c>, or a number with a unit (<c>30m</c>, <c>6h</c>, <c>2d</c>, <c>1w</c>; plain digits are seconds).
/// </summary>
public static class PortInventorySchedule
{
    public const string Syntax = "off, daily, weekly, or a duration such as 30m, 6h, 2d, 1w (10 minutes to 30 days)";

    /// <summary>Seconds for the text; a <see cref="StoreException"/> with the allowed forms when it is not one.</summary>
    public static int Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        int seconds;
        switch (t)
        {
            case "off" or "none" or "0":
                return 0;
            case "daily":
                seconds = 24 * 3600;
                break;
            case "weekly":
                seconds = 7 * 24 * 3600;
                break;
            default:
                var hasUnit = t.Length > 0 && char.IsLetter(t[^1]);
                var unit = hasUnit ? t[^1] : 's';
                var digits = hasUnit ? t[..^1] : t;
                long multiplier = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 24 * 3600, 'w' => 7 * 24 * 3600, _ => -1 };
                if (multiplier < 0 || digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit)
                    || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                    throw new StoreException($"the port inventory interval '{Clip(text)}' is not one of: {Syntax}");
                var total = count * multiplier;
                if (total != 0 && !JobLimits.IsValidInventoryInterval(total))
                    throw new StoreException($"the port inventory interval '{Clip(text)}' is outside 10 minutes to 30 days (or off)");
                return (int)total;
        }
        return seconds;
    }

    /// <summary>Throws unless <paramref name="seconds"/> is 0 (off) or within the job's limits.</summary>
    public static void Check(int seconds)
    {
        if (!JobLimits.IsValidInventoryInterval(seconds))
            throw new StoreException($"the port inventory interval must be off or {JobLimits.MinInventoryIntervalSeconds} to {JobLimits.MaxInventoryIntervalSeconds} seconds");
    }

    /// <summary>"daily", "off", "every 6 h", ... for lists and pages.</summary>
    public static string Describe(int seconds) => seconds switch
    {
        0 => "off",
        24 * 3600 => "daily",
        7 * 24 * 3600 => "weekly",
        _ when seconds % (24 * 3600) == 0 => $"every {seconds / (24 * 3600)} d",
        _ when seconds % 3600 == 0 => $"every {seconds / 3600} h",
        _ when seconds % 60 == 0 => $"every {seconds / 60} min",
        _ => $"every {seconds} s",
    };

    private static string Clip(string text) => text.Length > 24 ? text[..24] + "..." : text;
}
