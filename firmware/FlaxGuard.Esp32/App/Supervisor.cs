using System;
using System.Threading;
using nanoFramework.Runtime.Native;

namespace FlaxGuard.Esp32.App
{
    /// <summary>
    /// nanoFramework 1.x has no managed watchdog, so the app watches itself: the main loop beats after every step, and a
    /// timer reboots the device when it has not beaten for <see cref="StallMs"/> (a hung socket, a deadlock). Repeated
    /// unrecoverable errors (out of memory, a broken file system, failures in a row) also end in a reboot.
    /// </summary>
    public sealed class Supervisor : IDisposable
    {
        public const long StallMs = 20L * 60 * 1000;
        public const int MaxFailuresInARow = 5;

        private readonly Timer _watchdog;
        private long _lastBeat;
        private int _failuresInARow;

        public Supervisor()
        {
            _lastBeat = Environment.TickCount64;
            _watchdog = new Timer(Check, null, 60000, 60000);
        }

        public bool StopRequested { get; private set; }

        public void Heartbeat()
        {
            _lastBeat = Environment.TickCount64;
        }

        public void Succeeded()
        {
            _failuresInARow = 0;
            Heartbeat();
        }

        /// <summary>Counts a failed loop; reboots after <see cref="MaxFailuresInARow"/> in a row.</summary>
        public void Failed(string what)
        {
            _failuresInARow++;
            Log.Problem(what + " (" + _failuresInARow.ToString() + " in a row)");
            if (_failuresInARow >= MaxFailuresInARow) Reboot("too many failures in a row");
        }

        public void Reboot(string why)
        {
            StopRequested = true;
            Log.Problem("rebooting: " + why);
            Thread.Sleep(500);
            Power.RebootDevice();
        }

        private void Check(object state)
        {
            if (Environment.TickCount64 - _lastBeat > StallMs) Reboot("the main loop stalled for more than " + (StallMs / 60000).ToString() + " minutes");
        }

        public void Dispose()
        {
            _watchdog.Dispose();
        }
    }
}
