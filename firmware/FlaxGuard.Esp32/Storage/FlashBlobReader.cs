using System;
using System.IO;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Storage
{
    /// <summary>Ranged reads of a file on the I: drive (the compiled hash database): only the bytes asked for are read.</summary>
    public sealed class FlashBlobReader : IBlobReader
    {
        private readonly string _folder;

        public FlashBlobReader(string folder)
        {
            if (folder == null || folder.Length == 0) throw new ArgumentException("folder is empty", "folder");
            _folder = folder;
        }

        public long Length(string name)
        {
            string path = PathFor(name);
            if (!File.Exists(path)) return -1;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return stream.Length;
            }
        }

        public int Read(string name, long offset, byte[] buffer, int bufferOffset, int count)
        {
            string path = PathFor(name);
            if (!File.Exists(path) || offset < 0) return 0;
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (offset >= stream.Length) return 0;
                stream.Seek(offset, SeekOrigin.Begin);
                int total = 0;
                while (total < count)
                {
                    int got = stream.Read(buffer, bufferOffset + total, count - total);
                    if (got <= 0) break;
                    total += got;
                }
                return total;
            }
        }

        private string PathFor(string name)
        {
            if (!StoreKeys.IsValid(name)) throw new ArgumentException("not a valid file name", "name");
            return _folder + "\\" + name;
        }
    }
}
