using System;
using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Json
{
    /// <summary>
    /// A parsed document as one flat table of entries over its own copy of the bytes: two ints per value or
    /// member name, in document order, and no string until someone asks for one. On a small heap this costs a
    /// fraction of a tree of objects (the tree needed about 15 bytes per input byte, this about 1 to 2).
    /// Entry layout: word 0 = kind | escaped flag | (text length for scalars and names, child count for arrays and
    /// objects) &lt;&lt; 8; word 1 = first byte of the text for scalars and names, or the entry after the subtree
    /// for arrays and objects. An object's children are name, value, name, value...; a name entry is followed
    /// directly by its value's entry.
    /// Only the parser writes it, and only a fully accepted document is handed out; reading an escaped text once
    /// rewrites it unescaped over its own bytes and clears its escaped flag.
    /// </summary>
    internal sealed class JsonDocument
    {
        internal const int NameKind = 15;
        private const int KindMask = 0x0F;
        private const int EscapedFlag = 0x10;
        private const int CountShift = 8;

        internal const int IntsPerEntry = 2;

        /// <summary>The longest text an entry can describe (its length shares word 0 with the kind).</summary>
        internal const int MaxTextBytes = int.MaxValue >> CountShift;

        private byte[] _data;
        private int[] _entries;
        private int _count;
        // Where a grown or new table is handed back for the next parse; null when the table is this document's own.
        private readonly JsonEntryBuffer _reuse;
        // Counts the parses this object has held (a reused document is refilled): a handle made for an earlier one is void.
        private int _generation;

        internal JsonDocument(byte[] data, int entryCapacity) : this(data, entryCapacity, null)
        {
        }

        internal JsonDocument(byte[] data, int entryCapacity, JsonEntryBuffer reuse)
        {
            _reuse = reuse;
            Refill(data, entryCapacity);
        }

        /// <summary>
        /// Makes this the empty document a new one over <paramref name="data"/> would be, for the next parse with the same
        /// <see cref="JsonEntryBuffer"/>: every handle made for what it held before is void from now on.
        /// </summary>
        internal void Refill(byte[] data, int entryCapacity)
        {
            _data = data;
            _count = 0;
            _generation++;
            JsonEntryBuffer reuse = _reuse;
            int needed = (entryCapacity < 4 ? 4 : entryCapacity) * IntsPerEntry;
            if (reuse != null && reuse.Entries != null && reuse.Entries.Length >= needed)
            {
                // Stale entries past _count are never read: every entry is written before it is counted.
                _entries = reuse.Entries;
            }
            else
            {
                _entries = new int[needed];
                if (reuse != null) reuse.Entries = _entries;
            }
        }

        internal byte[] Data { get { return _data; } }

        internal int Generation { get { return _generation; } }

        /// <summary>The handle cache of the buffer this document was parsed with, or null (a document of its own).</summary>
        internal JsonValue[] Handles { get { return _reuse == null ? null : _reuse.Handles; } }

        internal int EntryCount { get { return _count; } }

        /// <summary>Appends an entry and returns its index.</summary>
        internal int Add(int kind, bool escaped, int start, int end)
        {
            if ((_count + 1) * IntsPerEntry > _entries.Length)
            {
                int[] grown = new int[_entries.Length * 2];
                Array.Copy(_entries, grown, _count * IntsPerEntry);
                _entries = grown;
                if (_reuse != null) _reuse.Entries = grown;
            }
            int at = _count * IntsPerEntry;
            bool container = kind == (int)JsonKind.Array || kind == (int)JsonKind.Object;
            // A container's count and end are filled in by Close; a scalar's text is start and length.
            _entries[at] = container ? kind : kind | (escaped ? EscapedFlag : 0) | ((end - start) << CountShift);
            _entries[at + 1] = container ? 0 : start;
            return _count++;
        }

        /// <summary>Closes an array or object once its children are in: their number and where the subtree ends.</summary>
        internal void Close(int entry, int childCount)
        {
            _entries[entry * IntsPerEntry] = (_entries[entry * IntsPerEntry] & (KindMask | EscapedFlag)) | (childCount << CountShift);
            _entries[entry * IntsPerEntry + 1] = _count;
        }

        internal int KindAt(int entry)
        {
            return _entries[entry * IntsPerEntry] & KindMask;
        }

        internal int CountAt(int entry)
        {
            return _entries[entry * IntsPerEntry] >> CountShift;
        }

        /// <summary>The entry after this one and everything inside it.</summary>
        internal int Next(int entry)
        {
            int kind = KindAt(entry);
            if (kind == (int)JsonKind.Array || kind == (int)JsonKind.Object) return _entries[entry * IntsPerEntry + 1];
            return entry + 1;
        }

        private bool IsEscaped(int entry)
        {
            return (_entries[entry * IntsPerEntry] & EscapedFlag) != 0;
        }

        // Where a scalar's or name's text starts and ends in the data.
        private int Start(int entry)
        {
            return _entries[entry * IntsPerEntry + 1];
        }

        private int End(int entry)
        {
            return _entries[entry * IntsPerEntry + 1] + (_entries[entry * IntsPerEntry] >> CountShift);
        }

        /// <summary>The text of a string, name or number entry, made on each call (already validated by the parser).</summary>
        internal string TextAt(int entry)
        {
            if (IsEscaped(entry)) UnescapeInPlace(entry);
            int start = Start(entry);
            int end = End(entry);
            if (end == start) return "";
            return Encoding.UTF8.GetString(_data, start, end - start);
        }

        /// <summary>
        /// Appends a string, name or number entry's text (the characters <see cref="TextAt"/> gives) to
        /// <paramref name="to"/>, decoding the UTF-8 the parser validated, without a string.
        /// </summary>
        internal void AppendText(int entry, TextBuilder to)
        {
            if (IsEscaped(entry)) UnescapeInPlace(entry);
            int pos = Start(entry);
            int end = End(entry);
            while (pos < end)
            {
                int b = _data[pos];
                if (b < 0x80)
                {
                    to.Append((char)b);
                    pos++;
                    continue;
                }
                int more = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
                int cp = b & (0x3F >> more);
                for (int k = 1; k <= more; k++) cp = (cp << 6) | (_data[pos + k] & 0x3F);
                pos += more + 1;
                if (cp < 0x10000)
                {
                    to.Append((char)cp);
                    continue;
                }
                cp -= 0x10000;
                to.Append((char)(0xD800 + (cp >> 10)));
                to.Append((char)(0xDC00 + (cp & 0x3FF)));
            }
        }

        /// <summary>
        /// Copies an unescaped string's UTF-8 bytes into <paramref name="buffer"/> and gives their count, without making a
        /// string; -1 when the text has escapes or does not fit (the caller then reads it with <see cref="TextAt"/>).
        /// </summary>
        internal int CopyRawText(int entry, byte[] buffer)
        {
            if (IsEscaped(entry)) return -1;
            int start = Start(entry);
            int length = End(entry) - start;
            if (length > buffer.Length) return -1;
            Array.Copy(_data, start, buffer, 0, length);
            return length;
        }

        /// <summary>Whether a string, name or number entry reads exactly <paramref name="text"/>, without making a string.</summary>
        internal bool TextEquals(int entry, string text)
        {
            if (text == null) return false;
            if (IsEscaped(entry)) UnescapeInPlace(entry);
            int pos = Start(entry);
            int end = End(entry);
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    if (pos >= end || _data[pos] != c) return false;
                    pos++;
                    continue;
                }
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    // A lone surrogate has no UTF-8 form, and the parser never accepts one in raw bytes.
                    return false;
                }
                pos = MatchCodePoint(c, pos, end);
                if (pos < 0) return false;
            }
            return pos == end;
        }

        /// <summary>A number entry's text as a plain integer within int range (optional '-', one to ten digits); numbers have no escapes.</summary>
        internal bool TryInteger(int entry, out int result)
        {
            result = 0;
            int pos = Start(entry);
            int end = End(entry);
            bool negative = pos < end && _data[pos] == '-';
            if (negative) pos++;
            if (pos >= end || end - pos > 10) return false;
            long n = 0;
            for (; pos < end; pos++)
            {
                int c = _data[pos];
                if (c < '0' || c > '9') return false;
                n = n * 10 + (c - '0');
            }
            if (negative) n = -n;
            if (n > int.MaxValue || n < int.MinValue) return false;
            result = (int)n;
            return true;
        }

        /// <summary>Whether two name entries are the same name after unescaping.</summary>
        internal bool SameText(int a, int b)
        {
            if (IsEscaped(a)) UnescapeInPlace(a);
            if (IsEscaped(b)) UnescapeInPlace(b);
            int aStart = Start(a);
            int length = End(a) - aStart;
            int bStart = Start(b);
            if (End(b) - bStart != length) return false;
            for (int i = 0; i < length; i++)
            {
                if (_data[aStart + i] != _data[bStart + i]) return false;
            }
            return true;
        }

        /// <summary>
        /// FNV-1a over the UTF-8 form of the unescaped text (unescaped in place first), so a name spelled with and without
        /// escapes hashes alike (strict UTF-8 gives every text exactly one byte form).
        /// </summary>
        internal int TextHash(int entry)
        {
            if (IsEscaped(entry)) UnescapeInPlace(entry);
            uint hash = 2166136261;
            int end = End(entry);
            for (int i = Start(entry); i < end; i++) hash = (hash ^ _data[i]) * 16777619;
            return (int)hash;
        }

        /// <summary>The value entry of the member called <paramref name="name"/> in an object entry, or -1.</summary>
        internal int MemberValue(int objectEntry, string name)
        {
            int count = CountAt(objectEntry);
            int nameEntry = objectEntry + 1;
            for (int i = 0; i < count; i++)
            {
                if (TextEquals(nameEntry, name)) return nameEntry + 1;
                nameEntry = Next(nameEntry + 1);
            }
            return -1;
        }

        private int MatchCodePoint(int cp, int pos, int end)
        {
            int need = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (end - pos < need) return -1;
            int first = need == 2 ? 0xC0 | (cp >> 6) : need == 3 ? 0xE0 | (cp >> 12) : 0xF0 | (cp >> 18);
            if (_data[pos] != first) return -1;
            for (int k = 1; k < need; k++)
            {
                int shift = 6 * (need - 1 - k);
                if (_data[pos + k] != (0x80 | ((cp >> shift) & 0x3F))) return -1;
            }
            return pos + need;
        }

        // The parser checked the string (valid UTF-8, well-formed escapes), so it is unescaped over its own bytes and the
        // entry then describes the plain text: the string is the only allocation, where a separate byte array cost as
        // much again as the text (a file read through rpcd is one long escaped string). Escapes never write more bytes
        // than they take, so writing never overtakes reading; the document's data is its own copy or, parsed in place,
        // a buffer its caller has handed over until the next parse.
        private void UnescapeInPlace(int entry)
        {
            int start = Start(entry);
            int end = End(entry);
            byte[] bytes = _data;
            int length = start;
            int pos = start;
            while (pos < end)
            {
                byte b = _data[pos];
                if (b != '\\')
                {
                    bytes[length++] = b;
                    pos++;
                    continue;
                }
                byte e = _data[pos + 1];
                pos += 2;
                int c;
                switch (e)
                {
                    case (byte)'b': c = '\b'; break;
                    case (byte)'f': c = '\f'; break;
                    case (byte)'n': c = '\n'; break;
                    case (byte)'r': c = '\r'; break;
                    case (byte)'t': c = '\t'; break;
                    case (byte)'u':
                        c = Hex4(pos);
                        pos += 4;
                        break;
                    default: c = e; break;
                }
                // The parser lets a surrogate escape through only as a high-low pair: one 4-byte character.
                if (c >= 0xD800 && c <= 0xDBFF)
                {
                    int code = 0x10000 + ((c - 0xD800) << 10) + (Hex4(pos + 2) - 0xDC00);
                    bytes[length++] = (byte)(0xF0 | (code >> 18));
                    bytes[length++] = (byte)(0x80 | ((code >> 12) & 0x3F));
                    bytes[length++] = (byte)(0x80 | ((code >> 6) & 0x3F));
                    bytes[length++] = (byte)(0x80 | (code & 0x3F));
                    pos += 6;
                    continue;
                }
                if (c < 0x80)
                {
                    bytes[length++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[length++] = (byte)(0xC0 | (c >> 6));
                    bytes[length++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    bytes[length++] = (byte)(0xE0 | (c >> 12));
                    bytes[length++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[length++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            int at = entry * IntsPerEntry;
            _entries[at] = (_entries[at] & KindMask) | ((length - start) << CountShift);
        }

        private int Hex4(int pos)
        {
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _data[pos + i];
                int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                value = (value << 4) | d;
            }
            return value;
        }
    }
}
