using System;
using System.Collections;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Collects what the probes of one check find. Thread-safe, as port probes add from several threads.</summary>
    public sealed class ProbeOutput
    {
        private readonly FactSet _facts = new FactSet(32);
        private readonly ArrayList _verdicts = new ArrayList();
        private readonly object _gate = new object();
        private int _duplicates;

        public FactSet Facts { get { return _facts; } }

        /// <summary>How many facts were dropped because a probe reported the same key twice.</summary>
        public int DuplicateFacts { get { return _duplicates; } }

        public void AddFact(string key, string value, FactKind kind)
        {
            Fact fact = new Fact(key, value, kind);
            lock (_gate)
            {
                if (!_facts.Add(fact)) _duplicates++;
            }
        }

        public void AddVerdict(Verdict verdict)
        {
            if (verdict == null) throw new ArgumentNullException("verdict");
            lock (_gate)
            {
                _verdicts.Add(verdict);
            }
        }

        public int VerdictCount { get { return _verdicts.Count; } }

        public Verdict[] Verdicts()
        {
            lock (_gate)
            {
                Verdict[] result = new Verdict[_verdicts.Count];
                _verdicts.CopyTo(result);
                return result;
            }
        }
    }
}
