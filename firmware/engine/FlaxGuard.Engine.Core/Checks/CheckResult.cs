using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Checks
{
    /// <summary>Everything one check of one device produced.</summary>
    public sealed class CheckResult
    {
        public CheckResult(string target, FactSet facts, Verdict[] verdicts, DriftReport drift, int volatileDropped)
        {
            Target = target;
            Facts = facts;
            Verdicts = verdicts;
            Drift = drift;
            VolatileDropped = volatileDropped;
            DigestHex = facts.DigestHex();
            Severity highest = Severity.None;
            bool verified = true;
            for (int i = 0; i < verdicts.Length; i++)
            {
                if (verdicts[i].Severity > highest) highest = verdicts[i].Severity;
                if (verdicts[i].IsUnverified) verified = false;
            }
            Highest = highest;
            FullyVerified = verified;
        }

        public string Target { get; private set; }

        /// <summary>Facts after volatile keys were dropped, in canonical order.</summary>
        public FactSet Facts { get; private set; }

        /// <summary>Probe, exposure and drift verdicts together.</summary>
        public Verdict[] Verdicts { get; private set; }

        /// <summary>Differences from the baseline, or null when the check had none.</summary>
        public DriftReport Drift { get; private set; }

        public int VolatileDropped { get; private set; }

        public string DigestHex { get; private set; }

        public Severity Highest { get; private set; }

        /// <summary>False when any probe could not verify what it was asked to.</summary>
        public bool FullyVerified { get; private set; }
    }
}
