using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>One name and value from an answer. The value keeps its BER tag so exceptions stay visible.</summary>
    public sealed class SnmpVarBind
    {
        /// <summary>Longest octet string kept from an answer; device text beyond this is cut.</summary>
        public const int MaxOctets = 1024;

        public SnmpVarBind(uint[] oid, byte type)
        {
            Oid = oid;
            Type = type;
        }

        public uint[] Oid { get; private set; }

        /// <summary>The value's BER tag (<see cref="BerTag"/>).</summary>
        public byte Type { get; private set; }

        /// <summary>INTEGER and the unsigned 32-bit types.</summary>
        public long Integer { get; set; }

        public ulong Counter64 { get; set; }

        /// <summary>OCTET STRING, IpAddress and Opaque content.</summary>
        public byte[] Octets { get; set; }

        /// <summary>OBJECT IDENTIFIER values.</summary>
        public uint[] OidValue { get; set; }

        public bool IsException { get { return BerTag.IsException(Type); } }

        /// <summary>
        /// The value as text: strings decoded as strict UTF-8 (binary as hex, as net-snmp prints it with -Ox),
        /// numbers in decimal, OIDs dotted, IpAddress dotted quad. Exceptions give null.
        /// </summary>
        public string ValueText()
        {
            switch (Type)
            {
                case BerTag.OctetString:
                    {
                        byte[] data = Octets;
                        string text = Utf8.TryDecode(data, 0, data.Length);
                        if (text != null && IsPrintable(text)) return text;
                        return Hex.Encode(data);
                    }
                case BerTag.IpAddress:
                    if (Octets.Length != 4) return Hex.Encode(Octets);
                    return Octets[0].ToString() + "." + Octets[1].ToString() + "." + Octets[2].ToString() + "." + Octets[3].ToString();
                case BerTag.Opaque:
                    return Hex.Encode(Octets);
                case BerTag.ObjectIdentifier:
                    return SnmpOid.ToText(OidValue);
                case BerTag.Integer:
                case BerTag.Counter32:
                case BerTag.Gauge32:
                case BerTag.TimeTicks:
                    return Integer.ToString();
                case BerTag.Counter64:
                    return Counter64.ToString();
                case BerTag.Null:
                    return string.Empty;
                default:
                    return null;
            }
        }

        // Text with control characters (other than common white space) is binary in disguise.
        private static bool IsPrintable(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' && c != '\t' && c != '\r' && c != '\n') return false;
                if (c == (char)0x7F) return false;
            }
            return true;
        }
    }
}
