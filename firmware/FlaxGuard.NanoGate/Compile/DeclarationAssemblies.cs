using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FlaxGuard.NanoGate.Layout;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>The declaration assemblies compiled from the declaration directories, or why they could not be.</summary>
public sealed class DeclarationSet
{
    public DeclarationSet(IReadOnlyList<DeclaredAssembly> assemblies, IReadOnlyList<string> errors)
    {
        Assemblies = assemblies;
        Errors = errors;
        ByName = assemblies.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>Every declaration assembly that compiled, sorted by name.</summary>
    public IReadOnlyList<DeclaredAssembly> Assemblies { get; }

    public IReadOnlyDictionary<string, DeclaredAssembly> ByName { get; }

    public IReadOnlyList<MetadataReference> References => Assemblies.Select(a => a.Reference).ToList();
    public IReadOnlyList<string> AssemblyNames => Assemblies.Select(a => a.Name).ToList();

    /// <summary>Problems with the declarations themselves (header, compile errors, reference cycles).</summary>
    public IReadOnlyList<string> Errors { get; }
}

/// <summary>
/// Compiles each group of declaration files that name the same assembly into its own in-memory assembly with that name,
/// referencing mscorlib and the declaration assemblies listed in its header. Results are cached for the process by the
/// content of the files, so many gate runs (tests) compile them once.
/// </summary>
public static class DeclarationAssemblies
{
    private static readonly ConcurrentDictionary<string, Lazy<DeclarationSet>> Cache = new(StringComparer.Ordinal);

    public static DeclarationSet Build(IReadOnlyList<string> directories, PortableExecutableReference coreLibrary, string? repositoryRoot)
    {
        var files = new List<string>();
        foreach (string directory in directories)
        {
            if (!Directory.Exists(directory)) throw new NanoGateUsageException("declaration directory not found: " + directory);
            files.AddRange(SourceCollector.Collect(directory));
        }

        string key = CacheKey(files, coreLibrary);
        return Cache.GetOrAdd(key, _ => new Lazy<DeclarationSet>(() => Compile(files, coreLibrary, repositoryRoot))).Value;
    }

    private static string CacheKey(IReadOnlyList<string> files, PortableExecutableReference coreLibrary)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes((coreLibrary.FilePath ?? "") + "\n"));
        foreach (string file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFullPath(file) + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
            hash.AppendData(new byte[] { 0 });
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static DeclarationSet Compile(IReadOnlyList<string> files, PortableExecutableReference coreLibrary, string? repositoryRoot)
    {
        var errors = new List<string>();
        var groups = new SortedDictionary<string, List<DeclarationFile>>(StringComparer.Ordinal);

        foreach (string file in files)
        {
            string shown = RepositoryLayout.Display(file, repositoryRoot);
            DeclarationFile? declaration = DeclarationFile.Read(file, shown, out string? error);
            if (declaration == null) { errors.Add(error!); continue; }
            if (string.Equals(declaration.AssemblyName, "mscorlib", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(shown + ": declares mscorlib; the real nanoFramework.CoreLibrary mscorlib is used, never a declaration of it");
                continue;
            }
            if (!groups.TryGetValue(declaration.AssemblyName, out var group)) groups[declaration.AssemblyName] = group = new List<DeclarationFile>();
            group.Add(declaration);
        }

        var built = new Dictionary<string, DeclaredAssembly>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        foreach (string name in groups.Keys) BuildOne(name);

        var names = built.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new DeclarationSet(names.Select(n => built[n]).ToList(), errors);

        bool BuildOne(string name)
        {
            if (built.ContainsKey(name)) return true;
            if (failed.Contains(name)) return false;
            if (!visiting.Add(name))
            {
                errors.Add("declaration assemblies reference each other in a cycle through " + name);
                failed.Add(name);
                return false;
            }

            List<DeclarationFile> group = groups[name];
            var references = new List<MetadataReference> { coreLibrary };
            bool ok = true;
            foreach (string dependency in group.SelectMany(f => f.References).Distinct(StringComparer.Ordinal))
            {
                if (string.Equals(dependency, "mscorlib", StringComparison.OrdinalIgnoreCase)) continue;
                if (!groups.ContainsKey(dependency))
                {
                    errors.Add(name + ": '" + DeclarationFile.ReferencesKey + "' names " + dependency + ", which no declaration file declares");
                    ok = false;
                    continue;
                }
                if (BuildOne(dependency)) references.Add(built[dependency].Reference);
                else
                {
                    errors.Add(name + ": not compiled because " + dependency + " failed");
                    ok = false;
                }
            }
            visiting.Remove(name);
            if (!ok) { failed.Add(name); return false; }

            var trees = group.Select(f => NanoCompilation.Parse(f.Text, f.Path)).ToList();
            var compilation = CSharpCompilation.Create(name, trees, references, NanoCompilation.CompilationOptions);
            byte[]? image = NanoCompilation.Emit(compilation, out var diagnostics);
            if (image == null)
            {
                foreach (var diagnostic in diagnostics) errors.Add(DiagnosticFormatter.Format(diagnostic, repositoryRoot));
                failed.Add(name);
                return false;
            }
            built[name] = new DeclaredAssembly(name, compilation.Assembly.Identity.Version, image,
                MetadataReference.CreateFromImage(image, filePath: name + ".dll (declarations)"));
            return true;
        }
    }
}
