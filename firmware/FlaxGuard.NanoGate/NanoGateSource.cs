namespace FlaxGuard.NanoGate;

/// <summary>One in-memory C# source. <paramref name="Path"/> is only used in messages (file:line).</summary>
public sealed record NanoGateSource(string Path, string Text);
