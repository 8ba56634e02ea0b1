using System;
using System.IO;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Storage
{
    /// <summary>
    /// One file per key in a folder of the ESP32's internal LittleFS drive (I:). A put writes "&lt;key&gt;.new" first,
    /// then replaces the old file: a power cut leaves the old value, or both files (then the next read finishes the
    /// swap), never half a value. ".new" files are not valid keys, so they never show up in <see cref="Keys"/>.
    /// The folder shares the 256 KiB drive with the network configuration; see Appliance/StorageBudget.
    /// </summary>
    public sealed class FlashKeyValueStore : IKeyValueStore
    {
        public const string DefaultFolder = "I:\\flaxguard";
        private const string NewSuffix = ".new";

        private readonly string _folder;
        private readonly object _gate = new object();

        public FlashKeyValueStore(string folder)
        {
            if (folder == null || folder.Length == 0) throw new ArgumentException("folder is empty", "folder");
            _folder = folder;
            if (!Directory.Exists(_folder)) Directory.CreateDirectory(_folder);
        }

        public byte[] Get(string key)
        {
            string path = PathFor(key);
            lock (_gate)
            {
                FinishInterruptedPut(path);
                if (!File.Exists(path)) return null;
                return File.ReadAllBytes(path);
            }
        }

        public void Put(string key, byte[] value)
        {
            if (value == null) throw new ArgumentNullException("value");
            string path = PathFor(key);
            string fresh = path + NewSuffix;
            lock (_gate)
            {
                if (File.Exists(fresh)) File.Delete(fresh);
                File.WriteAllBytes(fresh, value);
                if (File.Exists(path)) File.Delete(path);
                File.Move(fresh, path);
            }
        }

        public bool Delete(string key)
        {
            string path = PathFor(key);
            lock (_gate)
            {
                bool existed = File.Exists(path);
                if (existed) File.Delete(path);
                if (File.Exists(path + NewSuffix)) File.Delete(path + NewSuffix);
                return existed;
            }
        }

        public string[] Keys()
        {
            lock (_gate)
            {
                string[] files = Directory.GetFiles(_folder);
                int count = 0;
                string[] keys = new string[files.Length];
                for (int i = 0; i < files.Length; i++)
                {
                    string name = Path.GetFileName(files[i]);
                    if (StoreKeys.IsValid(name) && !EndsWithNew(name)) keys[count++] = name;
                }
                string[] result = new string[count];
                Array.Copy(keys, result, count);
                return result;
            }
        }

        private void FinishInterruptedPut(string path)
        {
            // Both present: the put stopped before deleting the old file; the new one is complete (it was written first).
            // Only ".new" present: it stopped between delete and rename.
            string fresh = path + NewSuffix;
            if (!File.Exists(fresh)) return;
            if (File.Exists(path)) File.Delete(path);
            File.Move(fresh, path);
        }

        private static bool EndsWithNew(string name)
        {
            return name.Length > NewSuffix.Length && name.Substring(name.Length - NewSuffix.Length) == NewSuffix;
        }

        private string PathFor(string key)
        {
            if (!StoreKeys.IsValid(key)) throw new ArgumentException("not a valid storage key", "key");
            return _folder + "\\" + key;
        }
    }
}
