using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Gathers facts before they are reported, so two uci sections that describe the same thing (two redirects
    /// of one port, two dropbear instances) merge into one value, sorted, whatever order the device lists them in.
    /// </summary>
    public sealed class OpenWrtFactSheet
    {
        private readonly MergedFacts _facts = new MergedFacts(", ");

        private readonly TextBuilder _text = new TextBuilder(64);
        private TextDigest _digest;

        /// <summary>The run's one buffer for assembling keys and values (cleared by whoever uses it).</summary>
        internal TextBuilder Text { get { return _text; } }

        /// <summary>The run's one hasher for short text digests, made on first use.</summary>
        internal TextDigest Digest
        {
            get
            {
                if (_digest == null) _digest = new TextDigest();
                return _digest;
            }
        }

        public int Count { get { return _facts.Count; } }

        /// <summary>Adds one value under a key; values of one key are joined with ", " in sorted order.</summary>
        public void Add(string key, string value, FactKind kind)
        {
            _facts.Add(key, value, kind);
        }

        public bool Contains(string key)
        {
            return _facts.Contains(key);
        }

        /// <summary>The merged value of a key, or null.</summary>
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
