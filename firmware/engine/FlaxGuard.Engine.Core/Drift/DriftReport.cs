using System;
using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Drift
{
    /// <summary>
    /// The differences between an approved baseline and what a device reports now, each rated by the
    /// rules. Computed by one merge walk over both sets in canonical order.
    /// </summary>
    public sealed class DriftReport
    {
        private readonly DriftChange[] _changes;
        private readonly Severity _highest;

        private DriftReport(DriftChange[] changes, Severity highest)
        {
            _changes = changes;
            _highest = highest;
        }

        public int Count { get { return _changes.Length; } }

        public DriftChange this[int index] { get { return _changes[index]; } }

        /// <summary>The worst severity among the changes, None when nothing drifted.</summary>
        public Severity Highest { get { return _highest; } }

        public static DriftReport Compute(FactSet baseline, FactSet current, DriftRules rules)
        {
            if (baseline == null) throw new ArgumentNullException("baseline");
            if (current == null) throw new ArgumentNullException("current");
            if (rules == null) throw new ArgumentNullException("rules");
            ArrayList changes = new ArrayList();
            Severity highest = Severity.None;
            int i = 0, j = 0;
            int nb = baseline.Count, nc = current.Count;
            while (i < nb || j < nc)
            {
                Fact b = i < nb ? baseline[i] : null;
                Fact c = j < nc ? current[j] : null;
                int order = b == null ? 1 : c == null ? -1 : Text.Ordinal.Compare(b.Key, c.Key);
                DriftChange change = null;
                if (order < 0)
                {
                    change = Rate(rules, DriftKind.Removed, b.Key, b.Kind, b.Value, null);
                    i++;
                }
                else if (order > 0)
                {
                    change = Rate(rules, DriftKind.Added, c.Key, c.Kind, null, c.Value);
                    j++;
                }
                else
                {
                    if (b.Value != c.Value) change = Rate(rules, DriftKind.Changed, c.Key, c.Kind, b.Value, c.Value);
                    i++;
                    j++;
                }
                if (change != null)
                {
                    changes.Add(change);
                    if (change.Severity > highest) highest = change.Severity;
                }
            }
            DriftChange[] result = new DriftChange[changes.Count];
            changes.CopyTo(result);
            return new DriftReport(result, highest);
        }

        /// <summary>Every change as a verdict.</summary>
        public Verdict[] ToVerdicts()
        {
            Verdict[] verdicts = new Verdict[_changes.Length];
            for (int i = 0; i < _changes.Length; i++) verdicts[i] = _changes[i].ToVerdict();
            return verdicts;
        }

        /// <summary>This report with one more change (one the fact comparison cannot see, such as a refused login).</summary>
        public DriftReport With(DriftChange change)
        {
            if (change == null) throw new ArgumentNullException("change");
            DriftChange[] changes = new DriftChange[_changes.Length + 1];
            Array.Copy(_changes, changes, _changes.Length);
            changes[_changes.Length] = change;
            return new DriftReport(changes, change.Severity > _highest ? change.Severity : _highest);
        }

        /// <summary>A change rated by the first matching rule, or the fallback.</summary>
        public static DriftChange Rate(DriftRules rules, DriftKind kind, string key, FactKind factKind, string oldValue, string newValue)
        {
            DriftRule rule = rules.Find(kind, key);
            Severity severity = rule == null ? DriftRules.FallbackSeverity : rule.Severity;
            string code = rule == null ? DriftRules.FallbackCode(kind) : rule.Code;
            return new DriftChange(kind, key, factKind, oldValue, newValue, severity, code);
        }
    }
}
