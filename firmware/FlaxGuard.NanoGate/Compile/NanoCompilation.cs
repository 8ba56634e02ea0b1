using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>The compiler settings shared by the gated sources and the declaration assemblies: C# 13 (the engine's
/// LangVersion), nullable off, no unsafe code, and the symbol the nanoFramework build defines.</summary>
public static class NanoCompilation
{
    /// <summary>Defined by the nanoFramework project system for every nanoFramework 1.x build.</summary>
    public const string NanoFrameworkSymbol = "NANOFRAMEWORK_1_0";

    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(LanguageVersion.CSharp13, DocumentationMode.Parse, SourceCodeKind.Regular,
            new[] { NanoFrameworkSymbol });

    public static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Disable,
            allowUnsafe: false,
            deterministic: true,
            concurrentBuild: true);

    public static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, ParseOptions, path);

    /// <summary>Emits <paramref name="compilation"/> to memory: the image, or null plus the error diagnostics.</summary>
    public static byte[]? Emit(Compilation compilation, out IReadOnlyList<Diagnostic> errors)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return result.Success ? stream.ToArray() : null;
    }
}
