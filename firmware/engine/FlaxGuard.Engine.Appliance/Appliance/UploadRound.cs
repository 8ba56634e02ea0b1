namespace FlaxGuard.Engine.Appliance
{
    /// <summary>What one upload round did.</summary>
    public sealed class UploadRound
    {
        public UploadRound(bool attempted, int accepted, int alreadyStored, int refused, int remaining, bool hostReached, string problem, int resealed)
        {
            Attempted = attempted;
            Accepted = accepted;
            AlreadyStored = alreadyStored;
            Refused = refused;
            Remaining = remaining;
            HostReached = hostReached;
            Problem = problem;
            Resealed = resealed;
        }

        /// <summary>False when the round was skipped: backoff still running, or nothing to send.</summary>
        public bool Attempted { get; private set; }

        /// <summary>Reports the host stored (200) and that left the queue.</summary>
        public int Accepted { get; private set; }

        /// <summary>Reports the host already had (409: exactly this report is stored) and that left the queue.</summary>
        public int AlreadyStored { get; private set; }

        /// <summary>Reports the host refused (another 4xx); they stay queued and are retried later.</summary>
        public int Refused { get; private set; }

        /// <summary>Reports still queued after the round.</summary>
        public int Remaining { get; private set; }

        /// <summary>True when the host answered at all (any status code).</summary>
        public bool HostReached { get; private set; }

        /// <summary>Reports sealed again under a new counter because another report held theirs (412, lost or restored
        /// appliance state); each was then sent again in the same round.</summary>
        public int Resealed { get; private set; }

        /// <summary>The last failure or refusal in words, or null.</summary>
        public string Problem { get; private set; }
    }
}
