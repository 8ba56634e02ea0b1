using FlaxGuard.NanoGate.Mdp;
using FlaxGuard.NanoGate.Pe;

namespace FlaxGuard.NanoGate;

/// <summary>The verdict on one firmware assembly.</summary>
/// <param name="Name">Assembly name.</param>
/// <param name="Kind">"Library", "Exe" or "sources" (an ad-hoc assembly from --source or in-memory snippets).</param>
/// <param name="SourceDirectories">As shown in messages.</param>
/// <param name="References">Declaration and firmware assemblies it was compiled against (mscorlib always).</param>
/// <param name="Violations">Its violation lines.</param>
/// <param name="DllPath">The compiled .dll, when it compiled.</param>
/// <param name="PePath">The .pe the metadata processor made, when it ran and succeeded.</param>
/// <param name="Pe">The header of that .pe (table sizes and row counts).</param>
/// <param name="Measured">Bytes the processor needed, when it refused the assembly.</param>
/// <param name="RuntimeRecords">Managed heap nanoCLR takes for this assembly's records when it loads it.</param>
public sealed record AssemblyGateResult(
    string Name,
    string Kind,
    IReadOnlyList<string> SourceDirectories,
    int SourceFileCount,
    IReadOnlyList<string> References,
    IReadOnlyList<string> Violations,
    string? DllPath,
    string? PePath,
    PeHeader? Pe,
    MetadataProcessorMeasure? Measured,
    RuntimeRecordEstimate? RuntimeRecords = null)
{
    public bool Passed => Violations.Count == 0;
}
