namespace FlaxGuard.NanoGate.Pe;

/// <summary>The bytes are not a nanoFramework 1.x .pe the gate can read (wrong marker, truncated, tables out of order).</summary>
public sealed class PeFormatException : Exception
{
    public PeFormatException(string message) : base(message) { }
}
