namespace FlaxGuard.Engine.Verdicts
{
    /// <summary>How bad a finding is. The order matters: higher is worse.</summary>
    public enum Severity
    {
        None = 0,
        Info = 1,
        Low = 2,
        Medium = 3,
        High = 4,
        Critical = 5,
    }
}
