namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// A probe that checks only part of its key space in a round (the TCP probe tries every port only in its
    /// inventory rounds). After it ran, baseline facts it does not cover are left out of the comparison: not
    /// checked is not gone.
    /// </summary>
    public interface IProbeCoverage
    {
        /// <summary>True when this run looked at the fact with this key (so its absence means it is gone).</summary>
        bool Covers(string key);
    }
}
