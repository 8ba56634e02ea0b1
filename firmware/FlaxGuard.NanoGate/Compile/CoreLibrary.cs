using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>The REAL mscorlib.dll of nanoFramework.CoreLibrary 1.17.11, the only corlib the gate compiles against.
/// The build copies it to nano/mscorlib.dll next to the gate; references are cached per path for the process.</summary>
public static class CoreLibrary
{
    /// <summary>Where the build puts it, relative to the gate's output folder.</summary>
    public static readonly string RelativePath = Path.Combine("nano", "mscorlib.dll");

    private static readonly ConcurrentDictionary<string, Lazy<PortableExecutableReference>> Cache =
        new(StringComparer.Ordinal);

    /// <summary>The default location: nano/mscorlib.dll in the application folder or next to this assembly.</summary>
    public static string? FindDefault()
    {
        string[] candidates =
        {
            Path.Combine(AppContext.BaseDirectory, RelativePath),
            Path.Combine(Path.GetDirectoryName(typeof(CoreLibrary).Assembly.Location) ?? ".", RelativePath),
        };
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>The metadata reference for <paramref name="path"/> (or the default), loaded once per process.</summary>
    public static PortableExecutableReference Load(string? path = null)
    {
        string? resolved = path ?? FindDefault();
        if (resolved == null)
        {
            throw new NanoGateUsageException(
                "the nanoFramework mscorlib (" + RelativePath.Replace('\\', '/') + ") is missing next to the gate; " +
                "rebuild firmware/FlaxGuard.NanoGate (it copies it from the nanoFramework.CoreLibrary package).");
        }
        if (!File.Exists(resolved)) throw new NanoGateUsageException("mscorlib not found: " + resolved);

        return Cache.GetOrAdd(Path.GetFullPath(resolved),
            p => new Lazy<PortableExecutableReference>(() => MetadataReference.CreateFromFile(p))).Value;
    }

    private static readonly ConcurrentDictionary<string, string> Descriptions = new(StringComparer.Ordinal);

    /// <summary>"name version" of a corlib reference, e.g. "mscorlib 1.17.11.0".</summary>
    public static string Describe(PortableExecutableReference reference) =>
        Descriptions.GetOrAdd(reference.FilePath!, ReadIdentity);

    /// <summary>The assembly version of the corlib at <paramref name="path"/>.</summary>
    public static Version ReadVersion(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe).GetAssemblyDefinition().Version;
    }

    private static string ReadIdentity(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var def = md.GetAssemblyDefinition();
        return md.GetString(def.Name) + " " + def.Version;
    }
}
