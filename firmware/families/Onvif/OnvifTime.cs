namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Calendar arithmetic for the camera's clock, without DateTime formatting (which differs on nanoFramework):
    /// the UTC fields of GetSystemDateAndTime to Unix milliseconds, and Unix milliseconds to the xsd:dateTime
    /// text of a WS-Security Created element. Days from the civil date follow H. Hinnant's public-domain algorithm.
    /// </summary>
    public static class OnvifTime
    {
        private const long MillisecondsPerDay = 86400000L;

        /// <summary>Unix milliseconds of a UTC date and time, or -1 when a field is out of range (1970 to 2999).</summary>
        public static long ToUnixMilliseconds(int year, int month, int day, int hour, int minute, int second)
        {
            if (year < 1970 || year > 2999 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return -1;
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1;
            long days = DaysFromCivil(year, month, day);
            return days * MillisecondsPerDay + ((hour * 60L + minute) * 60L + second) * 1000L;
        }

        /// <summary>Longest text <see cref="FormatCreatedInto"/> writes (a year of up to ten digits).</summary>
        public const int MaxCreatedBytes = 30;

        /// <summary>"2026-11-27T03:04:05.067Z" for the given Unix milliseconds (UTC); times before 1970 are clamped to 1970.</summary>
        public static string FormatCreated(long unixMilliseconds)
        {
            byte[] ascii = new byte[MaxCreatedBytes];
            int n = FormatCreatedInto(unixMilliseconds, ascii, 0);
            char[] chars = new char[n];
            for (int i = 0; i < n; i++) chars[i] = (char)ascii[i];
            return new string(chars);
        }

        /// <summary>
        /// The text of <see cref="FormatCreated"/> as ASCII bytes into <paramref name="output"/> at
        /// <paramref name="offset"/> (room for <see cref="MaxCreatedBytes"/> needed), without a string; returns the bytes written.
        /// </summary>
        public static int FormatCreatedInto(long unixMilliseconds, byte[] output, int offset)
        {
            if (output == null) throw new System.ArgumentNullException("output");
            if (offset < 0 || offset > output.Length - MaxCreatedBytes) throw new System.ArgumentOutOfRangeException("offset");
            if (unixMilliseconds < 0) unixMilliseconds = 0;
            long days = unixMilliseconds / MillisecondsPerDay;
            long rest = unixMilliseconds % MillisecondsPerDay;
            int year, month, day;
            CivilFromDays(days, out year, out month, out day);
            int millisecond = (int)(rest % 1000);
            int second = (int)(rest / 1000 % 60);
            int minute = (int)(rest / 60000 % 60);
            int hour = (int)(rest / 3600000);
            int p = offset;
            p = Append(output, p, year, 4);
            output[p++] = (byte)'-';
            p = Append(output, p, month, 2);
            output[p++] = (byte)'-';
            p = Append(output, p, day, 2);
            output[p++] = (byte)'T';
            p = Append(output, p, hour, 2);
            output[p++] = (byte)':';
            p = Append(output, p, minute, 2);
            output[p++] = (byte)':';
            p = Append(output, p, second, 2);
            output[p++] = (byte)'.';
            p = Append(output, p, millisecond, 3);
            output[p++] = (byte)'Z';
            return p - offset;
        }

        public static int DaysInMonth(int year, int month)
        {
            if (month == 2) return IsLeap(year) ? 29 : 28;
            if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
            return 31;
        }

        private static bool IsLeap(int year)
        {
            return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        }

        private static long DaysFromCivil(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = y / 400;
            long yearOfEra = y - era * 400;
            long dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
            long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
            return era * 146097 + dayOfEra - 719468;
        }

        private static void CivilFromDays(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = z / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long mp = (5 * dayOfYear + 2) / 153;
            day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
            month = (int)(mp < 10 ? mp + 3 : mp - 9);
            year = (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        }

        /// <summary>A non-negative number in decimal, zero-padded to at least <paramref name="width"/> digits.</summary>
        private static int Append(byte[] output, int p, int value, int width)
        {
            int digits = 1;
            for (int v = value / 10; v > 0; v /= 10) digits++;
            for (int i = digits; i < width; i++) output[p++] = (byte)'0';
            int end = p + digits;
            for (int i = end - 1; i >= p; i--)
            {
                output[i] = (byte)('0' + value % 10);
                value /= 10;
            }
            return end;
        }
    }
}
