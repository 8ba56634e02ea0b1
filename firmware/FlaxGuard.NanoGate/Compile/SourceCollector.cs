namespace FlaxGuard.NanoGate.Compile;

/// <summary>Finds the C# files of a source directory: recursively, skipping bin/ and obj/ (build output).</summary>
public static class SourceCollector
{
    private static readonly string[] SkippedDirectories = { "bin", "obj" };

    /// <summary>Every *.cs under <paramref name="directory"/>, sorted for a stable compile order.</summary>
    public static IReadOnlyList<string> Collect(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new NanoGateUsageException("source directory not found: " + directory);
        }
        var files = new List<string>();
        Walk(new DirectoryInfo(directory), files);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Walk(DirectoryInfo dir, List<string> files)
    {
        foreach (FileInfo file in dir.EnumerateFiles("*.cs"))
        {
            files.Add(file.FullName);
        }
        foreach (DirectoryInfo sub in dir.EnumerateDirectories())
        {
            if (Array.Exists(SkippedDirectories, s => string.Equals(s, sub.Name, StringComparison.OrdinalIgnoreCase))) continue;
            if ((sub.Attributes & FileAttributes.ReparsePoint) != 0) continue;
            Walk(sub, files);
        }
    }
}
