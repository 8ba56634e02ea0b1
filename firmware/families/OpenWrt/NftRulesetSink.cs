using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Reads "nft --json list ruleset" output as it streams in, one entry at a time: the answer is
    /// {"nftables": [{"metainfo": ...}, {"table": ...}, {"chain": ...}, {"rule": ...}, ...]} (libnftables' JSON
    /// schema), often larger than any single ubus answer. Each entry of the array is copied into a buffer of up to
    /// <see cref="EntryBytes"/> bytes and parsed alone, so memory is that buffer and one small JSON table whatever
    /// the ruleset's size. The buffer is one lent by the caller (the ubus client's idle answer buffer) or a small one
    /// of its own, replaced by one of <see cref="EntryBytes"/> only when an entry outgrows it. Bounded: nesting depth,
    /// entries, and bytes per entry (a longer entry is counted, not read).
    /// </summary>
    public sealed class NftRulesetSink : ISatisfiableSink
    {
        public const int EntryBytes = 6 * 1024;
        public const int MaxDepth = 24;
        public const int MaxEntries = 2048;

        private static readonly JsonLimits EntryLimits = new JsonLimits(16, 1024, 1024);
        private const string TopKey = "\"nftables\":";

        private readonly NftFacts _facts;
        // Stock entries are a few hundred bytes; fw4 rules with long sets reach a few KB.
        private const int InitialEntryBytes = 1024;

        private byte[] _entry;
        private readonly JsonEntryBuffer _table;
        private readonly char[] _key = new char[16];
        private int _keyLength;
        private int _count;
        private bool _capturing;
        private bool _overflow;
        private bool _inString;
        private bool _escape;
        private bool _inArray;
        private bool _done;
        private int _depth;

        public NftRulesetSink(NftFacts facts) : this(facts, null)
        {
        }

        /// <summary>
        /// Parses each entry into <paramref name="table"/> (null: a table of its own): the ubus client's table, done with
        /// once the ubus calls are, so the ruleset's entries need no second table.
        /// </summary>
        public NftRulesetSink(NftFacts facts, JsonEntryBuffer table) : this(facts, table, null)
        {
        }

        /// <summary>
        /// As above; entries are gathered in <paramref name="scratch"/> (null: a buffer of its own) while they fit it. The
        /// sink writes over it, so it must be free for as long as the sink is written to.
        /// </summary>
        public NftRulesetSink(NftFacts facts, JsonEntryBuffer table, byte[] scratch)
        {
            _facts = facts;
            _table = table == null ? new JsonEntryBuffer() : table;
            _entry = scratch != null && scratch.Length >= InitialEntryBytes ? scratch : new byte[InitialEntryBytes];
        }

        /// <summary>Why the text is not a ruleset, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>Whether the whole document arrived and closed.</summary>
        public bool Complete { get { return _done && Problem == null; } }

        public int Entries { get; private set; }

        /// <summary>Entries longer than <see cref="EntryBytes"/>, skipped.</summary>
        public int Oversized { get; private set; }

        /// <summary>Whether more entries came than <see cref="MaxEntries"/> (the rest were not read).</summary>
        public bool Cut { get; private set; }

        public bool Satisfied { get { return Problem != null || Cut; } }

        public void Write(byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end && !Satisfied; i++) Step(data[i]);
        }

        private void Step(byte c)
        {
            if (_done)
            {
                if (!IsBlank(c)) Fail("there is more text after the ruleset");
                return;
            }
            if (_capturing)
            {
                if (_count >= EntryBytes) _overflow = true;
                else
                {
                    if (_count == _entry.Length) Grow();
                    _entry[_count++] = c;
                }
            }
            if (_inString)
            {
                if (_escape) _escape = false;
                else if (c == '\\') _escape = true;
                else if (c == '"') _inString = false;
                if (_depth == 1 && !_inArray) Key(c);
                return;
            }
            switch (c)
            {
                case (byte)'"':
                    _inString = true;
                    if (_depth == 1 && !_inArray) Key(c);
                    return;
                case (byte)'{':
                case (byte)'[':
                    if (_depth == 0 && c != '{') { Fail("it does not start with an object"); return; }
                    if (_depth == 1)
                    {
                        if (c != '[' || _inArray || !IsTopKey()) { Fail("it has no \"nftables\" array"); return; }
                        _inArray = true;
                    }
                    if (_depth == 2)
                    {
                        if (c != '{') { Fail("an entry of the \"nftables\" array is not an object"); return; }
                        _capturing = true;
                        _overflow = false;
                        _entry[0] = c;
                        _count = 1;
                    }
                    if (++_depth > MaxDepth) Fail("it nests deeper than " + MaxDepth.ToString() + " levels");
                    return;
                case (byte)'}':
                case (byte)']':
                    if (--_depth < 0) { Fail("it closes more than it opens"); return; }
                    if (_capturing && _depth == 2)
                    {
                        _capturing = false;
                        FinishEntry();
                    }
                    if (_depth == 0) _done = true;
                    return;
                default:
                    if (_depth == 1 && !_inArray) Key(c);
                    else if (_depth <= 2 && !_capturing && c != ',' && c != ':' && !IsBlank(c)) Fail("it has text outside the \"nftables\" array's entries");
                    return;
            }
        }

        // Only reached while _entry is shorter than EntryBytes: the next buffer holds any entry that is read at all.
        private void Grow()
        {
            byte[] grown = new byte[EntryBytes];
            System.Array.Copy(_entry, 0, grown, 0, _count);
            _entry = grown;
        }

        private void FinishEntry()
        {
            if (++Entries > MaxEntries)
            {
                Cut = true;
                return;
            }
            if (_overflow)
            {
                Oversized++;
                return;
            }
            string error;
            JsonValue entry = JsonParser.ParseInPlace(_entry, 0, _count, EntryLimits, _table, out error);
            if (entry == null) { Fail("entry " + Entries.ToString() + " is not valid JSON: " + error); return; }
            string problem = _facts.ReadEntry(entry);
            if (problem != null) Fail(problem);
        }

        private void Key(byte c)
        {
            if (IsBlank(c)) return;
            if (_keyLength < _key.Length) _key[_keyLength] = (char)c;
            _keyLength++;
        }

        private bool IsTopKey()
        {
            if (_keyLength != TopKey.Length) return false;
            for (int i = 0; i < TopKey.Length; i++) if (_key[i] != TopKey[i]) return false;
            return true;
        }

        private void Fail(string reason)
        {
            if (Problem == null) Problem = reason;
        }

        private static bool IsBlank(byte c)
        {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }
}
