using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// Checks that an answer has the shape RouterOS REST gives: a menu of items is an array of flat objects, a
    /// settings menu (resource, dns, socks ...) one flat object, and every value a JSON string ("true", "23", "")
    /// even for numbers and booleans (MikroTik's REST API manual, "JSON format"). Anything else did not come from
    /// RouterOS as documented, and is refused rather than guessed at. The fact readers (RouterOs*Facts) take answers
    /// checked here and read them with <see cref="CheckedField"/>.
    /// </summary>
    public static class RouterOsShape
    {
        /// <summary>Why <paramref name="root"/> is not an array of flat all-string objects, or null when it is.</summary>
        public static string ListProblem(JsonValue root)
        {
            if (root == null) return "there is no answer";
            if (root.Kind != JsonKind.Array) return "a list of items was expected, but the answer is " + KindName(root.Kind);
            for (int i = 0; i < root.Count; i++)
            {
                string problem = RecordProblem(root.Item(i));
                if (problem != null) return "item " + (i + 1).ToString() + " " + problem;
            }
            return null;
        }

        /// <summary>
        /// The settings object of a singleton menu, or null with <paramref name="problem"/> set. Early v7 releases wrapped
        /// it in a one-element array (the manual's first example), which is accepted too.
        /// </summary>
        public static JsonValue Singleton(JsonValue root, out string problem)
        {
            problem = null;
            if (root == null)
            {
                problem = "there is no answer";
                return null;
            }
            JsonValue record = root;
            if (root.Kind == JsonKind.Array)
            {
                if (root.Count != 1)
                {
                    problem = "one settings object was expected, but the answer is a list of " + root.Count.ToString() + " items";
                    return null;
                }
                record = root.Item(0);
            }
            string why = RecordProblem(record);
            if (why != null)
            {
                problem = "the settings " + why;
                return null;
            }
            return record;
        }

        /// <summary>Why one item is not a flat object of strings, or null.</summary>
        public static string RecordProblem(JsonValue record)
        {
            if (record.Kind != JsonKind.Object) return "is " + KindName(record.Kind) + ", not an object";
            for (int m = 0; m < record.Count; m++)
            {
                JsonKind kind = record.KindAt(m);
                if (kind != JsonKind.String)
                {
                    return "has \"" + FactText.Clean(record.KeyAt(m), 40) + "\" as " + KindName(kind) + "; RouterOS sends every value as a string";
                }
            }
            return null;
        }

        /// <summary>A member's string value, or null when the item does not have it.</summary>
        public static string Field(JsonValue record, string name)
        {
            JsonKind kind;
            return record.TryMemberKind(name, out kind) && kind == JsonKind.String ? record.MemberText(name) : null;
        }

        /// <summary>
        /// <see cref="Field"/> for an item this class has checked (every value a string), where the two are the same:
        /// one text lookup, without the extra value object <see cref="Field"/> asks for to check the kind.
        /// </summary>
        public static string CheckedField(JsonValue record, string name)
        {
            return record.MemberText(name);
        }

        /// <summary>True when a flag member says "true"/"yes"; missing means <paramref name="absent"/>. Sets <paramref name="problem"/> for any other value.</summary>
        public static bool IsSet(JsonValue record, string name, bool absent, ref string problem)
        {
            return FlagValue(Field(record, name), name, absent, ref problem);
        }

        /// <summary><see cref="IsSet"/> for an item this class has checked (see <see cref="CheckedField"/>).</summary>
        public static bool IsSetChecked(JsonValue record, string name, bool absent, ref string problem)
        {
            // RouterOS writes its flags as "true"/"false": those are read in place, without a string per item.
            if (record.MemberTextEquals(name, "false")) return false;
            if (record.MemberTextEquals(name, "true")) return true;
            return FlagValue(CheckedField(record, name), name, absent, ref problem);
        }

        /// <summary><see cref="IsSet"/> for a member already read (null when the item does not have it).</summary>
        public static bool FlagValue(string raw, string name, bool absent, ref string problem)
        {
            if (raw == null) return absent;
            int flag = RouterOsText.Flag(raw);
            if (flag == RouterOsText.NotABoolean)
            {
                if (problem == null) problem = "\"" + name + "\" is \"" + FactText.Clean(raw, 40) + "\", neither true nor false";
                return absent;
            }
            return flag == 1;
        }

        public static string KindName(JsonKind kind)
        {
            switch (kind)
            {
                case JsonKind.Null: return "null";
                case JsonKind.False:
                case JsonKind.True: return "a JSON boolean";
                case JsonKind.Number: return "a JSON number";
                case JsonKind.String: return "a string";
                case JsonKind.Array: return "an array";
                default: return "an object";
            }
        }
    }
}
