using System;
using System.Collections;
using System.Text;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Json
{
    /// <summary>
    /// Strict RFC 8259 parser for answers from checked devices. Refuses instead of guessing: bad UTF-8,
    /// lone surrogates, control characters in strings, duplicate member names (two parsers could read them
    /// differently), trailing data, and anything beyond the limits. Recursion depth is bounded by MaxDepth.
    /// </summary>
    public sealed class JsonParser
    {
        // Objects with more members than this check duplicates through a Hashtable instead of a linear scan.
        private const int LinearDuplicateScan = 16;

        private readonly byte[] _data;
        private readonly int _end;
        private readonly JsonLimits _limits;
        private int _pos;
        private int _values;
        private string _error;

        private JsonParser(byte[] data, int offset, int count, JsonLimits limits)
        {
            _data = data;
            _pos = offset;
            _end = offset + count;
            _limits = limits;
        }

        /// <summary>Parses one document; returns null and a plain-words reason when it is not acceptable JSON.</summary>
        public static JsonValue Parse(byte[] data, int offset, int count, JsonLimits limits, out string error)
        {
            error = null;
            if (data == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                error = "no answer to read";
                return null;
            }
            if (limits == null) limits = JsonLimits.Default;
            JsonParser parser = new JsonParser(data, offset, count, limits);
            // A UTF-8 byte order mark is tolerated (RFC 8259 section 8.1 allows ignoring it).
            if (count >= 3 && data[offset] == 0xEF && data[offset + 1] == 0xBB && data[offset + 2] == 0xBF) parser._pos += 3;
            JsonValue root = parser.ParseDocument();
            error = parser._error;
            return root;
        }

        private JsonValue ParseDocument()
        {
            SkipWhitespace();
            if (_pos >= _end) return Fail("the answer is empty");
            JsonValue root = ParseValue(0);
            if (root == null) return null;
            SkipWhitespace();
            if (_pos != _end) return Fail("the answer has data after the JSON document");
            return root;
        }

        private JsonValue ParseValue(int depth)
        {
            if (_pos >= _end) return Fail("the answer ends in the middle of a JSON value (truncated)");
            if (++_values > _limits.MaxValues) return Fail("the answer has more than " + _limits.MaxValues.ToString() + " JSON values");
            byte b = _data[_pos];
            if (b == '{') return ParseObject(depth + 1);
            if (b == '[') return ParseArray(depth + 1);
            if (b == '"')
            {
                string s = ParseString();
                return s == null ? null : JsonValue.Scalar(JsonKind.String, s);
            }
            if (b == 't') return ParseLiteral("true", JsonKind.True);
            if (b == 'f') return ParseLiteral("false", JsonKind.False);
            if (b == 'n') return ParseLiteral("null", JsonKind.Null);
            if (b == '-' || (b >= '0' && b <= '9')) return ParseNumber();
            return Fail("the answer is not valid JSON (unexpected character at byte " + _pos.ToString() + ")");
        }

        private JsonValue ParseObject(int depth)
        {
            if (depth > _limits.MaxDepth) return Fail("the answer is nested deeper than " + _limits.MaxDepth.ToString() + " levels");
            _pos++;
            JsonValue obj = JsonValue.NewObject();
            Hashtable names = null;
            SkipWhitespace();
            if (_pos < _end && _data[_pos] == '}')
            {
                _pos++;
                return obj;
            }
            while (true)
            {
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON object (truncated)");
                if (_data[_pos] != '"') return Fail("the answer is not valid JSON (member name expected at byte " + _pos.ToString() + ")");
                string name = ParseString();
                if (name == null) return null;
                if (obj.Count < LinearDuplicateScan)
                {
                    if (obj.HasMember(name)) return Fail("the answer repeats the member name \"" + FactText.Clean(name, 40) + "\"");
                }
                else
                {
                    if (names == null)
                    {
                        names = new Hashtable();
                        for (int i = 0; i < obj.Count; i++) names.Add(obj.KeyAt(i), null);
                    }
                    if (names.Contains(name)) return Fail("the answer repeats the member name \"" + FactText.Clean(name, 40) + "\"");
                    names.Add(name, null);
                }
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON object (truncated)");
                if (_data[_pos] != ':') return Fail("the answer is not valid JSON (':' expected at byte " + _pos.ToString() + ")");
                _pos++;
                SkipWhitespace();
                JsonValue value = ParseValue(depth);
                if (value == null) return null;
                obj.AddMember(name, value);
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON object (truncated)");
                byte b = _data[_pos++];
                if (b == '}') return obj;
                if (b != ',') return Fail("the answer is not valid JSON (',' or '}' expected at byte " + (_pos - 1).ToString() + ")");
            }
        }

        private JsonValue ParseArray(int depth)
        {
            if (depth > _limits.MaxDepth) return Fail("the answer is nested deeper than " + _limits.MaxDepth.ToString() + " levels");
            _pos++;
            JsonValue array = JsonValue.NewArray();
            SkipWhitespace();
            if (_pos < _end && _data[_pos] == ']')
            {
                _pos++;
                return array;
            }
            while (true)
            {
                SkipWhitespace();
                JsonValue item = ParseValue(depth);
                if (item == null) return null;
                array.AddItem(item);
                SkipWhitespace();
                if (_pos >= _end) return Fail("the answer ends inside a JSON array (truncated)");
                byte b = _data[_pos++];
                if (b == ']') return array;
                if (b != ',') return Fail("the answer is not valid JSON (',' or ']' expected at byte " + (_pos - 1).ToString() + ")");
            }
        }

        private JsonValue ParseLiteral(string word, JsonKind kind)
        {
            if (_end - _pos < word.Length) return Fail("the answer ends in the middle of a JSON value (truncated)");
            for (int i = 0; i < word.Length; i++)
            {
                if (_data[_pos + i] != word[i]) return Fail("the answer is not valid JSON (unknown word at byte " + _pos.ToString() + ")");
            }
            _pos += word.Length;
            return JsonValue.Scalar(kind, null);
        }

        // Grammar of RFC 8259 section 6; the text is kept as written.
        private JsonValue ParseNumber()
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
            char[] chars = new char[_pos - start];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)_data[start + i];
            return JsonValue.Scalar(JsonKind.Number, new string(chars));
        }

        private string ParseString()
        {
            int start = ++_pos;
            // Fast path: no escapes, one strict UTF-8 decode of the raw bytes.
            int scan = _pos;
            while (scan < _end)
            {
                byte c = _data[scan];
                if (c == '"' || c == '\\' || c < 0x20) break;
                scan++;
            }
            if (scan - start > _limits.MaxStringBytes) return FailString("the answer has a string longer than " + _limits.MaxStringBytes.ToString() + " bytes");
            if (scan >= _end) return FailString("the answer ends inside a string (truncated)");
            if (_data[scan] == '"')
            {
                string plain = Utf8.TryDecode(_data, start, scan - start);
                if (plain == null) return FailString("the answer has a string that is not valid UTF-8");
                _pos = scan + 1;
                return plain;
            }
            return ParseEscapedString(start);
        }

        private string ParseEscapedString(int start)
        {
            StringBuilder text = new StringBuilder();
            int run = start;
            _pos = start;
            while (true)
            {
                if (_pos - start > _limits.MaxStringBytes) return FailString("the answer has a string longer than " + _limits.MaxStringBytes.ToString() + " bytes");
                if (_pos >= _end) return FailString("the answer ends inside a string (truncated)");
                byte c = _data[_pos];
                if (c < 0x20) return FailString("the answer has a control character inside a string");
                if (c != '"' && c != '\\')
                {
                    _pos++;
                    continue;
                }
                if (!AppendRun(text, run, _pos)) return null;
                if (c == '"')
                {
                    _pos++;
                    return text.ToString();
                }
                _pos++;
                if (!AppendEscape(text)) return null;
                run = _pos;
            }
        }

        private bool AppendRun(StringBuilder text, int from, int to)
        {
            if (to <= from) return true;
            string part = Utf8.TryDecode(_data, from, to - from);
            if (part == null)
            {
                FailString("the answer has a string that is not valid UTF-8");
                return false;
            }
            text.Append(part);
            return true;
        }

        private bool AppendEscape(StringBuilder text)
        {
            if (_pos >= _end)
            {
                FailString("the answer ends inside a string (truncated)");
                return false;
            }
            byte e = _data[_pos++];
            switch (e)
            {
                case (byte)'"': text.Append('"'); return true;
                case (byte)'\\': text.Append('\\'); return true;
                case (byte)'/': text.Append('/'); return true;
                case (byte)'b': text.Append('\b'); return true;
                case (byte)'f': text.Append('\f'); return true;
                case (byte)'n': text.Append('\n'); return true;
                case (byte)'r': text.Append('\r'); return true;
                case (byte)'t': text.Append('\t'); return true;
                case (byte)'u': return AppendUnicodeEscape(text);
            }
            FailString("the answer has an unknown escape in a string");
            return false;
        }

        private bool AppendUnicodeEscape(StringBuilder text)
        {
            int unit = ReadHex4();
            if (unit < 0) return false;
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                FailString("the answer has a lone surrogate escape in a string");
                return false;
            }
            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                if (_end - _pos < 2 || _data[_pos] != '\\' || _data[_pos + 1] != 'u')
                {
                    FailString("the answer has a lone surrogate escape in a string");
                    return false;
                }
                _pos += 2;
                int low = ReadHex4();
                if (low < 0) return false;
                if (low < 0xDC00 || low > 0xDFFF)
                {
                    FailString("the answer has a lone surrogate escape in a string");
                    return false;
                }
                text.Append((char)unit);
                text.Append((char)low);
                return true;
            }
            text.Append((char)unit);
            return true;
        }

        private int ReadHex4()
        {
            if (_end - _pos < 4)
            {
                FailString("the answer ends inside a string (truncated)");
                return -1;
            }
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int d = HexDigit(_data[_pos + i]);
                if (d < 0)
                {
                    FailString("the answer has a malformed \\u escape in a string");
                    return -1;
                }
                value = (value << 4) | d;
            }
            _pos += 4;
            return value;
        }

        private static int HexDigit(byte c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
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

        private JsonValue Fail(string reason)
        {
            if (_error == null) _error = reason;
            return null;
        }

        private string FailString(string reason)
        {
            if (_error == null) _error = reason;
            return null;
        }
    }
}
