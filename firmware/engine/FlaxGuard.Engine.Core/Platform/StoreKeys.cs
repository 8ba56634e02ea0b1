namespace FlaxGuard.Engine.Platform
{
    /// <summary>The key syntax every <see cref="IKeyValueStore"/> accepts, checked the same way on every platform.</summary>
    public static class StoreKeys
    {
        public const int MaxLength = 64;

        public static bool IsValid(string key)
        {
            if (key == null || key.Length == 0 || key.Length > MaxLength) return false;
            if (key[0] == '.') return false;
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }
    }
}
