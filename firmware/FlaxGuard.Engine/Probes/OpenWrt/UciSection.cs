using System.Collections;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// One uci section as rpcd's "uci get" dumps it: ".anonymous", ".type", ".name", ".index", then each option as a
    /// string (option) or an array of strings (list). Anything else is refused: a real rpcd never sends it.
    /// </summary>
    public sealed class UciSection
    {
        private readonly Hashtable _options = new Hashtable();

        private UciSection(string config, string name, string type)
        {
            Config = config;
            Name = name;
            Type = type;
        }

        public string Config { get; private set; }

        public string Name { get; private set; }

        public string Type { get; private set; }

        public static UciSection FromJson(string config, string key, JsonValue value)
        {
            string where = "section \"" + FactText.Clean(key, 40) + "\" of uci config " + config;
            if (!value.IsObject) throw new UbusDataException("the " + where + " is a JSON " + UbusClient.KindName(value) + ", not an object");
            JsonValue type = value.Member(".type");
            if (type == null || type.Kind != JsonKind.String || type.Text.Length == 0) throw new UbusDataException("the " + where + " has no section type");
            JsonValue name = value.Member(".name");
            if (name != null && name.Kind != JsonKind.String) throw new UbusDataException("the " + where + " has a name that is not text");
            JsonValue anonymous = value.Member(".anonymous");
            if (anonymous != null && anonymous.Kind != JsonKind.True && anonymous.Kind != JsonKind.False) throw new UbusDataException("the " + where + " has an .anonymous flag that is not true or false");
            JsonValue index = value.Member(".index");
            int ignored;
            if (index != null && !UbusClient.TryInteger(index, out ignored)) throw new UbusDataException("the " + where + " has an .index that is not a number");
            UciSection section = new UciSection(config, name == null ? key : name.Text, type.Text);
            for (int i = 0; i < value.Count; i++)
            {
                string option = value.KeyAt(i);
                if (option.Length > 0 && option[0] == '.') continue;
                JsonValue v = value.Item(i);
                if (v.Kind == JsonKind.String)
                {
                    section._options[option] = v.Text;
                    continue;
                }
                if (!v.IsArray) throw new UbusDataException("the option \"" + FactText.Clean(option, 40) + "\" in the " + where + " is a JSON " + UbusClient.KindName(v) + ", not text or a list");
                string[] list = new string[v.Count];
                for (int k = 0; k < v.Count; k++)
                {
                    JsonValue item = v.Item(k);
                    if (item.Kind != JsonKind.String) throw new UbusDataException("the list \"" + FactText.Clean(option, 40) + "\" in the " + where + " holds a JSON " + UbusClient.KindName(item) + ", not text");
                    list[k] = item.Text;
                }
                section._options[option] = list;
            }
            return section;
        }

        /// <summary>An option's text, or null when absent or when it is a list.</summary>
        public string Option(string name)
        {
            return _options[name] as string;
        }

        /// <summary>Whether the option is a uci list (rpcd's ACL options count only as lists).</summary>
        public bool IsList(string name)
        {
            return _options[name] is string[];
        }

        /// <summary>
        /// The words of an option that may be a list or a space-separated string (netifd, fw4 and the init
        /// scripts accept both): list items, each split at white space, empty words dropped.
        /// </summary>
        public string[] Words(string name)
        {
            object raw = _options[name];
            ArrayList words = new ArrayList();
            if (raw is string) UciText.SplitWords((string)raw, words);
            else if (raw is string[])
            {
                string[] list = (string[])raw;
                for (int i = 0; i < list.Length; i++) UciText.SplitWords(list[i], words);
            }
            string[] result = new string[words.Count];
            words.CopyTo(result);
            return result;
        }

        /// <summary>List items as stored (no splitting); an option string counts as one item.</summary>
        public string[] Items(string name)
        {
            object raw = _options[name];
            if (raw is string[]) return (string[])raw;
            if (raw is string) return new string[] { (string)raw };
            return new string[0];
        }

        /// <summary>A uci boolean the way config_get_bool reads it; <paramref name="fallback"/> when absent or unrecognised.</summary>
        public bool Flag(string name, bool fallback)
        {
            return UciText.ParseBool(Option(name), fallback);
        }
    }
}
