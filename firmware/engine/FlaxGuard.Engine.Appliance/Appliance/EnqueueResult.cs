namespace FlaxGuard.Engine.Appliance
{
    /// <summary>What happened when a report was queued.</summary>
    public sealed class EnqueueResult
    {
        public EnqueueResult(bool stored, int droppedOldest, string reason)
        {
            Stored = stored;
            DroppedOldest = droppedOldest;
            Reason = reason;
        }

        /// <summary>False only when the report alone is larger than the queue may hold.</summary>
        public bool Stored { get; private set; }

        /// <summary>How many older, unsent reports were dropped to make room (the host sees a counter gap).</summary>
        public int DroppedOldest { get; private set; }

        /// <summary>Why the report was not stored or what was dropped, in words; null when nothing notable happened.</summary>
        public string Reason { get; private set; }
    }
}
