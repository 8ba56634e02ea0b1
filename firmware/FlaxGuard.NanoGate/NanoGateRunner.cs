using System.Diagnostics;
using FlaxGuard.NanoGate.Compile;
using FlaxGuard.NanoGate.Inspect;
using FlaxGuard.NanoGate.Layout;
using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate;

/// <summary>
/// The nanoFramework gate: (a) compiles the sources with Roslyn against the real nanoFramework mscorlib plus the
/// compile-only package declarations, (b) inspects the compiled metadata for generics, async state machines and
/// foreign assemblies. Every problem is one line <c>NANOGATE: &lt;kind&gt;: &lt;member or type&gt;</c>.
/// </summary>
public static class NanoGateRunner
{
    /// <summary>Runs the gate. Throws <see cref="NanoGateUsageException"/> when it cannot run as asked
    /// (missing directory, nothing to compile, repository not found, mscorlib missing).</summary>
    public static NanoGateResult Run(NanoGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();

        string? root = options.RepositoryRoot != null ? Path.GetFullPath(options.RepositoryRoot) : RepositoryLayout.FindRepositoryRoot();
        PortableExecutableReference coreLibrary = CoreLibrary.Load(options.CoreLibraryPath);

        DeclarationSet declarations = DeclarationAssemblies.Build(DeclarationDirectories(options, root), coreLibrary, root);
        var (sources, sourceDirectories) = CollectSources(options, root);

        var violations = new List<string>();
        foreach (string error in declarations.Errors) violations.Add(Violation.Line(ViolationKind.DeclarationError, error));

        if (declarations.Errors.Count == 0)
        {
            var references = new List<MetadataReference> { coreLibrary };
            references.AddRange(declarations.References);
            references.AddRange(options.ExtraReferences);

            byte[]? image = GateCompiler.Compile(AssemblyNameFor(options), sources, references, root, out var errors);
            foreach (string error in errors) violations.Add(Violation.Line(ViolationKind.CompileError, error));
            if (image != null) violations.AddRange(MetadataInspector.Inspect(image));
        }

        return new NanoGateResult(violations, sourceDirectories, sources.Count, CoreLibrary.Describe(coreLibrary),
            declarations.AssemblyNames, stopwatch.Elapsed);
    }

    private static List<string> DeclarationDirectories(NanoGateOptions options, string? root)
    {
        var directories = new List<string>();
        if (options.UseDefaultDeclarations)
        {
            directories.Add(Path.Combine(RequireRoot(root, "firmware/NanoDeclarations"), RepositoryLayout.DeclarationsDirectory));
            if (options.Target == NanoGateTarget.Esp32App)
            {
                directories.Add(Path.Combine(RequireRoot(root, "firmware/NanoDeclarations.Esp32"), RepositoryLayout.Esp32DeclarationsDirectory));
            }
        }
        foreach (string directory in options.DeclarationDirectories) directories.Add(Path.GetFullPath(directory));
        return directories.Distinct(StringComparer.Ordinal).ToList();
    }

    private static (List<NanoGateSource> Sources, List<string> Directories) CollectSources(NanoGateOptions options, string? root)
    {
        var directories = new List<string>();
        if (options.Target == NanoGateTarget.Esp32App)
        {
            // The app and the engine always go in together: the .nfproj compiles the engine sources into the app.
            directories.Add(Path.Combine(RequireRoot(root, "firmware/FlaxGuard.Esp32"), RepositoryLayout.Esp32Directory));
            directories.Add(Path.Combine(RequireRoot(root, "firmware/FlaxGuard.Engine"), RepositoryLayout.EngineDirectory));
        }
        directories.AddRange(options.SourceDirectories.Select(Path.GetFullPath));
        if (directories.Count == 0 && options.Sources.Count == 0)
        {
            directories.Add(Path.Combine(RequireRoot(root, "firmware/FlaxGuard.Engine"), RepositoryLayout.EngineDirectory));
        }

        var sources = new List<NanoGateSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string directory in directories)
        {
            IReadOnlyList<string> files = SourceCollector.Collect(directory);
            if (files.Count == 0) throw new NanoGateUsageException("no C# files in " + RepositoryLayout.Display(directory, root));
            foreach (string file in files)
            {
                if (seen.Add(file)) sources.Add(new NanoGateSource(file, File.ReadAllText(file)));
            }
        }
        sources.AddRange(options.Sources);
        return (sources, directories.Select(d => RepositoryLayout.Display(d, root)).ToList());
    }

    private static string AssemblyNameFor(NanoGateOptions options) =>
        options.AssemblyName ?? (options.Target == NanoGateTarget.Esp32App ? "FlaxGuard.Esp32" : "FlaxGuard.Engine");

    private static string RequireRoot(string? root, string what)
    {
        if (root != null) return root;
        throw new NanoGateUsageException(
            "cannot find " + what + ": no " + RepositoryLayout.SolutionFileName + " in the current directory or above it; " +
            "run the gate inside the FlaxGuard repository or name the directories explicitly (--source, --declarations).");
    }
}
