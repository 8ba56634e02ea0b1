using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate;

/// <summary>What the gate compiles and against what. Everything is optional: the defaults gate every firmware assembly
/// (.nfproj under firmware/) and run the metadata processor when it is found.</summary>
public sealed class NanoGateOptions
{
    /// <summary>Directories whose *.cs files (recursively, skipping bin/ and obj/) are compiled together.
    /// Empty and no <see cref="Sources"/>: the .nfproj assemblies of the repository (see <see cref="Target"/>).</summary>
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

    /// <summary>Name of the ad-hoc assembly made of <see cref="SourceDirectories"/> and <see cref="Sources"/>.
    /// Null: <see cref="AdHocAssemblyName"/>.</summary>
    public string? AssemblyName { get; set; }

    public const string AdHocAssemblyName = "NanoGate.Sources";

    /// <summary>Which .nfproj assemblies are gated (no sources named), or which declarations an ad-hoc assembly gets.</summary>
    public NanoGateTarget Target { get; set; } = NanoGateTarget.All;

    /// <summary>Where each X.dll and the X.pe the metadata processor makes of it are written. Null: a temporary
    /// directory, deleted when the gate is done.</summary>
    public string? PeOutputDirectory { get; set; }

    /// <summary>The metadata processor folder (strict/ and measure/). Null: $FLAXGUARD_NANO_MDP, else
    /// ../shared/tools/nanoframework-mdp beside the repository.</summary>
    public string? MetadataProcessorDirectory { get; set; }

    /// <summary>Whether a missing metadata processor is a violation (CI) rather than a note.</summary>
    public bool RequireMetadataProcessor { get; set; }

    /// <summary>Whether to run the metadata processor at all (when found). Default true.</summary>
    public bool RunMetadataProcessor { get; set; } = true;

    /// <summary>Byte code and string budgets per assembly (48 KiB each).</summary>
    public Pe.PeBudget Budget { get; set; } = Pe.PeBudget.Default;

    /// <summary>Where the .nfproj files are looked for. Null: firmware/ of the repository.</summary>
    public string? FirmwareDirectory { get; set; }
}
