using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Json
{
    /// <summary>
    /// One value of a parsed document: a small handle on the document's entry table. Numbers keep the text as
    /// written (no float rounding of ids or versions); object members keep their order, and a name occurs at
    /// most once (the parser refuses duplicates). <see cref="Member"/> and <see cref="Item"/> return a new handle
    /// (for a document parsed with a <see cref="JsonEntryBuffer"/>: a cached one, the same for the same value) and
    /// <see cref="Text"/> a new string on every call, so callers look a value up once and keep it;
    /// <see cref="TextEquals"/>, <see cref="KindAt"/>, <see cref="TextAt"/> and <see cref="TryMemberKind"/> read
    /// without making a handle.
    /// </summary>
    public sealed class JsonValue
    {
        // Not readonly: a handle of a void document is re-aimed by At instead of a new one being made.
        private JsonDocument _doc;
        private int _entry;
        private int _generation;
        // Where the last Item/KeyAt walk stopped, so reading children in order costs one step each.
        private int _cursorOrdinal;
        private int _cursorEntry;

        internal JsonValue(JsonDocument doc, int entry)
        {
            Aim(doc, entry);
        }

        private void Aim(JsonDocument doc, int entry)
        {
            _doc = doc;
            _entry = entry;
            _generation = doc.Generation;
            _cursorOrdinal = 0;
            _cursorEntry = entry + 1;
        }

        /// <summary>
        /// The handle of <paramref name="entry"/>. A document parsed with a <see cref="JsonEntryBuffer"/> takes it from the
        /// buffer's cache: the same handle for an entry asked for again, or one handed out for a document the buffer has
        /// since voided, re-aimed; a handle of the current document is never re-aimed. Else a new one.
        /// </summary>
        internal static JsonValue At(JsonDocument doc, int entry)
        {
            JsonValue[] handles = doc.Handles;
            if (handles == null) return new JsonValue(doc, entry);
            int slot = entry & (handles.Length - 1);
            JsonValue cached = handles[slot];
            if (cached != null)
            {
                bool current = cached._doc == doc && cached._generation == doc.Generation;
                if (!current)
                {
                    cached.Aim(doc, entry);
                    return cached;
                }
                if (cached._entry == entry) return cached;
            }
            JsonValue made = new JsonValue(doc, entry);
            handles[slot] = made;
            return made;
        }

        public JsonKind Kind { get { return (JsonKind)_doc.KindAt(_entry); } }

        public bool IsObject { get { return Kind == JsonKind.Object; } }

        public bool IsArray { get { return Kind == JsonKind.Array; } }

        /// <summary>The string's value, the number as written, "true"/"false"/"null"; null for arrays and objects.</summary>
        public string Text
        {
            get
            {
                switch (Kind)
                {
                    case JsonKind.True: return "true";
                    case JsonKind.False: return "false";
                    case JsonKind.Null: return "null";
                    case JsonKind.Array:
                    case JsonKind.Object: return null;
                    default: return _doc.TextAt(_entry);
                }
            }
        }

        /// <summary>Whether this is a string or number whose text is exactly <paramref name="text"/>.</summary>
        public bool TextEquals(string text)
        {
            JsonKind kind = Kind;
            if (kind != JsonKind.String && kind != JsonKind.Number) return false;
            return _doc.TextEquals(_entry, text);
        }

        /// <summary>Elements of an array or members of an object; 0 for scalars.</summary>
        public int Count
        {
            get
            {
                JsonKind kind = Kind;
                return kind == JsonKind.Array || kind == JsonKind.Object ? _doc.CountAt(_entry) : 0;
            }
        }

        public JsonValue Item(int index)
        {
            return At(_doc, ValueEntry(index));
        }

        /// <summary>Name of the member at an index (objects only).</summary>
        public string KeyAt(int index)
        {
            if (!IsObject) throw new InvalidOperationException("only an object has member names");
            return _doc.TextAt(ChildEntry(index));
        }

        /// <summary>Appends the name of member <paramref name="index"/> to <paramref name="to"/> (what <see cref="KeyAt"/> gives) without a string.</summary>
        public void AppendKeyAt(int index, TextBuilder to)
        {
            if (!IsObject) throw new InvalidOperationException("only an object has member names");
            if (to == null) throw new ArgumentNullException("to");
            _doc.AppendText(ChildEntry(index), to);
        }

        /// <summary>The member with exactly this name, or null when absent or when this is not an object.</summary>
        public JsonValue Member(string name)
        {
            if (!IsObject || name == null) return null;
            int value = _doc.MemberValue(_entry, name);
            return value < 0 ? null : At(_doc, value);
        }

        /// <summary>A string, number or boolean member as text; null when absent, null-valued, an array or an object.</summary>
        public string MemberText(string name)
        {
            if (!IsObject || name == null) return null;
            int value = _doc.MemberValue(_entry, name);
            if (value < 0) return null;
            int kind = _doc.KindAt(value);
            if (kind == (int)JsonKind.True) return "true";
            if (kind == (int)JsonKind.False) return "false";
            if (kind == (int)JsonKind.String || kind == (int)JsonKind.Number) return _doc.TextAt(value);
            return null;
        }

        /// <summary>The kind of array element <paramref name="index"/> or of object member <paramref name="index"/>'s value, without a handle.</summary>
        public JsonKind KindAt(int index)
        {
            return (JsonKind)_doc.KindAt(ValueEntry(index));
        }

        /// <summary>
        /// The text of array element <paramref name="index"/> or of object member <paramref name="index"/>'s value, as
        /// <see cref="Text"/> gives it, without a handle.
        /// </summary>
        public string TextAt(int index)
        {
            int entry = ValueEntry(index);
            switch ((JsonKind)_doc.KindAt(entry))
            {
                case JsonKind.True: return "true";
                case JsonKind.False: return "false";
                case JsonKind.Null: return "null";
                case JsonKind.Array:
                case JsonKind.Object: return null;
                default: return _doc.TextAt(entry);
            }
        }

        /// <summary>Whether this object has a member called <paramref name="name"/>, and its kind, without a handle.</summary>
        public bool TryMemberKind(string name, out JsonKind kind)
        {
            kind = JsonKind.Null;
            if (!IsObject || name == null) return false;
            int value = _doc.MemberValue(_entry, name);
            if (value < 0) return false;
            kind = (JsonKind)_doc.KindAt(value);
            return true;
        }

        /// <summary>
        /// The UTF-8 bytes of this object's string member <paramref name="name"/> copied into <paramref name="buffer"/>, and
        /// their count; -1 when there is no such string member, or its text has escapes or is longer than the buffer.
        /// Lets a reader look at many values through one buffer and make strings only of the few it keeps.
        /// </summary>
        public int MemberRawText(string name, byte[] buffer)
        {
            if (!IsObject || name == null || buffer == null) return -1;
            int value = _doc.MemberValue(_entry, name);
            if (value < 0 || _doc.KindAt(value) != (int)JsonKind.String) return -1;
            return _doc.CopyRawText(value, buffer);
        }

        /// <summary>
        /// Appends the text of this object's string member <paramref name="name"/> to <paramref name="to"/> without making a
        /// string; false, appending nothing, when there is no such string member.
        /// </summary>
        public bool AppendMemberText(string name, TextBuilder to)
        {
            if (!IsObject || name == null || to == null) return false;
            int value = _doc.MemberValue(_entry, name);
            if (value < 0 || _doc.KindAt(value) != (int)JsonKind.String) return false;
            _doc.AppendText(value, to);
            return true;
        }

        /// <summary>
        /// Whether this object has a string or number member called <paramref name="name"/> whose text is exactly
        /// <paramref name="text"/>, without a handle or a string.
        /// </summary>
        public bool MemberTextEquals(string name, string text)
        {
            if (!IsObject || name == null) return false;
            int value = _doc.MemberValue(_entry, name);
            if (value < 0) return false;
            int kind = _doc.KindAt(value);
            if (kind != (int)JsonKind.String && kind != (int)JsonKind.Number) return false;
            return _doc.TextEquals(value, text);
        }

        /// <summary>
        /// Whether this object has a number member called <paramref name="name"/> written as a plain integer (optional
        /// '-', one to ten digits, no fraction or exponent) within int range, and its value; read without a string.
        /// </summary>
        /// <summary>Whether this is a number written as a plain integer within int range (no fraction or exponent), and its value.</summary>
        public bool TryInteger(out int result)
        {
            result = 0;
            return Kind == JsonKind.Number && _doc.TryInteger(_entry, out result);
        }

        public bool TryMemberInteger(string name, out int result)
        {
            result = 0;
            if (!IsObject || name == null) return false;
            int value = _doc.MemberValue(_entry, name);
            if (value < 0 || _doc.KindAt(value) != (int)JsonKind.Number) return false;
            return _doc.TryInteger(value, out result);
        }

        /// <summary>
        /// This string's or number's UTF-8 bytes (the text <see cref="Text"/> gives, as written) copied into
        /// <paramref name="buffer"/>, and their count, without a string; -1 when it is neither, has escapes or is longer
        /// than the buffer.
        /// </summary>
        public int RawText(byte[] buffer)
        {
            JsonKind kind = Kind;
            if (buffer == null || (kind != JsonKind.String && kind != JsonKind.Number)) return -1;
            return _doc.CopyRawText(_entry, buffer);
        }

        /// <summary>
        /// <see cref="KeyAt"/> as UTF-8 bytes copied into <paramref name="buffer"/>, and their count, without a string;
        /// -1 when the name has escapes or is longer than the buffer.
        /// </summary>
        public int KeyRawAt(int index, byte[] buffer)
        {
            if (!IsObject) throw new InvalidOperationException("only an object has member names");
            return buffer == null ? -1 : _doc.CopyRawText(ChildEntry(index), buffer);
        }

        /// <summary>
        /// The UTF-8 bytes of object member <paramref name="index"/>'s string value, or of array element <paramref name="index"/>,
        /// copied into <paramref name="buffer"/>, and their count, without a string; -1 when it is not a string, has escapes
        /// or is longer than the buffer (and for scalars).
        /// </summary>
        public int RawTextAt(int index, byte[] buffer)
        {
            if ((!IsObject && !IsArray) || buffer == null) return -1;
            int entry = ValueEntry(index);
            if (_doc.KindAt(entry) != (int)JsonKind.String) return -1;
            return _doc.CopyRawText(entry, buffer);
        }

        private int ValueEntry(int index)
        {
            int child = ChildEntry(index);
            return IsObject ? child + 1 : child;
        }

        /// <summary>The entry of array element <paramref name="index"/>, or of the name of object member <paramref name="index"/>.</summary>
        private int ChildEntry(int index)
        {
            if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException("index");
            if (index < _cursorOrdinal)
            {
                _cursorOrdinal = 0;
                _cursorEntry = _entry + 1;
            }
            bool members = IsObject;
            while (_cursorOrdinal < index)
            {
                _cursorEntry = members ? _doc.Next(_cursorEntry + 1) : _doc.Next(_cursorEntry);
                _cursorOrdinal++;
            }
            return _cursorEntry;
        }
    }
}
