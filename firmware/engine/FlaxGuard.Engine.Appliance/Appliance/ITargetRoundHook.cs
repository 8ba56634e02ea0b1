namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Called by <see cref="JobRound"/> after each target's report is queued, when nothing of that target is
    /// referenced any more: the ESP32 runs a compacting garbage collection there (its heap is tens of KB), the
    /// Linux agent may log progress. Return false to end the round early (the appliance is shutting down).
    /// </summary>
    public interface ITargetRoundHook
    {
        bool AfterTarget(int index, int count, TargetSummary summary);
    }
}
