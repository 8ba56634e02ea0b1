namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// How a network attempt ended. Port probes expect most attempts to fail, so failures are values,
    /// not exceptions (exceptions are slow and allocate on nanoFramework).
    /// </summary>
    public enum ConnectOutcome
    {
        Connected = 0,
        /// <summary>The host answered with a reset: it is up, the port is closed.</summary>
        Refused = 1,
        /// <summary>No answer within the time bound.</summary>
        TimedOut = 2,
        /// <summary>No route, host down, or the name did not resolve.</summary>
        Unreachable = 3,
        /// <summary>The address or port is not valid.</summary>
        InvalidAddress = 4,
        /// <summary>Anything else the platform reported.</summary>
        Failed = 5,
    }
}
