namespace FlaxGuard.Agent.Status;

/// <summary>A place the agent's status is shown: the console, an LED, a small display.</summary>
public interface IStatusOutput : IDisposable
{
    /// <summary>A new status; called by the agent's main loop after each round and host contact.</summary>
    void Show(AgentStatusView view);

    /// <summary>Called often (every few tens of ms) with the monotonic time, for outputs that animate.</summary>
    void Tick(long monotonicMs);
}
