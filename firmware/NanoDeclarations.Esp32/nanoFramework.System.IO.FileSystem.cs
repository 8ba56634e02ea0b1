// nanogate-assembly: System.IO.FileSystem
// nanogate-references: System.IO.Streams
//
// Package:  nanoFramework.System.IO.FileSystem 1.1.93 (NuGet), assembly System.IO.FileSystem
// Upstream: https://github.com/nanoframework/System.IO.FileSystem  (System.IO.FileSystem/*.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. On ESP32 the internal flash is drive "I:"
// (LittleFS on the 256 KB config partition of a 4 MB board). Directory.GetFiles has no search-pattern overload;
// Path.Combine takes exactly two strings.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.1.93.0")]

namespace System.IO
{
    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/FileMode.cs
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/FileAccess.cs
    [Flags]
    public enum FileAccess
    {
        Read = 1,
        Write = 2,
        ReadWrite = 3,
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/File.cs
    public static class File
    {
        public static void Delete(string path) { throw new NotImplementedException(); }

        public static bool Exists(string path) { throw new NotImplementedException(); }

        public static void Move(string sourceFileName, string destFileName) { throw new NotImplementedException(); }

        public static byte[] ReadAllBytes(string path) { throw new NotImplementedException(); }

        public static void WriteAllBytes(string path, byte[] bytes) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/Directory.cs
    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path) { throw new NotImplementedException(); }

        public static bool Exists(string path) { throw new NotImplementedException(); }

        public static string[] GetFiles(string path) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/FileAttributes.cs
    [Flags]
    public enum FileAttributes
    {
        ReadOnly = 0x1,
        Hidden = 0x2,
        System = 0x4,
        Directory = 0x10,
        Archive = 0x20,
        Normal = 0x80,
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/FileSystemInfo.cs
    public abstract class FileSystemInfo : MarshalByRefObject
    {
        public FileAttributes Attributes { get { throw new NotImplementedException(); } }

        public virtual string FullName { get { throw new NotImplementedException(); } }

        public string Extension { get { throw new NotImplementedException(); } }

        public abstract bool Exists { get; }

        public abstract string Name { get; }

        public abstract void Delete();

        public virtual void Refresh() { throw new NotImplementedException(); }

        protected abstract void HandleRefreshError();
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/DirectoryInfo.cs
    // (returned by Directory.CreateDirectory; derives from FileSystemInfo)
    public sealed class DirectoryInfo : FileSystemInfo
    {
        public DirectoryInfo(string path) { throw new NotImplementedException(); }

        public override string Name { get { throw new NotImplementedException(); } }

        public override bool Exists { get { throw new NotImplementedException(); } }

        public override void Delete() { throw new NotImplementedException(); }

        protected override void HandleRefreshError() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/Path.cs
    public static class Path
    {
        public static string Combine(string path1, string path2) { throw new NotImplementedException(); }

        public static string GetFileName(string path) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.IO.FileSystem 1.1.93: System.IO.FileSystem/System.IO.FileSystem/FileStream.cs
    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { throw new NotImplementedException(); }

        public FileStream(string path, FileMode mode, FileAccess access) { throw new NotImplementedException(); }

        public override bool CanRead { get { throw new NotImplementedException(); } }

        public override bool CanSeek { get { throw new NotImplementedException(); } }

        public override bool CanWrite { get { throw new NotImplementedException(); } }

        public override long Length { get { throw new NotImplementedException(); } }

        public override long Position { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public string Name { get { throw new NotImplementedException(); } }

        public override void Flush() { throw new NotImplementedException(); }

        public override long Seek(long offset, SeekOrigin origin) { throw new NotImplementedException(); }

        public override void SetLength(long value) { throw new NotImplementedException(); }

        public override int Read(SpanByte buffer) { throw new NotImplementedException(); }

        public override int Read(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }

        public override void Write(byte[] buffer, int offset, int count) { throw new NotImplementedException(); }

        protected override void Dispose(bool disposing) { throw new NotImplementedException(); }
    }
}
