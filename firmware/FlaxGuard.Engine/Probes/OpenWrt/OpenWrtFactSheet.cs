using System.Collections;
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
        private readonly Hashtable _values = new Hashtable();
        private readonly Hashtable _kinds = new Hashtable();
        private readonly ArrayList _keys = new ArrayList();

        public int Count { get { return _keys.Count; } }

        /// <summary>Adds one value under a key; values of one key are joined with ", " in sorted order.</summary>
        public void Add(string key, string value, FactKind kind)
        {
            ArrayList values = (ArrayList)_values[key];
            if (values == null)
            {
                values = new ArrayList();
                _values[key] = values;
                _kinds[key] = kind;
                _keys.Add(key);
            }
            values.Add(FactText.Clean(value, Fact.MaxValueLength));
        }

        public bool Contains(string key)
        {
            return _values.Contains(key);
        }

        /// <summary>The merged value of a key, or null.</summary>
        public string Value(string key)
        {
            ArrayList values = (ArrayList)_values[key];
            return values == null ? null : FactText.Clean(UciText.SortedJoin(values, ", "), Fact.MaxValueLength);
        }

        public void CopyTo(ProbeOutput output)
        {
            for (int i = 0; i < _keys.Count; i++)
            {
                string key = (string)_keys[i];
                output.AddFact(key, Value(key), (FactKind)_kinds[key]);
            }
        }
    }
}
