using System.Text;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// A firmware build time to the second, as RouterOS reports it in /system/resource and /system/package "build-time":
    /// "2026-03-23 14:35:15" (7.10 and later) or "mar/23/2026 14:35:15" (earlier releases, any case). MikroTik's update files
    /// publish the same moment as unix time, and the firmware database holds it as the release row
    /// "&lt;version&gt; built YYYY-MM-DD HH:MM:SS" (UTC). Only years 2013 to 2099 are accepted.
    /// </summary>
    public static class BuildTime
    {
        /// <summary>Joins the version and the build time in the database row's version text.</summary>
        public const string Marker = " built ";

        private static readonly string[] Months = new string[] { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

        /// <summary>Seconds since 1970-01-01 UTC for <paramref name="text"/> read as UTC, or -1 when it is not a build time.</summary>
        public static long Parse(string text)
        {
            if (text == null) return -1;
            string t = text.Trim();
            if (t.Length != 19 && t.Length != 20) return -1;
            int year, month, day, at;
            if (t.Length == 19 && t[4] == '-' && t[7] == '-' && t[10] == ' ')
            {
                year = Digits(t, 0, 4);
                month = Digits(t, 5, 2);
                day = Digits(t, 8, 2);
                at = 11;
            }
            else if (t.Length == 20 && t[3] == '/' && t[6] == '/' && t[11] == ' ')
            {
                month = MonthOf(t.Substring(0, 3));
                day = Digits(t, 4, 2);
                year = Digits(t, 7, 4);
                at = 12;
            }
            else
            {
                return -1;
            }
            if (t[at + 2] != ':' || t[at + 5] != ':') return -1;
            int hour = Digits(t, at, 2);
            int minute = Digits(t, at + 3, 2);
            int second = Digits(t, at + 6, 2);
            if (year < 2013 || year > 2099 || month < 1 || month > 12 || day < 1 || day > DaysIn(year, month)) return -1;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return -1;
            return DaysFromEpoch(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        }

        /// <summary>"YYYY-MM-DD HH:MM:SS" for seconds since 1970-01-01 UTC (0 and later).</summary>
        public static string Format(long unixSeconds)
        {
            long days = unixSeconds / 86400;
            long rest = unixSeconds % 86400;
            // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, non-negative days only).
            long z = days + 719468;
            long era = z / 146097;
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2) y++;
            StringBuilder sb = new StringBuilder(19);
            Pad(sb, y, 4).Append('-');
            Pad(sb, m, 2).Append('-');
            Pad(sb, d, 2).Append(' ');
            Pad(sb, rest / 3600, 2).Append(':');
            Pad(sb, rest % 3600 / 60, 2).Append(':');
            Pad(sb, rest % 60, 2);
            return sb.ToString();
        }

        /// <summary>The database version text of a release with this build time: "7.22.1 built 2026-03-23 14:35:15".</summary>
        public static string ReleaseText(string version, long unixSeconds)
        {
            return version.Trim() + Marker + Format(unixSeconds);
        }

        private static long DaysFromEpoch(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = y / 400;
            long yoe = y - era * 400;
            long mp = month > 2 ? month - 3 : month + 9;
            long doy = (153 * mp + 2) / 5 + day - 1;
            long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146097 + doe - 719468;
        }

        private static int DaysIn(int year, int month)
        {
            if (month == 2) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        private static int MonthOf(string name)
        {
            string lower = FlaxGuard.Engine.Text.Ordinal.ToLowerAscii(name);
            for (int i = 0; i < Months.Length; i++)
            {
                if (Months[i] == lower) return i + 1;
            }
            return -1;
        }

        // The number in text[at .. at+count), or -1 when any of those is not a digit.
        private static int Digits(string text, int at, int count)
        {
            int value = 0;
            for (int i = at; i < at + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private static StringBuilder Pad(StringBuilder sb, long value, int width)
        {
            string digits = value.ToString();
            for (int i = digits.Length; i < width; i++) sb.Append('0');
            return sb.Append(digits);
        }
    }
}
