using System.Diagnostics;
using FlaxGuard.NanoGate.Compile;
using FlaxGuard.NanoGate.Inspect;
using FlaxGuard.NanoGate.Layout;
using FlaxGuard.NanoGate.Mdp;
using FlaxGuard.NanoGate.Projects;
using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate;

/// <summary>
/// The nanoFramework gate. For each firmware assembly (an .nfproj under firmware/, dependencies first, or one ad-hoc
/// assembly of named sources): (a) compiles it with Roslyn against the real nanoFramework mscorlib, the compile-only
/// declaration assemblies of the packages it references and the firmware assemblies it references; (b) inspects the
/// metadata for what nanoFramework 1.x cannot run (generics, async, multidimensional arrays, default interface
/// methods, foreign assemblies); (c) runs nanoFramework's metadata processor to make the .pe and holds every table of
/// it to its 64 KiB limit and byte code and strings to their budgets. Every problem is one line
/// <c>NANOGATE: &lt;kind&gt;: ...</c>.
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
        string coreLibraryPath = coreLibrary.FilePath!;
        Version coreLibraryVersion = CoreLibrary.ReadVersion(coreLibraryPath);

        bool adHoc = options.Sources.Count > 0 || options.SourceDirectories.Count > 0;
        var general = new List<string>();
        IReadOnlyList<GateUnit> units = adHoc ? new[] { AdHocUnit(options) } : ProjectUnits(options, root, general);

        DeclarationSet declarations = DeclarationAssemblies.Build(DeclarationDirectories(options, root, adHoc), coreLibrary, root);
        foreach (string error in declarations.Errors) general.Add(Violation.Line(ViolationKind.DeclarationError, error));

        MetadataProcessor? processor = null;
        string? skipped = null;
        if (options.RunMetadataProcessor)
        {
            processor = MetadataProcessorLocator.Locate(options.MetadataProcessorDirectory, root, out string searched);
            if (processor == null)
            {
                skipped = "the metadata processor was not found (looked in " + searched + "); " + MetadataProcessorLocator.WhereToGetIt;
                if (options.RequireMetadataProcessor) general.Add(Violation.Line(ViolationKind.MetadataProcessor, skipped));
            }
        }

        string work = Path.Combine(Path.GetTempPath(), "nanogate-" + Guid.NewGuid().ToString("N"));
        string referenceDirectory = Path.Combine(work, "references");
        string outputDirectory = options.PeOutputDirectory != null ? Path.GetFullPath(options.PeOutputDirectory) : Path.Combine(work, "out");
        var results = new List<AssemblyGateResult>();
        var usedDeclarations = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            Directory.CreateDirectory(referenceDirectory);
            Directory.CreateDirectory(outputDirectory);
            File.Copy(coreLibraryPath, Path.Combine(referenceDirectory, "mscorlib.dll"));
            foreach (DeclaredAssembly declared in declarations.Assemblies)
            {
                File.WriteAllBytes(Path.Combine(referenceDirectory, declared.Name + ".dll"), declared.Image);
            }

            var compiled = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
            var firmwareNames = new HashSet<string>(units.Select(u => u.AssemblyName), StringComparer.Ordinal);
            foreach (GateUnit unit in units)
            {
                var context = new UnitContext(root, coreLibrary, coreLibraryVersion, declarations, compiled, firmwareNames,
                    processor, referenceDirectory, outputDirectory, options.Budget, options.ExtraReferences);
                AssemblyGateResult result = GateOne(unit, context, declarations.Errors.Count == 0);
                results.Add(result);
                foreach (string name in result.References) if (declarations.ByName.ContainsKey(name)) usedDeclarations.Add(name);
            }
        }
        finally
        {
            TryDelete(work);
        }

        return new NanoGateResult(results, general, CoreLibrary.Describe(coreLibrary), usedDeclarations.ToList(),
            processor?.Directory, skipped, stopwatch.Elapsed);
    }

    private sealed record UnitContext(
        string? Root,
        PortableExecutableReference CoreLibrary,
        Version CoreLibraryVersion,
        DeclarationSet Declarations,
        Dictionary<string, MetadataReference> Compiled,
        IReadOnlySet<string> FirmwareNames,
        MetadataProcessor? Processor,
        string ReferenceDirectory,
        string OutputDirectory,
        Pe.PeBudget Budget,
        IList<MetadataReference> ExtraReferences);

    private static AssemblyGateResult GateOne(GateUnit unit, UnitContext context, bool declarationsCompiled)
    {
        string? root = context.Root;
        var violations = new List<string>();
        var sources = CollectSources(unit, root);
        var shownDirectories = unit.SourceDirectories.Select(d => RepositoryLayout.Display(d, root)).ToList();

        if (!declarationsCompiled)
        {
            // The declaration errors are reported once for the run; nothing can be compiled against broken declarations.
            return new AssemblyGateResult(unit.AssemblyName, unit.Kind, shownDirectories, sources.Count, Array.Empty<string>(),
                violations, null, null, null, null);
        }

        // What it compiles against: mscorlib, its packages' declarations, the firmware assemblies it references.
        var references = new List<MetadataReference> { context.CoreLibrary };
        var referenceNames = new List<string>();
        if (unit.Packages == null)
        {
            references.AddRange(context.Declarations.Assemblies.Select(a => a.Reference));
            referenceNames.AddRange(context.Declarations.AssemblyNames);
        }
        else
        {
            foreach (var package in unit.Packages)
            {
                string? problem = PackageProblem(unit, package, context);
                if (problem != null) { violations.Add(Violation.Line(ViolationKind.PackageReference, problem)); continue; }
                if (context.Declarations.ByName.TryGetValue(package.AssemblyName, out DeclaredAssembly? declared))
                {
                    references.Add(declared.Reference);
                    referenceNames.Add(declared.Name);
                }
            }
        }
        foreach (string firmware in unit.FirmwareReferences)
        {
            if (context.Compiled.TryGetValue(firmware, out MetadataReference? reference))
            {
                references.Add(reference);
                referenceNames.Add(firmware);
            }
            else
            {
                violations.Add(Violation.Line(ViolationKind.ProjectError, unit.AssemblyName + ": not compiled because " + firmware + " did not compile"));
            }
        }
        references.AddRange(context.ExtraReferences);

        AssemblyGateResult Result(string? dll = null, string? pe = null, Pe.PeHeader? header = null, MetadataProcessorMeasure? measured = null) =>
            new(unit.AssemblyName, unit.Kind, shownDirectories, sources.Count, referenceNames, violations, dll, pe, header, measured);

        if (violations.Any(v => v.StartsWith(Violation.Line(ViolationKind.ProjectError, ""), StringComparison.Ordinal)))
        {
            return Result();
        }

        byte[]? image = GateCompiler.Compile(unit.AssemblyName, sources, references, root, out var errors);
        foreach (string error in errors) violations.Add(Violation.Line(ViolationKind.CompileError, error));
        if (image == null) return Result();

        context.Compiled[unit.AssemblyName] = MetadataReference.CreateFromImage(image, filePath: unit.AssemblyName + ".dll");
        violations.AddRange(MetadataInspector.Inspect(image, context.FirmwareNames));

        string dllPath = Path.Combine(context.OutputDirectory, unit.AssemblyName + ".dll");
        File.WriteAllBytes(dllPath, image);
        File.WriteAllBytes(Path.Combine(context.ReferenceDirectory, unit.AssemblyName + ".dll"), image);
        if (context.Processor == null) return Result(dllPath);

        string pePath = Path.Combine(context.OutputDirectory, unit.AssemblyName + ".pe");
        MetadataProcessorOutcome outcome = context.Processor.Process(dllPath, pePath, context.ReferenceDirectory);
        if (!outcome.Succeeded)
        {
            violations.Add(Violation.Line(ViolationKind.MetadataProcessor, unit.AssemblyName + ": " + outcome.Message));
            MetadataProcessorMeasure? measured = null;
            if (outcome.Message.Contains("overflow", StringComparison.OrdinalIgnoreCase))
            {
                measured = context.Processor.Measure(dllPath, context.ReferenceDirectory);
                if (measured != null)
                {
                    violations.Add(Violation.Line(ViolationKind.MetadataProcessor, unit.AssemblyName + ": it needs " +
                        Pe.PeBudget.Bytes(measured.ByteCodeBytes) + " of byte code and " + Pe.PeBudget.Bytes(measured.StringBytes) +
                        " of strings (counted over every pass, so overstated); the limit is " + Pe.PeBudget.Bytes(Pe.PeTable.Limit) +
                        " per table, the budget " + Pe.PeBudget.Bytes(context.Budget.ByteCode) + " of byte code and " +
                        Pe.PeBudget.Bytes(context.Budget.Strings) + " of strings"));
                }
            }
            TryDeleteFile(pePath);
            return Result(dllPath, measured: measured);
        }

        byte[] peBytes = File.ReadAllBytes(pePath);
        Pe.PeHeader header = Pe.PeHeader.Parse(peBytes);
        violations.AddRange(context.Budget.Check(unit.AssemblyName, header));
        return Result(dllPath, pePath, header) with { RuntimeRecords = Pe.RuntimeRecordEstimate.For(header, peBytes) };
    }

    /// <summary>Null when the package reference is satisfied: mscorlib of the same major.minor, or a declaration
    /// assembly of that name and major.minor (the device binds references by name and major.minor).</summary>
    private static string? PackageProblem(GateUnit unit, Projects.PackageReference package, UnitContext context)
    {
        string who = unit.AssemblyName + " (" + RepositoryLayout.Display(unit.ProjectPath ?? "", context.Root) + ")";
        if (string.Equals(package.AssemblyName, "mscorlib", StringComparison.Ordinal))
        {
            return SameMajorMinor(package.Version, context.CoreLibraryVersion) ? null
                : who + ": references mscorlib " + package.Version + ", but the gate compiles against mscorlib " + context.CoreLibraryVersion;
        }
        if (!context.Declarations.ByName.TryGetValue(package.AssemblyName, out DeclaredAssembly? declared))
        {
            return who + ": references " + package.AssemblyName + " " + package.Version + ", which no declaration file declares " +
                   "(add one to firmware/NanoDeclarations or firmware/NanoDeclarations.Esp32)";
        }
        return SameMajorMinor(package.Version, declared.Version) ? null
            : who + ": references " + package.AssemblyName + " " + package.Version + ", but its declaration assembly is version " +
              declared.Version + "; the device binds references by name and major.minor, so they must agree";
    }

    private static bool SameMajorMinor(Version a, Version b) => a.Major == b.Major && a.Minor == b.Minor;

    private static GateUnit AdHocUnit(NanoGateOptions options) => new(
        options.AssemblyName ?? NanoGateOptions.AdHocAssemblyName, "sources",
        options.SourceDirectories.Select(Path.GetFullPath).ToList(), options.Sources.ToList(),
        Packages: null, FirmwareReferences: Array.Empty<string>(), ProjectPath: null);

    private static IReadOnlyList<GateUnit> ProjectUnits(NanoGateOptions options, string? root, List<string> general)
    {
        string firmware = options.FirmwareDirectory != null
            ? Path.GetFullPath(options.FirmwareDirectory)
            : Path.Combine(RequireRoot(root, "firmware/*.nfproj"), RepositoryLayout.FirmwareDirectory);
        if (!Directory.Exists(firmware)) throw new NanoGateUsageException("firmware directory not found: " + firmware);

        IReadOnlyList<string> paths = NanoProjectGraph.Find(firmware);
        if (paths.Count == 0) throw new NanoGateUsageException("no .nfproj file under " + RepositoryLayout.Display(firmware, root));

        var graph = NanoProjectGraph.Load(paths, p => RepositoryLayout.Display(p, root));
        foreach (string error in graph.Errors) general.Add(Violation.Line(ViolationKind.ProjectError, error));

        IReadOnlyList<NanoProject> selected = options.Target switch
        {
            NanoGateTarget.Engine => graph.Ordered.Where(p => !p.IsExe).ToList(),
            NanoGateTarget.Esp32App => graph.WithDependencies(graph.Ordered.Where(p => p.IsExe)),
            _ => graph.Ordered,
        };
        if (selected.Count == 0 && graph.Errors.Count == 0)
        {
            throw new NanoGateUsageException("no " + (options.Target == NanoGateTarget.Engine ? "Library" : "Exe") +
                " .nfproj under " + RepositoryLayout.Display(firmware, root) + " for --target " +
                (options.Target == NanoGateTarget.Engine ? "engine" : "esp32"));
        }

        var byPath = graph.Ordered.ToDictionary(p => p.ProjectPath, StringComparer.Ordinal);
        return selected.Select(p => new GateUnit(p.AssemblyName, p.OutputKind, p.SourceDirectories, Array.Empty<NanoGateSource>(),
            p.PackageReferences, p.ProjectReferences.Select(r => byPath[r].AssemblyName).ToList(), p.ProjectPath)).ToList();
    }

    private static List<string> DeclarationDirectories(NanoGateOptions options, string? root, bool adHoc)
    {
        var directories = new List<string>();
        if (options.UseDefaultDeclarations)
        {
            directories.Add(Path.Combine(RequireRoot(root, "firmware/NanoDeclarations"), RepositoryLayout.DeclarationsDirectory));
            // Projects pick their packages by <Reference>; ad-hoc sources get the app's packages only for --target esp32.
            if (!adHoc || options.Target == NanoGateTarget.Esp32App)
            {
                directories.Add(Path.Combine(RequireRoot(root, "firmware/NanoDeclarations.Esp32"), RepositoryLayout.Esp32DeclarationsDirectory));
            }
        }
        foreach (string directory in options.DeclarationDirectories) directories.Add(Path.GetFullPath(directory));
        return directories.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<NanoGateSource> CollectSources(GateUnit unit, string? root)
    {
        var sources = new List<NanoGateSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string directory in unit.SourceDirectories)
        {
            IReadOnlyList<string> files = SourceCollector.Collect(directory);
            if (files.Count == 0) throw new NanoGateUsageException("no C# files in " + RepositoryLayout.Display(directory, root));
            foreach (string file in files)
            {
                if (seen.Add(file)) sources.Add(new NanoGateSource(file, File.ReadAllText(file)));
            }
        }
        sources.AddRange(unit.ExtraSources);
        return sources;
    }

    private static string RequireRoot(string? root, string what)
    {
        if (root != null) return root;
        throw new NanoGateUsageException(
            "cannot find " + what + ": no " + RepositoryLayout.SolutionFileName + " in the current directory or above it; " +
            "run the gate inside the FlaxGuard repository or name the directories explicitly (--source, --declarations).");
    }

    private static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is not worth failing the gate for */ }
        catch (UnauthorizedAccessException) { }
    }

    private static void TryDeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
