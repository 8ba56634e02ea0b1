using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// Wall time from the RTC that SNTP sets (DateTime.UtcNow; nanoFramework has no DateTime.Now), monotonic time from
    /// Environment.TickCount64 (nanoFramework.Runtime.Native), which an SNTP jump does not move.
    /// </summary>
    public sealed class Esp32Clock : IClock
    {
        private const long UnixEpochTicks = 621355968000000000L;

        public long UtcUnixMilliseconds
        {
            get { return (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond; }
        }

        public long MonotonicMilliseconds
        {
            get { return Environment.TickCount64; }
        }

        /// <summary>True once the clock has been set (an unset ESP32 RTC starts in 1970).</summary>
        public static bool IsSet
        {
            get { return DateTime.UtcNow.Year >= 2025; }
        }
    }
}
