namespace FlaxGuard.Engine.Drift
{
    /// <summary>How one fact differs from the approved baseline. Values are flags so rules can name several.</summary>
    public enum DriftKind
    {
        Added = 1,
        Removed = 2,
        Changed = 4,
    }
}
