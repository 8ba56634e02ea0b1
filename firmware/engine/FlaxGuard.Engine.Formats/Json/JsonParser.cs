using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Json
{
    /// <summary>
    /// Strict RFC 8259 parser for answers from checked devices. Refuses instead of guessing: bad UTF-8,
    /// lone surrogates, control characters in strings, duplicate member names (two parsers could read them
    /// differently), trailing data, and anything beyond the limits. Recursion depth is bounded by MaxDepth.
    /// The result is a <see cref="JsonDocument"/> table over a copy of the bytes: no object or string per value.
    /// </summary>
    public sealed class JsonParser
    {
        // Objects with more members than this look for duplicate names through a hash table instead of a scan.
        private const int LinearDuplicateScan = 24;

        // Not readonly: a parser kept in a JsonEntryBuffer is refilled for the next answer (see For).
        private byte[] _data;
        private int _end;
        private JsonLimits _limits;
        private JsonDocument _doc;
        private int _pos;
        private int _values;
        private string _error;

        private JsonParser()
        {
        }

        /// <summary>A parser set up for these bytes: the one kept in <paramref name="reuse"/>, refilled, or a new one.</summary>
        private static JsonParser For(byte[] data, int offset, int count, JsonLimits limits, JsonEntryBuffer reuse)
        {
            JsonParser parser = reuse != null && reuse.Parser != null ? reuse.Parser : new JsonParser();
            if (reuse != null) reuse.Parser = parser;
            parser._data = data;
            parser._pos = offset;
            parser._end = offset + count;
            parser._limits = limits;
            parser._values = 0;
            parser._error = null;
            // Sized by a counting pass so the table is allocated once and exactly, never grown by copying; bounded by
            // the value limit (a name always precedes a value) so hostile input cannot ask for more.
            int entries = CountEntries(data, offset, count);
            int most = 2 * limits.MaxValues + 1;
            int capacity = entries < most ? entries : most;
            if (reuse != null && reuse.Document != null)
            {
                reuse.Document.Refill(data, capacity);
                parser._doc = reuse.Document;
            }
            else
            {
                parser._doc = new JsonDocument(data, capacity, reuse);
                if (reuse != null) reuse.Document = parser._doc;
            }
            return parser;
        }

        /// <summary>
        /// The number of entries a valid document of these bytes needs: strings (names included), arrays, objects, and
        /// runs of number or literal characters outside strings. For invalid input it is only an estimate; the
        /// document table still grows if the parse needs more before it fails.
        /// </summary>
        private static int CountEntries(byte[] data, int offset, int count)
        {
            int entries = 0;
            bool inString = false;
            bool inScalar = false;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                byte c = data[i];
                if (inString)
                {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                    continue;
                }
                bool scalar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' || (c >= 'A' && c <= 'Z');
                if (scalar && !inScalar) entries++;
                inScalar = scalar;
                if (c == '"')
                {
                    inString = true;
                    entries++;
                }
                else if (c == '{' || c == '[')
                {
                    entries++;
                }
            }
            return entries;
        }

        /// <summary>Parses one document; returns null and a plain-words reason when it is not acceptable JSON.</summary>
        public static JsonValue Parse(byte[] data, int offset, int count, JsonLimits limits, out string error)
        {
            if (!CheckRange(data, offset, count, out error)) return null;
            // The document keeps its own copy: callers reuse their receive buffers for the next answer.
            byte[] own = new byte[count];
            Array.Copy(data, offset, own, 0, count);
            return ParseInPlace(own, 0, count, limits, out error);
        }

        /// <summary>
        /// Like <see cref="Parse"/>, but the values read <paramref name="data"/> itself instead of a copy: for a caller
        /// that is done with every value before it changes those bytes (a probe reading each answer before the next
        /// call refills its buffer), which saves a copy of every answer on a small heap. Reading an escaped string rewrites
        /// it unescaped in those bytes, so they are no longer the JSON text once a value has been read.
        /// </summary>
        public static JsonValue ParseInPlace(byte[] data, int offset, int count, JsonLimits limits, out string error)
        {
            return ParseInPlace(data, offset, count, limits, null, out error);
        }

        /// <summary>
        /// Like <see cref="ParseInPlace(byte[], int, int, JsonLimits, out string)"/>, with the entry table taken from
        /// <paramref name="table"/> when it is large enough (else made and left there for the next parse): for a
        /// caller that reads one answer at a time. Every document parsed earlier with the same table is then void.
        /// </summary>
        public static JsonValue ParseInPlace(byte[] data, int offset, int count, JsonLimits limits, JsonEntryBuffer table, out string error)
        {
            if (!CheckRange(data, offset, count, out error)) return null;
            if (limits == null) limits = JsonLimits.Default;
            // A UTF-8 byte order mark is tolerated (RFC 8259 section 8.1 allows ignoring it).
            if (count >= 3 && data[offset] == 0xEF && data[offset + 1] == 0xBB && data[offset + 2] == 0xBF)
            {
                offset += 3;
                count -= 3;
            }
            if (count > JsonDocument.MaxTextBytes)
            {
                // Far beyond any answer a probe accepts; the entry table describes texts up to this length only.
                error = "the answer is too large to read as JSON (over " + (JsonDocument.MaxTextBytes / (1024 * 1024)).ToString() + " MiB)";
                return null;
            }
            JsonParser parser = For(data, offset, count, limits, table);
            bool parsed = parser.ParseDocument();
            error = parser._error;
            JsonDocument doc = parser._doc;
            // A kept parser holds no reference to the answer bytes between calls.
            parser._data = null;
            return parsed ? JsonValue.At(doc, 0) : null;
        }

        private static bool CheckRange(byte[] data, int offset, int count, out string error)
        {
            error = null;
            if (data != null && offset >= 0 && count >= 0 && offset + count <= data.Length) return true;
            error = "no answer to read";
            return false;
        }

        private bool ParseDocument()
        {
            SkipWhitespace();
            if (_pos >= _end) return Fail("the answer is empty");
            if (!ParseValue(0)) return false;
            SkipWhitespace();
            if (_pos != _end) return Fail("the answer has data after the JSON document");
            return true;
        }

        private bool ParseValue(int depth)
        {
            if (_pos >= _end) return Fail("the answer ends in the middle of a JSON value (truncated)");
            if (++_values > _limits.MaxValues) return Fail("the answer has more than " + _limits.MaxValues.ToString() + " JSON values");
            byte b = _data[_pos];
            if (b == '{') return ParseObject(depth + 1);
            if (b == '[') return ParseArray(depth + 1);
            if (b == '"') return ParseString((int)JsonKind.String);
            if (b == 't') return ParseLiteral("true", JsonKind.True);
            if (b == 'f') return ParseLiteral("false", JsonKind.False);
            if (b == 'n') return ParseLiteral("null", JsonKind.Null);
            if (b == '-' || (b >= '0' && b <= '9')) return ParseNumber();
            return Fail("the answer is not valid JSON (unexpected character at byte " + _pos.ToString() + ")");
        }

        private bool ParseObject(int depth)
        {
            if (depth > _limits.MaxDepth) return Fail("the answer is nested deeper than " + _limits.MaxDepth.ToString() + " levels");
            int entry = _doc.Add((int)JsonKind.Object, false, _pos, 0);
            _pos++;
            int members = 0;
            int[] names = null;
            SkipWhitespace();
            if (_pos < _end && _data[_pos] == '}')
            {
                _pos++;
                _doc.Close(entry, 0);
                return true;
            }
            while (true)
            {
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON object (truncated)");
                if (_data[_pos] != '"') return Fail("the answer is not valid JSON (member name expected at byte " + _pos.ToString() + ")");
                int name = _doc.EntryCount;
                if (!ParseString(JsonDocument.NameKind)) return false;
                if (members < LinearDuplicateScan)
                {
                    if (RepeatsEarlierName(entry, members, name)) return RepeatedName(name);
                }
                else
                {
                    if (names == null) names = NameTable(entry, members);
                    else if (members * 2 >= names.Length) names = Rehash(names, members);
                    if (!AddName(names, name)) return RepeatedName(name);
                }
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON object (truncated)");
                if (_data[_pos] != ':') return Fail("the answer is not valid JSON (':' expected at byte " + _pos.ToString() + ")");
                _pos++;
                SkipWhitespace();
                if (!ParseValue(depth)) return false;
                members++;
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON object (truncated)");
                byte b = _data[_pos++];
                if (b == '}')
                {
                    _doc.Close(entry, members);
                    return true;
                }
                if (b != ',') return Fail("the answer is not valid JSON (',' or '}' expected at byte " + (_pos - 1).ToString() + ")");
            }
        }

        private bool RepeatsEarlierName(int objectEntry, int members, int name)
        {
            int earlier = objectEntry + 1;
            for (int i = 0; i < members; i++)
            {
                if (_doc.SameText(earlier, name)) return true;
                earlier = _doc.Next(earlier + 1);
            }
            return false;
        }

        private bool RepeatedName(int name)
        {
            return Fail("the answer repeats the member name \"" + FactText.Clean(_doc.TextAt(name), 40) + "\"");
        }

        // Open addressing over name entries (stored +1, 0 = empty); kept at most half full.
        private int[] NameTable(int objectEntry, int members)
        {
            int[] table = new int[Capacity(members)];
            int earlier = objectEntry + 1;
            for (int i = 0; i < members; i++)
            {
                AddName(table, earlier);
                earlier = _doc.Next(earlier + 1);
            }
            return table;
        }

        private int[] Rehash(int[] table, int members)
        {
            int[] grown = new int[Capacity(members)];
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i] != 0) AddName(grown, table[i] - 1);
            }
            return grown;
        }

        private static int Capacity(int members)
        {
            int size = 64;
            while (size < members * 4) size *= 2;
            return size;
        }

        /// <summary>False when an equal name is already in the table.</summary>
        private bool AddName(int[] table, int name)
        {
            int mask = table.Length - 1;
            int slot = _doc.TextHash(name) & mask;
            while (table[slot] != 0)
            {
                if (_doc.SameText(table[slot] - 1, name)) return false;
                slot = (slot + 1) & mask;
            }
            table[slot] = name + 1;
            return true;
        }

        private bool ParseArray(int depth)
        {
            if (depth > _limits.MaxDepth) return Fail("the answer is nested deeper than " + _limits.MaxDepth.ToString() + " levels");
            int entry = _doc.Add((int)JsonKind.Array, false, _pos, 0);
            _pos++;
            int items = 0;
            SkipWhitespace();
            if (_pos < _end && _data[_pos] == ']')
            {
                _pos++;
                _doc.Close(entry, 0);
                return true;
            }
            while (true)
            {
                SkipWhitespace();
                if (!ParseValue(depth)) return false;
                items++;
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON array (truncated)");
                byte b = _data[_pos++];
                if (b == ']')
                {
                    _doc.Close(entry, items);
                    return true;
                }
                if (b != ',') return Fail("the answer is not valid JSON (',' or ']' expected at byte " + (_pos - 1).ToString() + ")");
            }
        }

        private bool ParseLiteral(string word, JsonKind kind)
        {
            if (_end - _pos < word.Length) return Fail("the answer ends in the middle of a JSON value (truncated)");
            for (int i = 0; i < word.Length; i++)
            {
                if (_data[_pos + i] != word[i]) return Fail("the answer is not valid JSON (unknown word at byte " + _pos.ToString() + ")");
            }
            _doc.Add((int)kind, false, _pos, _pos + word.Length);
            _pos += word.Length;
            return true;
        }

        // Grammar of RFC 8259 section 6; the text is kept as written.
        private bool ParseNumber()
        {
            int start = _pos;
            if (_data[_pos] == '-') _pos++;
            if (_pos >= _end) return Fail("the answer ends in the middle of a number (truncated)");
            if (_data[_pos] == '0')
            {
                _pos++;
            }
            else if (IsDigit(_data[_pos]))
            {
                while (_pos < _end && IsDigit(_data[_pos])) _pos++;
            }
            else
            {
                return Fail("the answer has a malformed number at byte " + start.ToString());
            }
            if (_pos < _end && _data[_pos] == '.')
            {
                _pos++;
                if (_pos >= _end || !IsDigit(_data[_pos])) return Fail("the answer has a malformed number at byte " + start.ToString());
                while (_pos < _end && IsDigit(_data[_pos])) _pos++;
            }
            if (_pos < _end && (_data[_pos] == 'e' || _data[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _end && (_data[_pos] == '+' || _data[_pos] == '-')) _pos++;
                if (_pos >= _end || !IsDigit(_data[_pos])) return Fail("the answer has a malformed number at byte " + start.ToString());
                while (_pos < _end && IsDigit(_data[_pos])) _pos++;
            }
            if (_pos - start > 64) return Fail("the answer has a number longer than 64 characters");
            _doc.Add((int)JsonKind.Number, false, start, _pos);
            return true;
        }

        /// <summary>Checks a string (a value or a member name) and records where its text lies.</summary>
        private bool ParseString(int kind)
        {
            int start = ++_pos;
            // Fast path: no escapes, one strict UTF-8 check of the raw bytes.
            int scan = _pos;
            while (scan < _end)
            {
                byte c = _data[scan];
                if (c == '"' || c == '\\' || c < 0x20) break;
                scan++;
            }
            if (scan - start > _limits.MaxStringBytes) return Fail("the answer has a string longer than " + _limits.MaxStringBytes.ToString() + " bytes");
            if (scan >= _end) return Fail("the answer ends inside a string (truncated)");
            if (_data[scan] == '"')
            {
                if (!Utf8.IsValid(_data, start, scan - start)) return Fail("the answer has a string that is not valid UTF-8");
                _doc.Add(kind, false, start, scan);
                _pos = scan + 1;
                return true;
            }
            return ParseEscapedString(kind, start);
        }

        private bool ParseEscapedString(int kind, int start)
        {
            int run = start;
            _pos = start;
            while (true)
            {
                if (_pos - start > _limits.MaxStringBytes) return Fail("the answer has a string longer than " + _limits.MaxStringBytes.ToString() + " bytes");
                if (_pos >= _end) return Fail("the answer ends inside a string (truncated)");
                byte c = _data[_pos];
                if (c < 0x20) return Fail("the answer has a control character inside a string");
                if (c != '"' && c != '\\')
                {
                    _pos++;
                    continue;
                }
                if (_pos > run && !Utf8.IsValid(_data, run, _pos - run)) return Fail("the answer has a string that is not valid UTF-8");
                if (c == '"')
                {
                    _doc.Add(kind, true, start, _pos);
                    _pos++;
                    return true;
                }
                _pos++;
                if (!CheckEscape()) return false;
                run = _pos;
            }
        }

        private bool CheckEscape()
        {
            if (_pos >= _end) return Fail("the answer ends inside a string (truncated)");
            byte e = _data[_pos++];
            switch (e)
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                case (byte)'b':
                case (byte)'f':
                case (byte)'n':
                case (byte)'r':
                case (byte)'t': return true;
                case (byte)'u': return CheckUnicodeEscape();
            }
            return Fail("the answer has an unknown escape in a string");
        }

        private bool CheckUnicodeEscape()
        {
            int unit = ReadHex4();
            if (unit < 0) return false;
            if (unit >= 0xDC00 && unit <= 0xDFFF) return Fail("the answer has a lone surrogate escape in a string");
            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                if (_end - _pos < 2 || _data[_pos] != '\\' || _data[_pos + 1] != 'u') return Fail("the answer has a lone surrogate escape in a string");
                _pos += 2;
                int low = ReadHex4();
                if (low < 0) return false;
                if (low < 0xDC00 || low > 0xDFFF) return Fail("the answer has a lone surrogate escape in a string");
            }
            return true;
        }

        private int ReadHex4()
        {
            if (_end - _pos < 4)
            {
                Fail("the answer ends inside a string (truncated)");
                return -1;
            }
            for (int i = 0; i < 4; i++)
            {
                if (!IsHexDigit(_data[_pos + i]))
                {
                    Fail("the answer has a malformed \\u escape in a string");
                    return -1;
                }
            }
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _data[_pos + i];
                value = (value << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            }
            _pos += 4;
            return value;
        }

        private static bool IsHexDigit(byte c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        private static bool IsDigit(byte c)
        {
            return c >= '0' && c <= '9';
        }

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                byte c = _data[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                _pos++;
            }
        }

        private bool Fail(string reason)
        {
            if (_error == null) _error = reason;
            return false;
        }
    }
}
