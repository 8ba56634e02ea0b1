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
        // Each key's fact with its first value: handed to the output as it is when no other value came, so a fact is
        // made once per key, not once while gathering and again when reporting.
        private Fact[] _facts;
        private int _count;
        // Keys that got a second distinct value: their index and every value, in a short table of their own.
        private int[] _listAt;
        private ArrayList[] _lists;
        private int _listCount;

        public MergedFacts(string separator) : this(separator, DefaultKeys)
        {
        }

        /// <param name="initialKeys">Room made at once (1 to 256; the table still doubles beyond it).</param>
        public MergedFacts(string separator, int initialKeys)
        {
            if (separator == null) throw new ArgumentNullException("separator");
            if (initialKeys < 1 || initialKeys > 256) throw new ArgumentOutOfRangeException("initialKeys");
            _separator = separator;
            _facts = new Fact[initialKeys];
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
                if (key.ContentEquals(_facts[i].Key)) at = i;
            }
            Add(at, null, key, value, kind);
        }

        // Adds under key number at, or under a new key (the string, else the builder's text) when at is -1.
        private void Add(int at, string key, TextBuilder keyText, string value, FactKind kind)
        {
            string clean = FactText.Clean(value, Fact.MaxValueLength);
            if (at < 0)
            {
                if (_count == _facts.Length) Grow();
                _facts[_count++] = new Fact(key != null ? key : keyText.ToString(), clean, kind);
                return;
            }
            ArrayList values = ListOf(at);
            if (values == null)
            {
                string single = _facts[at].Value;
                if (single == clean) return;
                values = new ArrayList();
                values.Add(single);
                values.Add(clean);
                AddList(at, values);
                return;
            }
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
            if (at < 0) return null;
            ArrayList values = ListOf(at);
            return values == null ? _facts[at].Value : Joined(values);
        }

        public void CopyTo(ProbeOutput output)
        {
            // All at once: the output's tables grow once to fit instead of doubling along the way.
            output.ReserveFacts(_count);
            for (int i = 0; i < _count; i++)
            {
                ArrayList values = ListOf(i);
                if (values == null) output.AddFact(_facts[i]);
                else output.AddFact(_facts[i].Key, Joined(values), _facts[i].Kind);
            }
        }

        private int IndexOf(string key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_facts[i].Key == key) return i;
            }
            return -1;
        }

        private ArrayList ListOf(int at)
        {
            for (int i = 0; i < _listCount; i++)
            {
                if (_listAt[i] == at) return _lists[i];
            }
            return null;
        }

        private void AddList(int at, ArrayList values)
        {
            if (_lists == null)
            {
                _listAt = new int[4];
                _lists = new ArrayList[4];
            }
            else if (_listCount == _lists.Length)
            {
                int[] listAt = new int[_listCount * 2];
                ArrayList[] lists = new ArrayList[_listCount * 2];
                Array.Copy(_listAt, 0, listAt, 0, _listCount);
                Array.Copy(_lists, 0, lists, 0, _listCount);
                _listAt = listAt;
                _lists = lists;
            }
            _listAt[_listCount] = at;
            _lists[_listCount++] = values;
        }

        private string Joined(ArrayList values)
        {
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
            Fact[] facts = new Fact[_facts.Length * 2];
            Array.Copy(_facts, 0, facts, 0, _count);
            _facts = facts;
        }
    }
}
