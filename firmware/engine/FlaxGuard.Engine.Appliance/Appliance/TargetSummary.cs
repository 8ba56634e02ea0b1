using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>The outcome of one target in a round, without facts or credentials (safe to log).</summary>
    public sealed class TargetSummary
    {
        public TargetSummary(string targetId, Severity highest, bool drift, bool unverified, int facts, int verdicts, int reportBytes, string problem)
        {
            TargetId = targetId;
            Highest = highest;
            Drift = drift;
            Unverified = unverified;
            Facts = facts;
            Verdicts = verdicts;
            ReportBytes = reportBytes;
            Problem = problem;
        }

        public string TargetId { get; private set; }
        public Severity Highest { get; private set; }
        public bool Drift { get; private set; }
        public bool Unverified { get; private set; }
        public int Facts { get; private set; }
        public int Verdicts { get; private set; }

        /// <summary>Size of the sealed report, 0 when none was queued.</summary>
        public int ReportBytes { get; private set; }

        /// <summary>Why the report was not queued or older reports were dropped, or null.</summary>
        public string Problem { get; private set; }
    }
}
