namespace FlaxGuard.Engine.Verdicts
{
    /// <summary>Which question a verdict answers.</summary>
    public enum VerdictKind
    {
        /// <summary>Is the firmware genuine, unknown, or known to be exploited?</summary>
        Firmware = 1,
        /// <summary>Has something changed since the approved baseline?</summary>
        Drift = 2,
        /// <summary>Does the device expose something risky right now?</summary>
        Exposure = 3,
        /// <summary>Could a probe do its job? "Could not verify" is never "OK".</summary>
        Probe = 4,
    }
}
