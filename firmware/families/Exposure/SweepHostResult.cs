using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Exposure
{
    /// <summary>What a sweep found on one host: exposure facts and verdicts, as the single-host probe gives them.</summary>
    public sealed class SweepHostResult
    {
        public SweepHostResult(string host, FactSet facts, Verdict[] verdicts)
        {
            Host = host;
            Facts = facts;
            Verdicts = verdicts;
        }

        public string Host { get; private set; }

        public FactSet Facts { get; private set; }

        public Verdict[] Verdicts { get; private set; }
    }
}
