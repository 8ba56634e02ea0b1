using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>What one report says about one checked device: its facts and the verdicts on them.</summary>
    public sealed class ReportTarget
    {
        public ReportTarget(string targetId, FactSet facts, Verdict[] verdicts)
        {
            if (targetId == null || targetId.Length == 0) throw new ArgumentException("target id is empty", "targetId");
            if (facts == null) throw new ArgumentNullException("facts");
            if (verdicts == null) throw new ArgumentNullException("verdicts");
            TargetId = targetId;
            Facts = facts;
            Verdicts = verdicts;
        }

        public string TargetId { get; private set; }

        public FactSet Facts { get; private set; }

        public Verdict[] Verdicts { get; private set; }
    }
}
