using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>What a whole round found, for the status LED and the log.</summary>
    public sealed class RoundSummary
    {
        public RoundSummary(int targets, int checkedTargets, int queued, Severity highest, bool anyDrift, bool anyUnverified)
        {
            Targets = targets;
            CheckedTargets = checkedTargets;
            Queued = queued;
            Highest = highest;
            AnyDrift = anyDrift;
            AnyUnverified = anyUnverified;
        }

        public int Targets { get; private set; }
        public int CheckedTargets { get; private set; }
        public int Queued { get; private set; }
        public Severity Highest { get; private set; }
        public bool AnyDrift { get; private set; }
        public bool AnyUnverified { get; private set; }
    }
}
