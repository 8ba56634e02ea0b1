namespace FlaxGuard.Engine.Reports
{
    /// <summary>Why a report was accepted or refused.</summary>
    public enum ReportStatus
    {
        Accepted = 0,
        /// <summary>Not a well-formed report (or over the size limit).</summary>
        Malformed = 1,
        /// <summary>The MAC does not match: forged, altered, or signed with another key.</summary>
        BadSignature = 2,
        /// <summary>The counter is not above the last accepted one: a replay or a reordering.</summary>
        Replayed = 3,
        /// <summary>The timestamp is outside the accepted window around the host's clock.</summary>
        OutsideTimeWindow = 4,
    }

    /// <summary>The outcome of verifying one report: the status, a reason in words, and the report if accepted.</summary>
    public sealed class ReportVerification
    {
        public ReportVerification(ReportStatus status, string reason, Report report)
        {
            Status = status;
            Reason = reason;
            Report = report;
        }

        public ReportStatus Status { get; private set; }

        public string Reason { get; private set; }

        /// <summary>The decoded report; null unless accepted.</summary>
        public Report Report { get; private set; }

        public bool Accepted { get { return Status == ReportStatus.Accepted; } }
    }
}
