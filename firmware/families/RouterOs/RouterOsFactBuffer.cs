using System.Collections;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Holds the probe's facts until every menu was read (a partly read router is "could not verify", not half a
    /// fact set). Two items that map to one key (two dst-nat rules for one port on different interfaces, one key
    /// for two users) keep both values, sorted and joined with ',', so neither hides the other and list order never matters.
    /// </summary>
    public sealed class RouterOsFactBuffer : FactWorkspace
    {
        // A stock router gives about 60 facts (tunnels, tasks, reach and issue 13's third-round menus included).
        private const int ExpectedKeys = 64;

        private readonly ArrayList _verdicts = new ArrayList();

        public RouterOsFactBuffer() : base(",", ExpectedKeys)
        {
        }

        /// <summary>Verdicts the facts call for on every check, baseline or not (one per package at most).</summary>
        public ArrayList Verdicts { get { return _verdicts; } }

        /// <summary>The value as it will be reported, or null.</summary>
        public string Get(string key)
        {
            return Value(key);
        }
    }
}
