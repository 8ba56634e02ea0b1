using System;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Checks
{
    /// <summary>
    /// One check of one device: run each probe, drop volatile facts, compare with the approved baseline.
    /// A probe that throws is reported as "could not verify", never allowed to end the check or pass as OK.
    /// A probe whose login the device refuses, when the baseline holds facts only that login could have read, is
    /// drift of its own (<c>auth.PROBE</c> accepted → refused): someone may have changed the credentials.
    /// </summary>
    public static class TargetCheck
    {
        public static CheckResult Run(ProbeContext context, IProbe[] probes, Baseline baseline, DriftRules rules, VolatileKeyFilter filter)
        {
            if (context == null) throw new ArgumentNullException("context");
            if (probes == null) throw new ArgumentNullException("probes");
            if (rules == null) throw new ArgumentNullException("rules");
            ProbeOutput output = new ProbeOutput();
            bool[] unverified = new bool[probes.Length];
            bool[] refused = new bool[probes.Length];
            for (int i = 0; i < probes.Length; i++)
            {
                int before = output.VerdictCount;
                output.TakeCredentialsRefused();
                try
                {
                    probes[i].Run(context, output);
                }
                catch (Exception e)
                {
                    // Messages of our own exceptions never carry secrets; device text in them is cleaned by Verdict.
                    output.AddVerdict(Verdict.Unverified(probes[i].Name, "the probe failed unexpectedly (" + e.Message + ")."));
                }
                refused[i] = output.TakeCredentialsRefused();
                Verdict[] sofar = output.Verdicts();
                for (int v = before; v < sofar.Length; v++)
                {
                    if (sofar[v].IsUnverified) unverified[i] = true;
                }
            }
            FactSet facts = output.Facts.Without(filter);
            int dropped = output.Facts.Count - facts.Count;
            Verdict[] probeVerdicts = output.Verdicts();
            DriftReport drift = null;
            Verdict[] all = probeVerdicts;
            if (baseline != null)
            {
                FactSet comparable = WithoutUncheckedFacts(baseline.Facts, facts, probes, unverified);
                drift = DriftReport.Compute(comparable, facts, rules);
                drift = AddRefusedLogins(drift, baseline.Facts, probes, refused, rules);
                Verdict[] driftVerdicts = drift.ToVerdicts();
                all = new Verdict[probeVerdicts.Length + driftVerdicts.Length];
                Array.Copy(probeVerdicts, 0, all, 0, probeVerdicts.Length);
                Array.Copy(driftVerdicts, 0, all, probeVerdicts.Length, driftVerdicts.Length);
            }
            return new CheckResult(context.Host, facts, all, drift, dropped);
        }

        /// <summary>
        /// The baseline less the facts a failed probe could not have seen, and less those a partial probe did not look
        /// at this round (<see cref="IProbeCoverage"/>), so they do not show as removed.
        /// </summary>
        private static FactSet WithoutUncheckedFacts(FactSet baseline, FactSet current, IProbe[] probes, bool[] unverified)
        {
            bool any = false;
            for (int i = 0; i < unverified.Length; i++) any |= unverified[i] || probes[i] is IProbeCoverage;
            if (!any) return baseline;
            FactSet kept = new FactSet(baseline.Count);
            for (int f = 0; f < baseline.Count; f++)
            {
                Fact fact = baseline[f];
                if (current.Contains(fact.Key) || (!OwnedByFailedProbe(fact.Key, probes, unverified) && !NotCovered(fact.Key, probes))) kept.Add(fact);
            }
            return kept;
        }

        /// <summary>One change per probe whose login was refused now although the baseline has facts it read after logging in.</summary>
        private static DriftReport AddRefusedLogins(DriftReport drift, FactSet baseline, IProbe[] probes, bool[] refused, DriftRules rules)
        {
            for (int i = 0; i < probes.Length; i++)
            {
                if (!refused[i] || !HasFactsOf(baseline, probes[i])) continue;
                drift = drift.With(DriftReport.Rate(rules, DriftKind.Changed, "auth." + probes[i].Name, FactKind.Config, "accepted", "refused"));
            }
            return drift;
        }

        private static bool HasFactsOf(FactSet facts, IProbe probe)
        {
            string[] prefixes = probe.KeyPrefixes;
            for (int f = 0; f < facts.Count; f++)
            {
                for (int p = 0; p < prefixes.Length; p++)
                {
                    if (Text.Ordinal.StartsWith(facts[f].Key, prefixes[p])) return true;
                }
            }
            return false;
        }

        private static bool NotCovered(string key, IProbe[] probes)
        {
            for (int i = 0; i < probes.Length; i++)
            {
                IProbeCoverage partial = probes[i] as IProbeCoverage;
                if (partial == null) continue;
                string[] prefixes = probes[i].KeyPrefixes;
                for (int p = 0; p < prefixes.Length; p++)
                {
                    if (Text.Ordinal.StartsWith(key, prefixes[p]) && !partial.Covers(key)) return true;
                }
            }
            return false;
        }

        private static bool OwnedByFailedProbe(string key, IProbe[] probes, bool[] unverified)
        {
            for (int i = 0; i < probes.Length; i++)
            {
                if (!unverified[i]) continue;
                string[] prefixes = probes[i].KeyPrefixes;
                for (int p = 0; p < prefixes.Length; p++)
                {
                    if (Text.Ordinal.StartsWith(key, prefixes[p])) return true;
                }
            }
            return false;
        }
    }
}
