namespace FlaxGuard.NanoGate;

/// <summary>The verdict of one gate run.</summary>
public sealed class NanoGateResult
{
    public NanoGateResult(
        IReadOnlyList<string> violations,
        IReadOnlyList<string> sourceDirectories,
        int sourceFileCount,
        string coreLibrary,
        IReadOnlyList<string> declarationAssemblies,
        TimeSpan elapsed)
    {
        Violations = violations;
        SourceDirectories = sourceDirectories;
        SourceFileCount = sourceFileCount;
        CoreLibrary = coreLibrary;
        DeclarationAssemblies = declarationAssemblies;
        Elapsed = elapsed;
    }

    /// <summary>True when there is no violation at all.</summary>
    public bool Passed => Violations.Count == 0;

    /// <summary>One line per violation: <c>NANOGATE: &lt;kind&gt;: &lt;member or type&gt;</c>.</summary>
    public IReadOnlyList<string> Violations { get; }

    /// <summary>The source directories gated, as shown in messages (relative to the repository root when inside it).</summary>
    public IReadOnlyList<string> SourceDirectories { get; }

    /// <summary>How many C# files were compiled (directories plus in-memory sources).</summary>
    public int SourceFileCount { get; }

    /// <summary>Identity of the corlib compiled against, e.g. "mscorlib 1.17.11.0".</summary>
    public string CoreLibrary { get; }

    /// <summary>Names of the declaration assemblies compiled against.</summary>
    public IReadOnlyList<string> DeclarationAssemblies { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>All violations, one per line (handy in assertion messages).</summary>
    public string Report => string.Join(Environment.NewLine, Violations);
}
