namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// The round trip to one host, learnt from how long its connects take (SYN to SYN-ACK or RST), smoothed as TCP
    /// does (RFC 6298: SRTT and RTTVAR with gains 1/8 and 1/4, timeout SRTT + 4 RTTVAR). nmap scales its probe
    /// timeouts the same way, between a floor and a ceiling (at -T4: 100 ms to 1250 ms). Until the first answer the
    /// caller's ceiling applies. Values are microseconds inside, so a LAN's sub-millisecond round trips still count.
    /// </summary>
    public sealed class RttEstimator
    {
        private readonly object _gate = new object();
        private long _srttUs;
        private long _rttvarUs;
        private int _samples;

        public int Samples { get { return _samples; } }

        public void AddSample(long rttUs)
        {
            if (rttUs < 0) rttUs = 0;
            lock (_gate)
            {
                if (_samples == 0)
                {
                    _srttUs = rttUs;
                    _rttvarUs = rttUs / 2;
                }
                else
                {
                    long delta = _srttUs - rttUs;
                    if (delta < 0) delta = -delta;
                    _rttvarUs = (3 * _rttvarUs + delta) / 4;
                    _srttUs = (7 * _srttUs + rttUs) / 8;
                }
                _samples++;
            }
        }

        /// <summary>SRTT + 4 RTTVAR in milliseconds, clamped to [floorMs, ceilingMs]; the ceiling before any sample.</summary>
        public int TimeoutMs(int floorMs, int ceilingMs)
        {
            if (floorMs > ceilingMs) floorMs = ceilingMs;
            long us;
            lock (_gate)
            {
                if (_samples == 0) return ceilingMs;
                us = _srttUs + 4 * _rttvarUs;
            }
            long ms = (us + 999) / 1000;
            if (ms < floorMs) return floorMs;
            if (ms > ceilingMs) return ceilingMs;
            return (int)ms;
        }
    }
}
