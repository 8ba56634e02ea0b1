namespace FlaxGuard.Esp32.Host
{
    /// <summary>What one job request gave: the envelope bytes (not yet verified), or why there are none.</summary>
    public sealed class JobFetch
    {
        public JobFetch(int status, byte[] envelope, string problem)
        {
            Status = status;
            Envelope = envelope;
            Problem = problem;
        }

        /// <summary>HTTP status, 0 when the host did not answer.</summary>
        public int Status { get; private set; }

        public byte[] Envelope { get; private set; }

        public string Problem { get; private set; }

        public bool HostReached { get { return Status != 0; } }
    }
}
