using System;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// A repeating LED pattern: durations in milliseconds, alternately on and off, starting with on.
    /// Distinct by rhythm, so one single-colour LED is enough: a short heartbeat (OK), a double blink (drift),
    /// an even slow blink (offline) and a fast flicker (critical).
    /// </summary>
    public sealed class BlinkPattern
    {
        public static readonly BlinkPattern Ok = new BlinkPattern(new int[] { 80, 2920 });
        public static readonly BlinkPattern Drift = new BlinkPattern(new int[] { 150, 150, 150, 1550 });
        public static readonly BlinkPattern Offline = new BlinkPattern(new int[] { 1000, 1000 });
        public static readonly BlinkPattern Critical = new BlinkPattern(new int[] { 100, 100 });

        private readonly int[] _durations;
        private readonly int _cycle;

        public BlinkPattern(int[] durations)
        {
            if (durations == null || durations.Length == 0 || durations.Length % 2 != 0) throw new ArgumentException("a pattern is pairs of on and off durations", "durations");
            int cycle = 0;
            for (int i = 0; i < durations.Length; i++)
            {
                if (durations[i] < 1) throw new ArgumentException("every duration must be at least 1 ms", "durations");
                cycle += durations[i];
            }
            _durations = durations;
            _cycle = cycle;
        }

        public static BlinkPattern For(ApplianceStatus status)
        {
            switch (status)
            {
                case ApplianceStatus.Ok: return Ok;
                case ApplianceStatus.Drift: return Drift;
                case ApplianceStatus.Critical: return Critical;
                default: return Offline;
            }
        }

        /// <summary>Length of one repetition in milliseconds.</summary>
        public int CycleMs { get { return _cycle; } }

        public int StepCount { get { return _durations.Length; } }

        /// <summary>Duration of step <paramref name="index"/> (even steps are on, odd steps off).</summary>
        public int StepMs(int index)
        {
            return _durations[index];
        }

        /// <summary>Whether the LED is lit <paramref name="elapsedMs"/> after the pattern started.</summary>
        public bool IsOnAt(long elapsedMs)
        {
            if (elapsedMs < 0) elapsedMs = 0;
            long t = elapsedMs % _cycle;
            for (int i = 0; i < _durations.Length; i++)
            {
                if (t < _durations[i]) return i % 2 == 0;
                t -= _durations[i];
            }
            return false;
        }

        /// <summary>How many times the LED lights per cycle (1 heartbeat, 2 double blink, ...).</summary>
        public int FlashesPerCycle { get { return _durations.Length / 2; } }
    }
}
