using System;
using System.Collections;
using System.Text;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Facts a probe gathers before reporting them, where two items may give one key (two redirects of one port,
    /// one key for two users): each key keeps its distinct values (cleaned), reported sorted and joined with the
    /// separator, so list order on the device never matters. Keys stay in the order first added. Arrays instead of
    /// hash tables: a probe has tens of keys, and a key with one value costs no list at all.
    /// </summary>
    public sealed class MergedFacts
    {
        /// <summary>Keys made room for when the caller names no number: enough for about 20 facts without growing.</summary>
        public const int DefaultKeys = 24;

        private readonly string _separator;
        private string[] _keys;
        // A string for one value, an ArrayList once a second distinct value arrives.
        private object[] _values;
        private FactKind[] _kinds;
        private int _count;

        public MergedFacts(string separator) : this(separator, DefaultKeys)
        {
        }

        /// <param name="initialKeys">Room made at once (1 to 256; the tables still double beyond it).</param>
        public MergedFacts(string separator, int initialKeys)
        {
            if (separator == null) throw new ArgumentNullException("separator");
            if (initialKeys < 1 || initialKeys > 256) throw new ArgumentOutOfRangeException("initialKeys");
            _separator = separator;
            _keys = new string[initialKeys];
            _values = new object[initialKeys];
            _kinds = new FactKind[initialKeys];
        }

        public int Count { get { return _count; } }

        /// <summary>Adds a value (cleaned to a fact value) under a key; the kind of the first value of a key stays.</summary>
        public void Add(string key, string value, FactKind kind)
        {
            Add(IndexOf(key), key, null, value, kind);
        }

        /// <summary>As <see cref="Add(string, string, FactKind)"/> with the key held in <paramref name="key"/>: its string is made only for a new key.</summary>
        public void Add(TextBuilder key, string value, FactKind kind)
        {
            if (key == null) throw new ArgumentNullException("key");
            int at = -1;
            for (int i = 0; i < _count && at < 0; i++)
            {
                if (key.ContentEquals(_keys[i])) at = i;
            }
            Add(at, null, key, value, kind);
        }

        // Adds under key number at, or under a new key (the string, else the builder's text) when at is -1.
        private void Add(int at, string key, TextBuilder keyText, string value, FactKind kind)
        {
            string clean = FactText.Clean(value, Fact.MaxValueLength);
            if (at < 0)
            {
                if (_count == _keys.Length) Grow();
                _keys[_count] = key != null ? key : keyText.ToString();
                _values[_count] = clean;
                _kinds[_count] = kind;
                _count++;
                return;
            }
            object held = _values[at];
            string single = held as string;
            if (single != null)
            {
                if (single == clean) return;
                ArrayList list = new ArrayList();
                list.Add(single);
                list.Add(clean);
                _values[at] = list;
                return;
            }
            ArrayList values = (ArrayList)held;
            if (!values.Contains(clean)) values.Add(clean);
        }

        public bool Contains(string key)
        {
            return IndexOf(key) >= 0;
        }

        /// <summary>The value as it will be reported, or null when the key has none.</summary>
        public string Value(string key)
        {
            int at = IndexOf(key);
            return at < 0 ? null : Joined(_values[at]);
        }

        public void CopyTo(ProbeOutput output)
        {
            // All at once: the output's tables grow once to fit instead of doubling along the way.
            output.ReserveFacts(_count);
            for (int i = 0; i < _count; i++) output.AddFact(_keys[i], Joined(_values[i]), _kinds[i]);
        }

        private int IndexOf(string key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] == key) return i;
            }
            return -1;
        }

        private string Joined(object held)
        {
            string single = held as string;
            if (single != null) return single;
            ArrayList values = (ArrayList)held;
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
                if (i > 0) sb.Append(_separator);
                sb.Append(sorted[i]);
            }
            return FactText.Clean(sb.ToString(), Fact.MaxValueLength);
        }

        private void Grow()
        {
            int size = _keys.Length * 2;
            string[] keys = new string[size];
            object[] values = new object[size];
            FactKind[] kinds = new FactKind[size];
            Array.Copy(_keys, 0, keys, 0, _count);
            Array.Copy(_values, 0, values, 0, _count);
            Array.Copy(_kinds, 0, kinds, 0, _count);
            _keys = keys;
            _values = values;
            _kinds = kinds;
        }
    }
}
