using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>The facts the status choice is made from, gathered by the main loop.</summary>
    public sealed class StatusInputs
    {
        /// <summary>The network interface is up with an address.</summary>
        public bool NetworkUp { get; set; }

        /// <summary>A job is loaded (fetched or kept from flash).</summary>
        public bool HasJob { get; set; }

        /// <summary>Milliseconds since the host last answered (job fetch or report upload); -1 when never.</summary>
        public long MsSinceHostContact { get; set; }

        /// <summary>After this long without the host the appliance shows Offline.</summary>
        public long OfflineAfterMs { get; set; }

        /// <summary>True once a round has completed since boot.</summary>
        public bool HasRound { get; set; }

        /// <summary>The worst severity of the last round's verdicts.</summary>
        public Severity Highest { get; set; }

        /// <summary>The last round had drift against an approved baseline.</summary>
        public bool AnyDrift { get; set; }

        /// <summary>A probe of the last round could not verify what it was asked to.</summary>
        public bool AnyUnverified { get; set; }
    }
}
