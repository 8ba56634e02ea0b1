using System;
using System.Collections;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// One uci section as rpcd's "uci get" dumps it: ".anonymous", ".type", ".name", ".index", then each option as a
    /// string (option) or an array of strings (list). Anything else is refused: a real rpcd never sends it.
    /// The whole section is always checked, but only the options asked for are kept, as small arrays.
    /// </summary>
    public sealed class UciSection
    {
        private static readonly string[] NoWords = new string[0];

        // The option names: the caller's list of wanted options (shared, not copied), or the section's own.
        private string[] _names;
        // A string (option) or a string[] (list) per name; null where the section does not have the option.
        private object[] _values;
        private int _count;

        private UciSection(string config, string name, string type, string[] names, int count)
        {
            Config = config;
            Name = name;
            Type = type;
            _names = names;
            _values = new object[names.Length];
            _count = count;
        }

        public string Config { get; private set; }

        public string Name { get; private set; }

        public string Type { get; private set; }

        /// <summary>Reads a whole section, every option kept.</summary>
        public static UciSection FromJson(string config, string key, JsonValue value)
        {
            return Read(config, key, null, 0, value, null, null);
        }

        /// <summary>
        /// Checks the section at <paramref name="index"/> of a uci "values" object and keeps it when its type is one of
        /// <paramref name="types"/> (null: any type, every option), with only the options of its type in
        /// <paramref name="optionsByType"/>; null when the type is not wanted. The section's key is read from
        /// <paramref name="values"/> only when needed.
        /// </summary>
        internal static UciSection Read(string config, JsonValue values, int index, JsonValue value, string[] types, string[][] optionsByType)
        {
            return Read(config, null, values, index, value, types, optionsByType);
        }

        private static UciSection Read(string config, string key, JsonValue values, int index, JsonValue value, string[] types, string[][] optionsByType)
        {
            if (!value.IsObject) throw Refused(config, key, values, index, " is a JSON " + UbusClient.KindName(value) + ", not an object");
            JsonKind kind;
            if (!value.TryMemberKind(".type", out kind) || kind != JsonKind.String || value.MemberTextEquals(".type", ""))
            {
                throw Refused(config, key, values, index, " has no section type");
            }
            // With a list of wanted types the type is matched in place and the list's own string kept: no copy per section.
            int wanted = types == null ? -1 : IndexOfType(types, value);
            string typeText = types == null ? value.MemberText(".type") : wanted >= 0 ? types[wanted] : null;
            bool named = value.TryMemberKind(".name", out kind);
            if (named && kind != JsonKind.String) throw Refused(config, key, values, index, " has a name that is not text");
            bool anonymous = value.TryMemberKind(".anonymous", out kind);
            if (anonymous && kind != JsonKind.True && kind != JsonKind.False) throw Refused(config, key, values, index, " has an .anonymous flag that is not true or false");
            bool indexed = value.TryMemberKind(".index", out kind);
            int ignored;
            if (indexed && !value.TryMemberInteger(".index", out ignored)) throw Refused(config, key, values, index, " has an .index that is not a number");
            // .anonymous and .index, checked above, are the only values rpcd sends that are not text.
            int rpcdValues = (anonymous ? 1 : 0) + (indexed ? 1 : 0);
            Check(config, key, values, index, value, rpcdValues);
            if (types != null && wanted < 0) return null;

            string sectionName = named ? value.MemberText(".name") : key != null ? key : values.KeyAt(index);
            if (types == null)
            {
                UciSection all = new UciSection(config, sectionName, typeText, new string[value.Count], 0);
                for (int i = 0; i < value.Count; i++)
                {
                    string option = value.KeyAt(i);
                    if (option.Length > 0 && option[0] == '.') continue;
                    all._names[all._count] = option;
                    all._values[all._count++] = value.KindAt(i) == JsonKind.String ? value.TextAt(i) : Copy(value.Item(i));
                }
                return all;
            }
            string[] options = optionsByType[wanted];
            UciSection section = new UciSection(config, sectionName, typeText, options, options.Length);
            for (int i = 0; i < options.Length; i++)
            {
                // Checked above: an option is text or a list of text, so a text lookup finds every plain option.
                string text = OptionText(value, options[i]);
                if (text != null)
                {
                    section._values[i] = text;
                    continue;
                }
                JsonValue v = value.Member(options[i]);
                if (v != null) section._values[i] = Copy(v);
            }
            return section;
        }

        // Values stock configs repeat in section after section (flags, zones, targets, protocols): the shared string
        // instead of a copy per option. Equal text either way; only the allocation differs.
        private static readonly string[] CommonValues = new string[] { "1", "0", "wan", "lan", "ACCEPT", "REJECT", "DROP", "tcp", "udp", "icmp", "static", "dhcp" };

        // MemberText of a kept option, a common value given as the shared string.
        private static string OptionText(JsonValue section, string name)
        {
            JsonKind kind;
            if (!section.TryMemberKind(name, out kind) || kind != JsonKind.String) return section.MemberText(name);
            for (int i = 0; i < CommonValues.Length; i++)
            {
                if (section.MemberTextEquals(name, CommonValues[i])) return CommonValues[i];
            }
            return section.MemberText(name);
        }

        // Every option must be text or a list of text; names starting with '.' are rpcd's own and skipped. When the
        // only other values are the expected .anonymous and .index, nothing is wrong and no member name is read;
        // otherwise the names of the values that are not plainly text are read to find the first wrong option.
        private static void Check(string config, string key, JsonValue values, int index, JsonValue value, int rpcdValues)
        {
            int other = 0;
            for (int i = 0; i < value.Count && other <= rpcdValues; i++)
            {
                JsonKind kind = value.KindAt(i);
                if (kind == JsonKind.String) continue;
                if (kind == JsonKind.Array && AllText(value.Item(i))) continue;
                other++;
            }
            if (other == rpcdValues) return;
            for (int i = 0; i < value.Count; i++)
            {
                if (value.KindAt(i) == JsonKind.String) continue;
                JsonValue v = value.Item(i);
                JsonValue wrong = null;
                if (v.IsArray)
                {
                    for (int k = 0; k < v.Count && wrong == null; k++)
                    {
                        if (v.KindAt(k) != JsonKind.String) wrong = v.Item(k);
                    }
                    if (wrong == null) continue;
                }
                string option = value.KeyAt(i);
                if (option.Length > 0 && option[0] == '.') continue;
                if (wrong == null) throw new UbusDataException("the option \"" + FactText.Clean(option, 40) + "\" in the " + Where(config, key, values, index) + " is a JSON " + UbusClient.KindName(v) + ", not text or a list");
                throw new UbusDataException("the list \"" + FactText.Clean(option, 40) + "\" in the " + Where(config, key, values, index) + " holds a JSON " + UbusClient.KindName(wrong) + ", not text");
            }
        }

        private static bool AllText(JsonValue list)
        {
            for (int k = 0; k < list.Count; k++)
            {
                if (list.KindAt(k) != JsonKind.String) return false;
            }
            return true;
        }

        // An option's text, or a list's items as an array of text.
        private static object Copy(JsonValue v)
        {
            if (v.Kind == JsonKind.String) return v.Text;
            string[] list = new string[v.Count];
            for (int k = 0; k < list.Length; k++) list[k] = v.TextAt(k);
            return list;
        }

        private static UbusDataException Refused(string config, string key, JsonValue values, int index, string problem)
        {
            return new UbusDataException("the " + Where(config, key, values, index) + problem);
        }

        private static string Where(string config, string key, JsonValue values, int index)
        {
            string shown = key != null ? key : values.KeyAt(index);
            return "section \"" + FactText.Clean(shown, 40) + "\" of uci config " + config;
        }

        private static int IndexOfType(string[] types, JsonValue section)
        {
            for (int i = 0; i < types.Length; i++)
            {
                string t = types[i];
                // A trailing '*' matches a type prefix (WireGuard peers: "wireguard_<interface>").
                if (t.Length > 1 && t[t.Length - 1] == '*')
                {
                    string type = section.MemberText(".type");
                    if (type != null && type.Length >= t.Length - 1 && Ordinal.StartsWith(type, t.Substring(0, t.Length - 1))) return i;
                    continue;
                }
                if (section.MemberTextEquals(".type", t)) return i;
            }
            return -1;
        }

        private object Raw(string name)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_names[i] == name) return _values[i];
            }
            return null;
        }

        /// <summary>An option's text, or null when absent or when it is a list.</summary>
        public string Option(string name)
        {
            return Raw(name) as string;
        }

        /// <summary>Whether the option is a uci list (rpcd's ACL options count only as lists).</summary>
        public bool IsList(string name)
        {
            return Raw(name) is string[];
        }

        /// <summary>
        /// The words of an option that may be a list or a space-separated string (netifd, fw4 and the init
        /// scripts accept both): list items, each split at white space, empty words dropped.
        /// </summary>
        public string[] Words(string name)
        {
            object raw = Raw(name);
            if (raw == null) return NoWords;
            string text = raw as string;
            string[] list = raw as string[];
            int count = 0;
            if (text != null) count = UciText.CountWords(text);
            else for (int i = 0; i < list.Length; i++) count += UciText.CountWords(list[i]);
            if (count == 0) return NoWords;
            string[] words = new string[count];
            int at = 0;
            if (text != null) UciText.CopyWords(text, words, ref at);
            else for (int i = 0; i < list.Length; i++) UciText.CopyWords(list[i], words, ref at);
            return words;
        }

        /// <summary>List items as stored (no splitting); an option string counts as one item.</summary>
        public string[] Items(string name)
        {
            object raw = Raw(name);
            if (raw is string[]) return (string[])raw;
            if (raw is string) return new string[] { (string)raw };
            return NoWords;
        }

        /// <summary>A uci boolean the way config_get_bool reads it; <paramref name="fallback"/> when absent or unrecognised.</summary>
        public bool Flag(string name, bool fallback)
        {
            return UciText.ParseBool(Option(name), fallback);
        }
    }
}
