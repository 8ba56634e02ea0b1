namespace FlaxGuard.Agent;

/// <summary>The agent cannot start as configured; the message is one line for the user, without secrets.</summary>
public sealed class AgentSetupException(string message) : Exception(message);
