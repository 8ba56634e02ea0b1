using FlaxGuard.NanoGate.Projects;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>One assembly to compile: from an .nfproj, or ad hoc from named source directories and in-memory sources.</summary>
/// <param name="Packages">Packages it references by name and version (.nfproj), or null: every declaration assembly
/// of its directories (ad hoc).</param>
/// <param name="FirmwareReferences">Names of the firmware assemblies it references, compiled before it.</param>
public sealed record GateUnit(
    string AssemblyName,
    string Kind,
    IReadOnlyList<string> SourceDirectories,
    IReadOnlyList<NanoGateSource> ExtraSources,
    IReadOnlyList<PackageReference>? Packages,
    IReadOnlyList<string> FirmwareReferences,
    string? ProjectPath);
