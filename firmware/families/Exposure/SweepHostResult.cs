using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Exposure
{
    /// <summary>What a sweep found on one host: exposure facts and verdicts, as the single-host probe gives them.</summary>
    public sealed class SweepHostResult
    {
        public SweepHostResult(string host, FactSet facts, Verdict[] verdicts, OpenPort[] openPorts)
        {
            OpenPorts = openPorts;
            Host = host;
            Facts = facts;
            Verdicts = verdicts;
        }

        public string Host { get; private set; }

        public FactSet Facts { get; private set; }

        public Verdict[] Verdicts { get; private set; }

        /// <summary>The open ports with their greeting class and wait (lowest first).</summary>
        public OpenPort[] OpenPorts { get; private set; }
    }
}
