namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// Small persistent storage (the I: drive on an ESP32, a directory on Linux). Keys are short names of
    /// lower-case letters, digits, '-', '_' and '.'; a Put replaces the value atomically, so a power cut
    /// leaves either the old value or the new one.
    /// </summary>
    public interface IKeyValueStore
    {
        /// <summary>The stored bytes, or null when the key has no value.</summary>
        byte[] Get(string key);

        void Put(string key, byte[] value);

        /// <summary>Removes the key; returns false when it had no value.</summary>
        bool Delete(string key);

        /// <summary>Every key that has a value.</summary>
        string[] Keys();
    }
}
