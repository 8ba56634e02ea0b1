using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Platform;

/// <summary>
/// One file per key in a directory. A put writes a temporary file, flushes it to disk and renames it over
/// the old one, so a crash leaves either the old value or the new one, never half of each. Files are created
/// mode 0600 and a new directory 0700: the agent's state (report queue, counters) is its owner's alone.
/// </summary>
public sealed class DirectoryKeyValueStore : IKeyValueStore
{
    private const string TempSuffix = ".tmp";
    private readonly string _directory;

    public DirectoryKeyValueStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(_directory);
        else Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public byte[]? Get(string key)
    {
        var path = PathFor(key);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Put(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathFor(key);
        // A leading dot is not a valid key, so the temporary file can never collide with a real one.
        var temp = Path.Combine(_directory, "." + key + TempSuffix);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(value);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public bool Delete(string key)
    {
        var path = PathFor(key);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    public string[] Keys() =>
        Directory.EnumerateFiles(_directory)
            .Select(Path.GetFileName)
            .Where(name => name is not null && StoreKeys.IsValid(name))
            .Select(name => name!)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private string PathFor(string key)
    {
        if (!StoreKeys.IsValid(key))
            throw new ArgumentException($"'{key}' is not a valid storage key (1-{StoreKeys.MaxLength} of a-z, 0-9, '-', '_', '.')", nameof(key));
        return Path.Combine(_directory, key);
    }
}
