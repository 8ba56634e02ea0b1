namespace FlaxGuard.Fuzz;

/// <summary>A parser broke one of its promises (a null without a reason, two answers to the same bytes): a crash.</summary>
public sealed class FuzzContractException(string message) : Exception(message);
