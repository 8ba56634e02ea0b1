namespace FlaxGuard.NanoGate;

/// <summary>The verdict of one gate run over one or more firmware assemblies.</summary>
public sealed class NanoGateResult
{
    public NanoGateResult(
        IReadOnlyList<AssemblyGateResult> assemblies,
        IReadOnlyList<string> generalViolations,
        string coreLibrary,
        IReadOnlyList<string> declarationAssemblies,
        string? metadataProcessor,
        string? metadataProcessorSkipped,
        TimeSpan elapsed)
    {
        Assemblies = assemblies;
        Violations = generalViolations.Concat(assemblies.SelectMany(a => a.Violations)).ToList();
        CoreLibrary = coreLibrary;
        DeclarationAssemblies = declarationAssemblies;
        MetadataProcessor = metadataProcessor;
        MetadataProcessorSkipped = metadataProcessorSkipped;
        Elapsed = elapsed;
    }

    /// <summary>True when there is no violation at all.</summary>
    public bool Passed => Violations.Count == 0;

    /// <summary>One line per violation: <c>NANOGATE: &lt;kind&gt;: &lt;member or type&gt;</c>; problems that belong to no
    /// single assembly (declarations, project graph) first.</summary>
    public IReadOnlyList<string> Violations { get; }

    /// <summary>Each assembly gated, dependencies first.</summary>
    public IReadOnlyList<AssemblyGateResult> Assemblies { get; }

    /// <summary>The source directories of every assembly, as shown in messages.</summary>
    public IReadOnlyList<string> SourceDirectories => Assemblies.SelectMany(a => a.SourceDirectories).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>How many C# files were compiled over all assemblies.</summary>
    public int SourceFileCount => Assemblies.Sum(a => a.SourceFileCount);

    /// <summary>Identity of the corlib compiled against, e.g. "mscorlib 1.17.11.0".</summary>
    public string CoreLibrary { get; }

    /// <summary>Names of the declaration assemblies some gated assembly was compiled against.</summary>
    public IReadOnlyList<string> DeclarationAssemblies { get; }

    /// <summary>The metadata processor folder used, or null when it did not run.</summary>
    public string? MetadataProcessor { get; }

    /// <summary>Why the metadata processor checks were skipped (not found: where to get it), or null when they ran.</summary>
    public string? MetadataProcessorSkipped { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>All violations, one per line (handy in assertion messages).</summary>
    public string Report => string.Join(Environment.NewLine, Violations);

    public AssemblyGateResult Assembly(string name) =>
        Assemblies.FirstOrDefault(a => a.Name == name) ?? throw new KeyNotFoundException("no assembly " + name + " was gated");
}
