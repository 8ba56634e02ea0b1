using System.Collections;
using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>The sections of one uci config from "uci get {config}", in the order the device listed them.</summary>
    public sealed class UciPackage
    {
        private readonly UciSection[] _sections;

        private UciPackage(string name, UciSection[] sections)
        {
            Name = name;
            _sections = sections;
        }

        public string Name { get; private set; }

        public int Count { get { return _sections.Length; } }

        public UciSection this[int index] { get { return _sections[index]; } }

        /// <summary>An empty package, for an optional config the device does not have.</summary>
        public static UciPackage Empty(string name)
        {
            return new UciPackage(name, new UciSection[0]);
        }

        /// <summary>Reads the data of a uci get answer: {"values": {name: section, ...}}.</summary>
        public static UciPackage FromReply(string config, JsonValue data)
        {
            if (data == null) throw new UbusDataException("the device sent no data for uci config " + config);
            JsonValue values = data.Member("values");
            if (values == null) throw new UbusDataException("the answer for uci config " + config + " has no \"values\"");
            if (!values.IsObject) throw new UbusDataException("the \"values\" of uci config " + config + " are a JSON " + UbusClient.KindName(values) + ", not an object");
            UciSection[] sections = new UciSection[values.Count];
            for (int i = 0; i < values.Count; i++) sections[i] = UciSection.FromJson(config, values.KeyAt(i), values.Item(i));
            return new UciPackage(config, sections);
        }

        /// <summary>Sections of one type, in device order.</summary>
        public UciSection[] OfType(string type)
        {
            ArrayList found = new ArrayList();
            for (int i = 0; i < _sections.Length; i++)
            {
                if (_sections[i].Type == type) found.Add(_sections[i]);
            }
            UciSection[] result = new UciSection[found.Count];
            found.CopyTo(result);
            return result;
        }

        /// <summary>The section with this name (named sections such as network's "lan"), or null.</summary>
        public UciSection Named(string name)
        {
            for (int i = 0; i < _sections.Length; i++)
            {
                if (_sections[i].Name == name) return _sections[i];
            }
            return null;
        }
    }
}
