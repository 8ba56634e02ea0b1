namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>How a table walk ended.</summary>
    public enum SnmpWalkEnd
    {
        /// <summary>The agent moved past the subtree or said endOfMibView: every row was read.</summary>
        Complete = 0,
        /// <summary>The row limit was reached first.</summary>
        RowLimit = 1,
        /// <summary>The walk's time bound ran out first.</summary>
        TimeLimit = 2,
        /// <summary>A request failed; the session says why.</summary>
        Failed = 3,
        /// <summary>The agent returned an OID that did not increase, which would loop forever.</summary>
        NotIncreasing = 4,
        /// <summary>The agent returned an error status.</summary>
        AgentError = 5,
    }
}
