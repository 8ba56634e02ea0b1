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

        public RouterOsFactBuffer() : base(",", ExpectedKeys)
        {
        }

        /// <summary>The value as it will be reported, or null.</summary>
        public string Get(string key)
        {
            return Value(key);
        }
    }
}
