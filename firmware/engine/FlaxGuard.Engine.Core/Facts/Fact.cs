using System;

namespace FlaxGuard.Engine.Facts
{
    /// <summary>
    /// One observation about a device, such as <c>fw.version=23.05.3</c> or <c>net.tcp.23=open</c>.
    /// Keys are printable ASCII without white space or '='; values are at most 512 characters with
    /// no control characters. Probes build keys and values with <see cref="Text.FactText"/>.
    /// </summary>
    public sealed class Fact
    {
        public const int MaxKeyLength = 200;
        public const int MaxValueLength = 512;

        private readonly string _key;
        private readonly string _value;
        private readonly FactKind _kind;

        public Fact(string key, string value, FactKind kind)
        {
            string problem = ProblemWithKey(key);
            if (problem != null) throw new ArgumentException(problem, "key");
            problem = ProblemWithValue(value);
            if (problem != null) throw new ArgumentException(problem, "value");
            if (kind < FactKind.Identity || kind > FactKind.Asset) throw new ArgumentOutOfRangeException("kind");
            _key = key;
            _value = value;
            _kind = kind;
        }

        public string Key { get { return _key; } }

        public string Value { get { return _value; } }

        public FactKind Kind { get { return _kind; } }

        public override string ToString()
        {
            return _key + "=" + _value;
        }

        /// <summary>Why a key is not acceptable, or null when it is.</summary>
        public static string ProblemWithKey(string key)
        {
            if (key == null || key.Length == 0) return "fact key is empty";
            if (key.Length > MaxKeyLength) return "fact key is longer than " + MaxKeyLength.ToString() + " characters";
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (c <= ' ' || c >= (char)0x7F || c == '=') return "fact key has a character that is not printable ASCII, or a space or '='";
            }
            return null;
        }

        /// <summary>Why a value is not acceptable, or null when it is.</summary>
        public static string ProblemWithValue(string value)
        {
            if (value == null) return "fact value is null";
            if (value.Length > MaxValueLength) return "fact value is longer than " + MaxValueLength.ToString() + " characters";
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < ' ' || c == (char)0x7F) return "fact value has a control character";
            }
            return null;
        }
    }
}
