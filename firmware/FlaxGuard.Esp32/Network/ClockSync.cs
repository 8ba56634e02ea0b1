using System;
using System.Threading;
using FlaxGuard.Esp32.Platform;
using nanoFramework.Networking;

namespace FlaxGuard.Esp32.Network
{
    /// <summary>
    /// Sets the clock by SNTP. Reports carry timestamps and job requests are signed with the time, so a wrong clock
    /// makes the host refuse both. The ESP32 firmware starts SNTP when the network comes up; this makes sure it runs,
    /// asks for an update, and waits (bounded) for a plausible date.
    /// </summary>
    public static class ClockSync
    {
        public const int WaitMs = 30000;

        public static bool Ensure(string server)
        {
            if (server != null && server.Length > 0) Sntp.Server1 = server;
            if (!Sntp.IsStarted) Sntp.Start();
            Sntp.UpdateNow();
            long until = Environment.TickCount64 + WaitMs;
            while (!Esp32Clock.IsSet && Environment.TickCount64 < until) Thread.Sleep(500);
            return Esp32Clock.IsSet;
        }
    }
}
