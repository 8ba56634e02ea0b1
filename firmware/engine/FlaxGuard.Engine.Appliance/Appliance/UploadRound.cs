namespace FlaxGuard.Engine.Appliance
{
    /// <summary>What one upload round did.</summary>
    public sealed class UploadRound
    {
        public UploadRound(bool attempted, int accepted, int alreadyStored, int refused, int remaining, bool hostReached, string problem)
        {
            Attempted = attempted;
            Accepted = accepted;
            AlreadyStored = alreadyStored;
            Refused = refused;
            Remaining = remaining;
            HostReached = hostReached;
            Problem = problem;
        }

        /// <summary>False when the round was skipped: backoff still running, or nothing to send.</summary>
        public bool Attempted { get; private set; }

        /// <summary>Reports the host stored (200) and that left the queue.</summary>
        public int Accepted { get; private set; }

        /// <summary>Reports the host already had (409, a replay of one it stored) and that left the queue.</summary>
        public int AlreadyStored { get; private set; }

        /// <summary>Reports the host refused (another 4xx); they stay queued and are retried later.</summary>
        public int Refused { get; private set; }

        /// <summary>Reports still queued after the round.</summary>
        public int Remaining { get; private set; }

        /// <summary>True when the host answered at all (any status code).</summary>
        public bool HostReached { get; private set; }

        /// <summary>The last failure or refusal in words, or null.</summary>
        public string Problem { get; private set; }
    }
}
