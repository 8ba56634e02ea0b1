using System;
using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>The sections of one uci config from "uci get {config}", in the order the device listed them.</summary>
    public sealed class UciPackage
    {
        private static readonly UciSection[] NoSections = new UciSection[0];

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
            return new UciPackage(name, NoSections);
        }

        /// <summary>Reads the data of a uci get answer: {"values": {name: section, ...}}, every section and option kept.</summary>
        public static UciPackage FromReply(string config, JsonValue data)
        {
            return FromReply(config, data, null, null);
        }

        /// <summary>
        /// Reads a uci get answer, checking every section as <see cref="FromReply(string, JsonValue)"/> does, but keeping
        /// only sections of the <paramref name="types"/> and, of each, only the options listed for its type in
        /// <paramref name="optionsByType"/> (types null: everything). The answer itself is not kept, so the next call
        /// may reuse its buffer.
        /// </summary>
        public static UciPackage FromReply(string config, JsonValue data, string[] types, string[][] optionsByType)
        {
            if (data == null) throw new UbusDataException("the device sent no data for uci config " + config);
            JsonValue values = data.Member("values");
            if (values == null) throw new UbusDataException("the answer for uci config " + config + " has no \"values\"");
            if (!values.IsObject) throw new UbusDataException("the \"values\" of uci config " + config + " are a JSON " + UbusClient.KindName(values) + ", not an object");
            int total = values.Count;
            UciSection[] kept = total == 0 ? NoSections : new UciSection[total];
            int count = 0;
            for (int i = 0; i < total; i++)
            {
                UciSection section = UciSection.Read(config, values, i, values.Item(i), types, optionsByType);
                if (section != null) kept[count++] = section;
            }
            if (count == kept.Length) return new UciPackage(config, kept);
            UciSection[] sections = count == 0 ? NoSections : new UciSection[count];
            Array.Copy(kept, 0, sections, 0, count);
            return new UciPackage(config, sections);
        }

        /// <summary>Sections of one type, in device order.</summary>
        public UciSection[] OfType(string type)
        {
            int count = 0;
            for (int i = 0; i < _sections.Length; i++)
            {
                if (_sections[i].Type == type) count++;
            }
            if (count == 0) return NoSections;
            UciSection[] result = new UciSection[count];
            int at = 0;
            for (int i = 0; i < _sections.Length; i++)
            {
                if (_sections[i].Type == type) result[at++] = _sections[i];
            }
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
