using System;
using System.Collections;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// Walks one subtree with GETBULK (or GETNEXT), collecting the rows under it. Bounded in rows and time;
    /// stops at the end of the subtree, at endOfMibView, and at an OID that does not increase.
    /// </summary>
    public sealed class SnmpWalker
    {
        private readonly SnmpSession _session;
        private readonly uint[][] _one = new uint[1][];

        public SnmpWalker(SnmpSession session)
        {
            if (session == null) throw new ArgumentNullException("session");
            _session = session;
        }

        /// <summary>The agent's error-status when the walk ended with <see cref="SnmpWalkEnd.AgentError"/>.</summary>
        public int LastErrorStatus { get; private set; }

        /// <summary>
        /// Adds each row under <paramref name="root"/> to <paramref name="rows"/> as an <see cref="SnmpVarBind"/>.
        /// <paramref name="maxRepetitions"/> of 0 walks with GETNEXT.
        /// </summary>
        public SnmpWalkEnd Walk(uint[] root, int maxRows, long deadline, int maxRepetitions, ArrayList rows)
        {
            LastErrorStatus = 0;
            uint[] current = root;
            int found = 0;
            int repetitions = maxRepetitions;
            while (true)
            {
                if (_session.Clock.MonotonicMilliseconds >= deadline) return SnmpWalkEnd.TimeLimit;
                _one[0] = current;
                SnmpPdu pdu = repetitions > 0
                    ? _session.Request(BerTag.GetBulkRequest, _one, 1, 0, repetitions)
                    : _session.Request(BerTag.GetNextRequest, _one, 1, 0, 0);
                _one[0] = null;
                if (pdu == null) return _session.Failure == SnmpFailure.TimeLimit ? SnmpWalkEnd.TimeLimit : SnmpWalkEnd.Failed;
                if (pdu.ErrorStatus != SnmpPdu.NoError)
                {
                    // tooBig: ask for fewer rows at once, down to plain GETNEXT.
                    if (pdu.ErrorStatus == SnmpPdu.TooBig && repetitions > 0)
                    {
                        repetitions = repetitions / 2;
                        continue;
                    }
                    // noSuchName from a v1-minded agent means "nothing after this".
                    if (pdu.ErrorStatus == SnmpPdu.NoSuchName) return SnmpWalkEnd.Complete;
                    LastErrorStatus = pdu.ErrorStatus;
                    return SnmpWalkEnd.AgentError;
                }
                SnmpVarBind[] binds = pdu.VarBinds;
                if (binds.Length == 0) return SnmpWalkEnd.Complete;
                for (int i = 0; i < binds.Length; i++)
                {
                    SnmpVarBind vb = binds[i];
                    if (vb.IsException) return SnmpWalkEnd.Complete;
                    if (!SnmpOid.IsUnder(vb.Oid, root)) return SnmpWalkEnd.Complete;
                    if (SnmpOid.Compare(vb.Oid, current) <= 0) return SnmpWalkEnd.NotIncreasing;
                    if (found >= maxRows) return SnmpWalkEnd.RowLimit;
                    rows.Add(vb);
                    found++;
                    current = vb.Oid;
                }
            }
        }
    }
}
