using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>Compiles the gated sources against the nanoFramework mscorlib (the only corlib: no .NET reference at all)
/// plus the declaration assemblies.</summary>
public static class GateCompiler
{
    /// <summary>The compiled image, or null and the errors as "file:line: CSxxxx: message".</summary>
    public static byte[]? Compile(
        string assemblyName,
        IReadOnlyList<NanoGateSource> sources,
        IEnumerable<MetadataReference> references,
        string? repositoryRoot,
        out IReadOnlyList<string> errors)
    {
        var trees = new SyntaxTree[sources.Count];
        Parallel.For(0, sources.Count, i => trees[i] = NanoCompilation.Parse(sources[i].Text, sources[i].Path));

        var compilation = CSharpCompilation.Create(assemblyName, trees, references, NanoCompilation.CompilationOptions);
        byte[]? image = NanoCompilation.Emit(compilation, out var diagnostics);
        errors = diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => DiagnosticFormatter.Format(d, repositoryRoot))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return image;
    }
}
