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
        private bool _credentialsRefused;

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

        /// <summary>Adds a fact made earlier (a probe that gathered its facts before reporting them).</summary>
        public void AddFact(Fact fact)
        {
            if (fact == null) throw new ArgumentNullException("fact");
            lock (_gate)
            {
                if (!_facts.Add(fact)) _duplicates++;
            }
        }

        /// <summary>Room for <paramref name="more"/> facts about to be added together (see <see cref="FactSet.Reserve"/>).</summary>
        public void ReserveFacts(int more)
        {
            lock (_gate)
            {
                _facts.Reserve(more);
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

        /// <summary>
        /// A probe calls this, besides its "could not verify" verdict, when the device refused the login it was given
        /// (a definite refusal, not silence or a lockout): the check then compares with what the baseline saw.
        /// </summary>
        public void MarkCredentialsRefused()
        {
            _credentialsRefused = true;
        }

        /// <summary>True once a probe marked a refused login since the last <see cref="TakeCredentialsRefused"/>.</summary>
        public bool CredentialsRefused { get { return _credentialsRefused; } }

        /// <summary>Reads and clears the mark, so the check can tell which probe set it.</summary>
        public bool TakeCredentialsRefused()
        {
            bool refused = _credentialsRefused;
            _credentialsRefused = false;
            return refused;
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
