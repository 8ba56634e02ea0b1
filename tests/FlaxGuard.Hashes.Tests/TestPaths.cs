namespace FlaxGuard.Hashes.Tests;

/// <summary>Where test data and the repository's hashes/ folder are.</summary>
internal static class TestPaths
{
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlaxGuard.sln"))) dir = dir.Parent;
        if (dir is null)
        {
            // Built with --artifacts-path outside the tree: fall back to the source location of this file.
            dir = new DirectoryInfo(Path.GetDirectoryName(SourceFile())!);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FlaxGuard.sln"))) dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root (FlaxGuard.sln) not found");
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    /// <summary>A fresh temporary directory, removed when disposed.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fg-hashes-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string relative) => System.IO.Path.Combine(Path, relative);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
