namespace FlaxGuard.NanoGate.Layout;

/// <summary>Where things live in the FlaxGuard repository, found from FlaxGuard.sln.</summary>
public static class RepositoryLayout
{
    public const string SolutionFileName = "FlaxGuard.sln";

    /// <summary>Where the firmware .nfproj files live, relative to the repository root.</summary>
    public const string FirmwareDirectory = "firmware";

    /// <summary>The engine sources, relative to the repository root.</summary>
    public static readonly string EngineDirectory = Path.Combine("firmware", "FlaxGuard.Engine");

    /// <summary>The ESP32 application sources, relative to the repository root.</summary>
    public static readonly string Esp32Directory = Path.Combine("firmware", "FlaxGuard.Esp32");

    /// <summary>Declarations of the packages only the ESP32 application uses (Wi-Fi, HTTP, sockets, GPIO, ...), relative to
    /// the repository root. Kept apart from <see cref="DeclarationsDirectory"/> so the engine cannot reach them.</summary>
    public static readonly string Esp32DeclarationsDirectory = Path.Combine("firmware", "NanoDeclarations.Esp32");

    /// <summary>The compile-only nanoFramework declarations, relative to the repository root.</summary>
    public static readonly string DeclarationsDirectory = Path.Combine("firmware", "NanoDeclarations");

    /// <summary>The folder holding FlaxGuard.sln: walks up from the current directory, then from the gate's own folder.
    /// Null when neither is inside the repository.</summary>
    public static string? FindRepositoryRoot()
    {
        return FindUpwards(Directory.GetCurrentDirectory()) ?? FindUpwards(AppContext.BaseDirectory);
    }

    /// <summary>The first folder at or above <paramref name="start"/> that holds FlaxGuard.sln, or null.</summary>
    public static string? FindUpwards(string start)
    {
        DirectoryInfo? dir = new DirectoryInfo(Path.GetFullPath(start));
        while (dir != null)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName))) return dir.FullName;
            dir = dir.Parent;
        }
        return null;
    }

    /// <summary>A path for messages: relative to the repository root when inside it, with forward slashes.</summary>
    public static string Display(string path, string? repositoryRoot)
    {
        string full = Path.GetFullPath(path);
        if (repositoryRoot != null)
        {
            string relative = Path.GetRelativePath(repositoryRoot, full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) full = relative;
        }
        return full.Replace('\\', '/');
    }
}
