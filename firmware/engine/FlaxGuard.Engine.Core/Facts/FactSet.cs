using System;
using System.Collections;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Facts
{
    /// <summary>
    /// The facts about one device, at most one per key. Its canonical form (sorted by key, ordinal,
    /// length-prefixed UTF-8) is what digests, baselines and reports are built from, so the same
    /// observations always give the same bytes whatever order probes reported them in.
    /// </summary>
    public sealed class FactSet
    {
        /// <summary>Magic that starts the canonical encoding; the digest covers it, so a format change changes every digest.</summary>
        public static readonly byte[] CanonicalMagic = new byte[] { (byte)'F', (byte)'G', (byte)'F', (byte)'1' };

        // A probe's output and its staging sets hold tens of facts: they find a key by scanning, which costs no memory.
        // A key table is made once a set grows past this many facts (baselines, whole devices, the drift benchmark).
        private const int IndexFrom = 128;

        // Null while the set is small.
        private Hashtable _byKey;
        private Fact[] _facts;
        private int _count;
        private bool _sorted = true;

        public FactSet() : this(16)
        {
        }

        public FactSet(int capacity)
        {
            if (capacity < 1) capacity = 1;
            _facts = new Fact[capacity];
            if (capacity > IndexFrom) _byKey = new Hashtable(capacity);
        }

        public int Count { get { return _count; } }

        /// <summary>
        /// Makes room for <paramref name="more"/> facts at once (a probe that reports them together knows how many), so
        /// adding them grows the array and the key table once to the size needed instead of doubling them step by step.
        /// </summary>
        public void Reserve(int more)
        {
            if (more < 1) return;
            int needed = _count + more;
            if (needed <= _facts.Length) return;
            Fact[] grown = new Fact[needed];
            Array.Copy(_facts, 0, grown, 0, _count);
            _facts = grown;
            if (needed > IndexFrom) BuildIndex(needed);
        }

        private void BuildIndex(int capacity)
        {
            Hashtable table = new Hashtable(capacity);
            for (int i = 0; i < _count; i++) table.Add(_facts[i].Key, _facts[i]);
            _byKey = table;
        }

        /// <summary>Adds a fact. Returns false, and keeps the first one, when the key is already present.</summary>
        public bool Add(Fact fact)
        {
            if (fact == null) throw new ArgumentNullException("fact");
            if (Get(fact.Key) != null) return false;
            if (_count == _facts.Length)
            {
                Fact[] grown = new Fact[_facts.Length * 2];
                Array.Copy(_facts, 0, grown, 0, _count);
                _facts = grown;
            }
            if (_count > 0 && _sorted && Ordinal.Compare(_facts[_count - 1].Key, fact.Key) > 0) _sorted = false;
            _facts[_count++] = fact;
            if (_byKey != null) _byKey.Add(fact.Key, fact);
            else if (_count > IndexFrom) BuildIndex(_facts.Length);
            return true;
        }

        public bool Add(string key, string value, FactKind kind)
        {
            return Add(new Fact(key, value, kind));
        }

        /// <summary>The fact with this key, or null.</summary>
        public Fact Get(string key)
        {
            if (key == null) return null;
            if (_byKey != null) return (Fact)_byKey[key];
            for (int i = 0; i < _count; i++)
            {
                if (_facts[i].Key == key) return _facts[i];
            }
            return null;
        }

        public bool Contains(string key)
        {
            return Get(key) != null;
        }

        /// <summary>Empties the set, keeping its storage, so a caller can stage facts again without a new set.</summary>
        public void Clear()
        {
            Array.Clear(_facts, 0, _count);
            if (_byKey != null) _byKey.Clear();
            _count = 0;
            _sorted = true;
        }

        /// <summary>The fact at <paramref name="index"/> in canonical (sorted) order.</summary>
        public Fact this[int index]
        {
            get
            {
                if (index < 0 || index >= _count) throw new ArgumentOutOfRangeException("index");
                EnsureSorted();
                return _facts[index];
            }
        }

        /// <summary>A copy of the facts in canonical order.</summary>
        public Fact[] ToArray()
        {
            EnsureSorted();
            Fact[] copy = new Fact[_count];
            Array.Copy(_facts, 0, copy, 0, _count);
            return copy;
        }

        /// <summary>A new set without the facts the filter calls volatile.</summary>
        public FactSet Without(VolatileKeyFilter filter)
        {
            FactSet kept = new FactSet(_count);
            for (int i = 0; i < _count; i++)
            {
                Fact f = _facts[i];
                if (filter == null || !filter.IsVolatile(f.Key)) kept.Add(f);
            }
            return kept;
        }

        /// <summary>Writes the canonical encoding: magic, count, then per fact kind, key and value.</summary>
        public void WriteCanonical(ByteWriter writer)
        {
            EnsureSorted();
            writer.WriteBytes(CanonicalMagic, 0, CanonicalMagic.Length);
            writer.WriteUInt32((uint)_count);
            for (int i = 0; i < _count; i++)
            {
                Fact f = _facts[i];
                writer.WriteByte((byte)f.Kind);
                writer.WriteString(f.Key);
                writer.WriteString(f.Value);
            }
        }

        public byte[] EncodeCanonical()
        {
            ByteWriter writer = new ByteWriter(64 + _count * 48);
            WriteCanonical(writer);
            return writer.ToArray();
        }

        /// <summary>SHA-256 of the canonical encoding, streamed through a small buffer.</summary>
        public byte[] Digest()
        {
            Sha256 sha = new Sha256();
            ByteWriter writer = new ByteWriter(new byte[512], new HashSink(sha));
            WriteCanonical(writer);
            writer.Flush();
            return sha.Final();
        }

        public string DigestHex()
        {
            return Hex.Encode(Digest());
        }

        /// <summary>Reads a canonical encoding back, refusing anything malformed, duplicated or out of order.</summary>
        public static FactSet DecodeCanonical(ByteReader reader, int maxFacts)
        {
            for (int i = 0; i < CanonicalMagic.Length; i++)
            {
                if (reader.ReadByte() != CanonicalMagic[i]) throw new FormatException("fact set does not start with FGF1");
            }
            uint count = reader.ReadUInt32();
            if (count > (uint)maxFacts) throw new FormatException("fact set holds " + count.ToString() + " facts, more than the limit of " + maxFacts.ToString());
            // Each fact needs at least 9 bytes, so a lying count cannot make us allocate more than the input justifies.
            if (count * 9 > (uint)reader.Remaining) throw new FormatException("fact set count is larger than its data");
            FactSet set = new FactSet((int)count);
            string previous = null;
            for (uint i = 0; i < count; i++)
            {
                byte kind = reader.ReadByte();
                if (kind < (byte)FactKind.Identity || kind > (byte)FactKind.Asset) throw new FormatException("fact kind " + kind.ToString() + " is unknown");
                string key = reader.ReadString(Fact.MaxKeyLength * 3, "fact key");
                string value = reader.ReadString(Fact.MaxValueLength * 3, "fact value");
                string problem = Fact.ProblemWithKey(key);
                if (problem == null) problem = Fact.ProblemWithValue(value);
                if (problem != null) throw new FormatException(problem);
                if (previous != null && Ordinal.Compare(previous, key) >= 0) throw new FormatException("facts are not in canonical order at key " + key);
                set.Add(new Fact(key, value, (FactKind)kind));
                previous = key;
            }
            return set;
        }

        private void EnsureSorted()
        {
            if (_sorted) return;
            FactSorter.Sort(_facts, _count);
            _sorted = true;
        }
    }
}
