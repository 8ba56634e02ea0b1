using System.Collections;
using System.Text;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Holds the probe's facts until every menu was read (a partly read router is "could not verify", not half a
    /// fact set). Two items that map to one key (two dst-nat rules for one port on different interfaces, one key
    /// for two users) keep both values, sorted, so neither hides the other and list order never matters.
    /// </summary>
    public sealed class RouterOsFactBuffer
    {
        private readonly Hashtable _values = new Hashtable();
        private readonly Hashtable _kinds = new Hashtable();
        private readonly ArrayList _keys = new ArrayList();

        public int Count { get { return _keys.Count; } }

        public void Add(string key, string value, FactKind kind)
        {
            string clean = FactText.Clean(value, Fact.MaxValueLength);
            ArrayList values = (ArrayList)_values[key];
            if (values == null)
            {
                values = new ArrayList();
                _values[key] = values;
                _kinds[key] = kind;
                _keys.Add(key);
            }
            if (!values.Contains(clean)) values.Add(clean);
        }

        /// <summary>The value as it will be reported, or null.</summary>
        public string Get(string key)
        {
            ArrayList values = (ArrayList)_values[key];
            return values == null ? null : Join(values);
        }

        public void CopyTo(ProbeOutput output)
        {
            for (int i = 0; i < _keys.Count; i++)
            {
                string key = (string)_keys[i];
                output.AddFact(key, Join((ArrayList)_values[key]), (FactKind)_kinds[key]);
            }
        }

        private static string Join(ArrayList values)
        {
            if (values.Count == 1) return (string)values[0];
            string[] sorted = new string[values.Count];
            for (int i = 0; i < values.Count; i++)
            {
                string v = (string)values[i];
                int at = i;
                while (at > 0 && Ordinal.Compare(sorted[at - 1], v) > 0)
                {
                    sorted[at] = sorted[at - 1];
                    at--;
                }
                sorted[at] = v;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(sorted[i]);
            }
            return FactText.Clean(sb.ToString(), Fact.MaxValueLength);
        }
    }
}
