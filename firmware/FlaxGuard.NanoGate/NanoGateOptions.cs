using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate;

/// <summary>What the gate compiles and against what. Everything is optional: the defaults gate the engine.</summary>
public sealed class NanoGateOptions
{
    /// <summary>Directories whose *.cs files (recursively, skipping bin/ and obj/) are compiled together.
    /// Empty and no <see cref="Sources"/>: firmware/FlaxGuard.Engine of the repository.</summary>
    public IList<string> SourceDirectories { get; } = new List<string>();

    /// <summary>In-memory sources compiled together with the source directories (tests feed snippets here).</summary>
    public IList<NanoGateSource> Sources { get; } = new List<NanoGateSource>();

    /// <summary>Extra declaration directories, used on top of firmware/NanoDeclarations (see <see cref="UseDefaultDeclarations"/>).</summary>
    public IList<string> DeclarationDirectories { get; } = new List<string>();

    /// <summary>Whether firmware/NanoDeclarations of the repository is used. Default true.</summary>
    public bool UseDefaultDeclarations { get; set; } = true;

    /// <summary>Extra compiled references handed to the compiler as they are (tests use it to prove that a
    /// non-nanoFramework assembly is caught). Real gating never needs it.</summary>
    public IList<MetadataReference> ExtraReferences { get; } = new List<MetadataReference>();

    /// <summary>The repository root (the folder holding FlaxGuard.sln). Null: found by walking up from the
    /// current directory, then from the gate's own folder.</summary>
    public string? RepositoryRoot { get; set; }

    /// <summary>The nanoFramework mscorlib.dll. Null: nano/mscorlib.dll next to the gate.</summary>
    public string? CoreLibraryPath { get; set; }

    /// <summary>Name of the assembly being gated. Null: FlaxGuard.Engine, or FlaxGuard.Esp32 for <see cref="NanoGateTarget.Esp32App"/>.</summary>
    public string? AssemblyName { get; set; }

    /// <summary>What is gated when no source directory is named. Default: the engine alone.</summary>
    public NanoGateTarget Target { get; set; } = NanoGateTarget.Engine;
}
