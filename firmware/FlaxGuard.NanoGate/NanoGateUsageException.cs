namespace FlaxGuard.NanoGate;

/// <summary>The gate cannot run as asked (missing directory, no sources, no mscorlib...). The CLI maps it to exit code 2.
/// The message is meant for people: it says what is wrong and what to do.</summary>
public sealed class NanoGateUsageException : Exception
{
    public NanoGateUsageException(string message) : base(message) { }
}
