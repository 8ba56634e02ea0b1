namespace FlaxGuard.TestSupport;

/// <summary>A directory under /tmp that is deleted with everything in it.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string purpose)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fg-{purpose}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
