namespace FlaxGuard.Engine.Appliance
{
    /// <summary>What one LAN discovery round found and whether its inventory report was queued, for the log.</summary>
    public sealed class LanSurveySummary
    {
        public LanSurveySummary(int devices, int turnedAway, long elapsedMs, int reportBytes, string problem)
        {
            Devices = devices;
            TurnedAway = turnedAway;
            ElapsedMs = elapsedMs;
            ReportBytes = reportBytes;
            Problem = problem;
        }

        public int Devices { get; private set; }
        public int TurnedAway { get; private set; }
        public long ElapsedMs { get; private set; }

        /// <summary>Bytes of the sealed inventory report queued; 0 when none was.</summary>
        public int ReportBytes { get; private set; }

        /// <summary>Why no report was queued, or what the queue dropped for it; null when all went well.</summary>
        public string Problem { get; private set; }
    }
}
