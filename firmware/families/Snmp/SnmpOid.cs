using System;
using System.Text;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>Object identifiers as arrays of arcs: parsing our own constants, ordering, prefix tests and text.</summary>
    public static class SnmpOid
    {
        /// <summary>Parses dotted numbers ("1.3.6.1.2.1.1.1.0", a leading dot allowed); throws on anything else.</summary>
        public static uint[] Parse(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            int start = text.Length > 0 && text[0] == '.' ? 1 : 0;
            int count = 1;
            for (int i = start; i < text.Length; i++) if (text[i] == '.') count++;
            if (count < 2 || count > BerReader.MaxOidArcs) throw new ArgumentException("an OID needs 2 to 128 arcs", "text");
            uint[] arcs = new uint[count];
            int arc = 0;
            ulong value = 0;
            bool digits = false;
            for (int i = start; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (!digits) throw new ArgumentException("empty OID arc", "text");
                    arcs[arc++] = (uint)value;
                    value = 0;
                    digits = false;
                    continue;
                }
                char c = text[i];
                if (c < '0' || c > '9') throw new ArgumentException("OID arcs are decimal numbers", "text");
                value = value * 10 + (ulong)(c - '0');
                if (value > 0xFFFFFFFFUL) throw new ArgumentException("OID arc exceeds 32 bits", "text");
                digits = true;
            }
            return arcs;
        }

        /// <summary>Lexicographic order of OIDs, the order GETNEXT walks in (RFC 3416 section 4.2.2).</summary>
        public static int Compare(uint[] a, int aCount, uint[] b, int bCount)
        {
            int n = aCount < bCount ? aCount : bCount;
            for (int i = 0; i < n; i++)
            {
                if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
            }
            return aCount == bCount ? 0 : (aCount < bCount ? -1 : 1);
        }

        public static int Compare(uint[] a, uint[] b)
        {
            return Compare(a, a.Length, b, b.Length);
        }

        /// <summary>True when <paramref name="oid"/> lies strictly under <paramref name="prefix"/>.</summary>
        public static bool IsUnder(uint[] oid, int count, uint[] prefix)
        {
            if (count <= prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (oid[i] != prefix[i]) return false;
            }
            return true;
        }

        public static bool IsUnder(uint[] oid, uint[] prefix)
        {
            return IsUnder(oid, oid.Length, prefix);
        }

        public static bool Equal(uint[] a, uint[] b)
        {
            return Compare(a, b) == 0;
        }

        public static string ToText(uint[] arcs, int offset, int count)
        {
            StringBuilder sb = new StringBuilder(count * 3);
            for (int i = 0; i < count; i++)
            {
                if (i > 0) sb.Append('.');
                sb.Append(arcs[offset + i].ToString());
            }
            return sb.ToString();
        }

        public static string ToText(uint[] arcs)
        {
            return ToText(arcs, 0, arcs.Length);
        }

        /// <summary>The arcs after <paramref name="prefix"/> as dotted text: a table row's index.</summary>
        public static string IndexText(uint[] oid, uint[] prefix)
        {
            return ToText(oid, prefix.Length, oid.Length - prefix.Length);
        }

        public static uint[] Copy(uint[] arcs, int count)
        {
            uint[] copy = new uint[count];
            Array.Copy(arcs, 0, copy, 0, count);
            return copy;
        }
    }
}
