namespace FlaxGuard.Engine.Verdicts
{
    /// <summary>
    /// The one rule that turns a check into a monitoring-plugin state (Nagios/Icinga exit codes), used alike by
    /// <c>flaxguard check</c>, <c>flaxguard status</c> and the dashboard: a critical finding is CRITICAL; otherwise
    /// anything that could not be verified is UNKNOWN (what was not seen may be worse than what was); otherwise a
    /// high or medium finding is WARNING; otherwise OK.
    /// </summary>
    public static class MonitoringRule
    {
        public const int Ok = 0;
        public const int Warning = 1;
        public const int Critical = 2;
        public const int Unknown = 3;

        public static int StateOf(Severity highest, bool fullyVerified)
        {
            if (highest == Severity.Critical) return Critical;
            if (!fullyVerified) return Unknown;
            if (highest == Severity.High || highest == Severity.Medium) return Warning;
            return Ok;
        }
    }
}
