using FlaxGuard.Engine.Platform;
using Microsoft.Win32.SafeHandles;

namespace FlaxGuard.Platform;

/// <summary>
/// <see cref="IBlobReader"/> over files: either every valid store key in a directory (the same layout as
/// <see cref="DirectoryKeyValueStore"/>), or one file served under one name. Reads are positional
/// (no shared file pointer); the handle of the last file used stays open until <see cref="Dispose"/>.
/// </summary>
public sealed class FileBlobReader : IBlobReader, IDisposable
{
    private readonly string? _directory;
    private readonly string? _singleName;
    private readonly string? _singlePath;
    private readonly object _gate = new();
    private string? _openName;
    private SafeFileHandle? _handle;

    private FileBlobReader(string? directory, string? singleName, string? singlePath)
    {
        _directory = directory;
        _singleName = singleName;
        _singlePath = singlePath;
    }

    /// <summary>Serves the files of <paramref name="directory"/>, one per store key.</summary>
    public static FileBlobReader InDirectory(string directory) => new(Path.GetFullPath(directory), null, null);

    /// <summary>Serves the file at <paramref name="path"/> under <paramref name="name"/> only.</summary>
    public static FileBlobReader SingleFile(string path, string name)
    {
        if (!StoreKeys.IsValid(name)) throw new ArgumentException($"'{name}' is not a valid storage key", nameof(name));
        return new FileBlobReader(null, name, Path.GetFullPath(path));
    }

    public long Length(string name)
    {
        var path = PathFor(name);
        if (path is null) return -1;
        var info = new FileInfo(path);
        return info.Exists ? info.Length : -1;
    }

    public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (offset < 0 || bufferOffset < 0 || count < 0 || bufferOffset > buffer.Length - count) throw new ArgumentOutOfRangeException(nameof(count));
        lock (_gate)
        {
            var handle = HandleFor(name);
            if (handle is null) return 0;
            return RandomAccess.Read(handle, buffer.AsSpan(bufferOffset, count), offset);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _handle?.Dispose();
            _handle = null;
            _openName = null;
        }
    }

    private SafeFileHandle? HandleFor(string name)
    {
        if (_handle is not null && _openName == name) return _handle;
        var path = PathFor(name);
        if (path is null || !File.Exists(path)) return null;
        _handle?.Dispose();
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        _openName = name;
        return _handle;
    }

    private string? PathFor(string name)
    {
        if (_singleName is not null) return name == _singleName ? _singlePath : null;
        if (!StoreKeys.IsValid(name))
            throw new ArgumentException($"'{name}' is not a valid storage key (1-{StoreKeys.MaxLength} of a-z, 0-9, '-', '_', '.')", nameof(name));
        return Path.Combine(_directory!, name);
    }
}
