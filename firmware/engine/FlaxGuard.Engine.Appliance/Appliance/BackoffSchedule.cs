using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Exponential backoff for talking to the host: after the n-th failure in a row the next attempt waits
    /// initial * 2^(n-1), capped at the maximum, less up to a quarter of random jitter so many appliances that
    /// lost the same host do not all return in the same second. A success resets it. Times are monotonic
    /// milliseconds (<see cref="IClock.MonotonicMilliseconds"/>), so an SNTP clock jump changes nothing.
    /// </summary>
    public sealed class BackoffSchedule
    {
        private readonly int _initialMs;
        private readonly int _maxMs;
        private readonly IRandomSource _jitter;
        private int _failures;
        private long _notBefore;

        /// <param name="jitter">Random source for the jitter, or null for exact delays.</param>
        public BackoffSchedule(int initialMs, int maxMs, IRandomSource jitter)
        {
            if (initialMs < 1) throw new ArgumentOutOfRangeException("initialMs");
            if (maxMs < initialMs) throw new ArgumentOutOfRangeException("maxMs", "the maximum must not be below the initial delay");
            _initialMs = initialMs;
            _maxMs = maxMs;
            _jitter = jitter;
        }

        /// <summary>Failures in a row since the last success.</summary>
        public int Failures { get { return _failures; } }

        /// <summary>The monotonic time before which no attempt should be made (0 when there is no wait).</summary>
        public long NotBeforeMs { get { return _notBefore; } }

        public bool IsDue(long nowMs)
        {
            return nowMs >= _notBefore;
        }

        /// <summary>Records a failure at <paramref name="nowMs"/>; returns the delay until the next attempt.</summary>
        public long Failure(long nowMs)
        {
            if (_failures < int.MaxValue) _failures++;
            long delay = DelayFor(_failures, _initialMs, _maxMs);
            if (_jitter != null)
            {
                byte[] random = new byte[2];
                _jitter.NextBytes(random, 0, 2);
                int fraction = (random[0] << 8) | random[1];
                delay -= (delay / 4) * fraction / 65536;
            }
            _notBefore = nowMs + delay;
            return delay;
        }

        public void Success()
        {
            _failures = 0;
            _notBefore = 0;
        }

        /// <summary>The delay without jitter after <paramref name="failures"/> failures in a row.</summary>
        public static long DelayFor(int failures, int initialMs, int maxMs)
        {
            if (failures < 1) return 0;
            long delay = initialMs;
            for (int i = 1; i < failures && delay < maxMs; i++) delay *= 2;
            return delay > maxMs ? maxMs : delay;
        }
    }
}
