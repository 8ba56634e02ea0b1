using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Holds the probe's facts until every menu was read (a partly read router is "could not verify", not half a
    /// fact set). Two items that map to one key (two dst-nat rules for one port on different interfaces, one key
    /// for two users) keep both values, sorted and joined with ',', so neither hides the other and list order never matters.
    /// </summary>
    public sealed class RouterOsFactBuffer
    {
        private readonly MergedFacts _facts = new MergedFacts(",");

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

        public void Add(string key, string value, FactKind kind)
        {
            _facts.Add(key, value, kind);
        }

        /// <summary>The value as it will be reported, or null.</summary>
        public string Get(string key)
        {
            return _facts.Value(key);
        }

        public void CopyTo(ProbeOutput output)
        {
            _facts.CopyTo(output);
        }
    }
}
