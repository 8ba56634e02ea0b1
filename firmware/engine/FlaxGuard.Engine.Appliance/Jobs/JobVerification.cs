namespace FlaxGuard.Engine.Jobs
{
    /// <summary>Why a job was accepted or refused.</summary>
    public enum JobStatus
    {
        Accepted = 0,
        /// <summary>Not a well-formed job (or over the size limit).</summary>
        Malformed = 1,
        /// <summary>The MAC does not match: forged, altered, or sealed with another appliance's key.</summary>
        BadSignature = 2,
        /// <summary>Sealed correctly but for another appliance id.</summary>
        WrongDevice = 3,
        /// <summary>The version is below the last accepted one: an old job replayed.</summary>
        OlderVersion = 4,
    }

    /// <summary>The outcome of verifying one job: the status, a reason in words, and the job if accepted.</summary>
    public sealed class JobVerification
    {
        public JobVerification(JobStatus status, string reason, Job job)
        {
            Status = status;
            Reason = reason;
            Job = job;
        }

        public JobStatus Status { get; private set; }

        public string Reason { get; private set; }

        /// <summary>The decoded job with credentials decrypted in memory; null unless accepted.</summary>
        public Job Job { get; private set; }

        public bool Accepted { get { return Status == JobStatus.Accepted; } }
    }
}
