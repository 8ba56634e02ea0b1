using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// A vendor probe's facts until the run ends (see <see cref="MergedFacts"/>), with the run's one text buffer and
    /// one digest for assembling keys and values, so building a fact costs only its final string on a small heap.
    /// </summary>
    public abstract class FactWorkspace
    {
        private readonly MergedFacts _facts;
        private readonly TextBuilder _text = new TextBuilder(64);
        private TextDigest _digest;
        private TextLines _lines;

        protected FactWorkspace(string separator) : this(separator, MergedFacts.DefaultKeys)
        {
        }

        /// <param name="expectedKeys">Keys a typical run gives, so the tables are made once instead of grown by copying.</param>
        protected FactWorkspace(string separator, int expectedKeys)
        {
            _facts = new MergedFacts(separator, expectedKeys);
        }

        /// <summary>The run's one buffer for assembling keys and values (cleared by whoever uses it).</summary>
        public TextBuilder Text { get { return _text; } }

        /// <summary>The run's one hasher for short text digests, made on first use.</summary>
        public TextDigest Digest
        {
            get
            {
                if (_digest == null) _digest = new TextDigest();
                return _digest;
            }
        }

        /// <summary>The run's one line walker, set to <paramref name="text"/> (one reader at a time: finish a text before the next).</summary>
        public TextLines Lines(string text)
        {
            if (_lines == null) _lines = new TextLines(text);
            else _lines.Reset(text);
            return _lines;
        }

        public int Count { get { return _facts.Count; } }

        /// <summary>Adds one value under a key; several values of one key are reported sorted and joined.</summary>
        public void Add(string key, string value, FactKind kind)
        {
            _facts.Add(key, value, kind);
        }

        /// <summary>
        /// Adds one value under the key assembled in <see cref="Text"/>: the key's string is made only the first time,
        /// so a key that many lines give again (one feed server named on every line) costs nothing after the first.
        /// </summary>
        public void AddUnderText(string value, FactKind kind)
        {
            _facts.Add(_text, value, kind);
        }

        public bool Contains(string key)
        {
            return _facts.Contains(key);
        }

        /// <summary>The value as it will be reported, or null.</summary>
        public string Value(string key)
        {
            return _facts.Value(key);
        }

        public void CopyTo(ProbeOutput output)
        {
            _facts.CopyTo(output);
        }
    }
}
