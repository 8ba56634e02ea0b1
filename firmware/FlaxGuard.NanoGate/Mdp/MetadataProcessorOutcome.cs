namespace FlaxGuard.NanoGate.Mdp;

/// <summary>What one run of the processor did: wrote the .pe, or refused the assembly with its own message.</summary>
public sealed record MetadataProcessorOutcome(bool Succeeded, string Message, string Output);

/// <summary>What the measure variant found an assembly needs, when the strict one refused it.</summary>
public sealed record MetadataProcessorMeasure(long ByteCodeBytes, long StringBytes);
