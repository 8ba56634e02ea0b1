using System.Collections;

namespace FlaxGuard.Engine.Json
{
    /// <summary>
    /// One parsed JSON value. Numbers keep the text as written (no float rounding of ids or versions);
    /// object members keep their order, and a name occurs at most once (the parser refuses duplicates).
    /// </summary>
    public sealed class JsonValue
    {
        private readonly JsonKind _kind;
        private readonly string _text;
        private readonly ArrayList _items;
        private readonly ArrayList _keys;

        private JsonValue(JsonKind kind, string text, ArrayList items, ArrayList keys)
        {
            _kind = kind;
            _text = text;
            _items = items;
            _keys = keys;
        }

        internal static JsonValue Scalar(JsonKind kind, string text)
        {
            return new JsonValue(kind, text, null, null);
        }

        internal static JsonValue NewArray()
        {
            return new JsonValue(JsonKind.Array, null, new ArrayList(), null);
        }

        internal static JsonValue NewObject()
        {
            return new JsonValue(JsonKind.Object, null, new ArrayList(), new ArrayList());
        }

        internal void AddItem(JsonValue value)
        {
            _items.Add(value);
        }

        internal void AddMember(string name, JsonValue value)
        {
            _keys.Add(name);
            _items.Add(value);
        }

        public JsonKind Kind { get { return _kind; } }

        public bool IsObject { get { return _kind == JsonKind.Object; } }

        public bool IsArray { get { return _kind == JsonKind.Array; } }

        /// <summary>The string's value, the number as written, "true"/"false"/"null"; null for arrays and objects.</summary>
        public string Text
        {
            get
            {
                if (_kind == JsonKind.True) return "true";
                if (_kind == JsonKind.False) return "false";
                if (_kind == JsonKind.Null) return "null";
                return _text;
            }
        }

        /// <summary>Elements of an array or members of an object; 0 for scalars.</summary>
        public int Count { get { return _items == null ? 0 : _items.Count; } }

        public JsonValue Item(int index)
        {
            return (JsonValue)_items[index];
        }

        /// <summary>Name of the member at an index (objects only).</summary>
        public string KeyAt(int index)
        {
            return (string)_keys[index];
        }

        /// <summary>The member with exactly this name, or null when absent or when this is not an object.</summary>
        public JsonValue Member(string name)
        {
            if (_keys == null) return null;
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == name) return (JsonValue)_items[i];
            }
            return null;
        }

        /// <summary>A string, number or boolean member as text; null when absent, null-valued, an array or an object.</summary>
        public string MemberText(string name)
        {
            JsonValue member = Member(name);
            if (member == null) return null;
            if (member._kind == JsonKind.Array || member._kind == JsonKind.Object || member._kind == JsonKind.Null) return null;
            return member.Text;
        }

        internal bool HasMember(string name)
        {
            return Member(name) != null;
        }
    }
}
