namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Gathers facts before they are reported, so two uci sections that describe the same thing (two redirects
    /// of one port, two dropbear instances) merge into one value, sorted, whatever order the device lists them in.
    /// </summary>
    public sealed class OpenWrtFactSheet : FactWorkspace
    {
        // A stock router gives about 70 facts (69 for the lab twin's factory state, persistence reads included): room
        // for them from the start, where 64 made the table double (2.6 KB) for the last few.
        private const int ExpectedKeys = 80;

        private ShellFetch _fetch;

        public OpenWrtFactSheet() : base(", ", ExpectedKeys)
        {
        }

        /// <summary>
        /// The download finder every script of the run is read with (crontab, boot scripts, the login profile), reset
        /// for each: its buffers are made once per run, not once per script.
        /// </summary>
        public ShellFetch Fetch
        {
            get
            {
                if (_fetch == null) _fetch = new ShellFetch();
                return _fetch;
            }
        }
    }
}
