using System;

namespace FlaxGuard.Engine.Probes.Dns
{
    /// <summary>
    /// Encodes a standard query (RFC 1035 section 4.1): one question of class IN, recursion desired, no
    /// EDNS, so every compliant answer fits into 512 bytes.
    /// </summary>
    public static class DnsQuery
    {
        /// <summary>Header, the longest name (255) and type plus class.</summary>
        public const int MaxBytes = DnsName.HeaderBytes + DnsName.MaxWireBytes + 4;

        /// <summary>Writes the query into <paramref name="buffer"/> (at least <see cref="MaxBytes"/> long) and returns its length.</summary>
        public static int Encode(byte[] buffer, int id, string name, int type)
        {
            if (buffer == null || buffer.Length < MaxBytes) throw new ArgumentException("the query buffer is too small", "buffer");
            if (id < 0 || id > 0xFFFF) throw new ArgumentOutOfRangeException("id");
            if (type < 1 || type > 0xFFFF) throw new ArgumentOutOfRangeException("type");
            string normalized = DnsName.Normalize(name);
            buffer[0] = (byte)(id >> 8);
            buffer[1] = (byte)id;
            buffer[2] = 0x01; // RD: ask the router to resolve for us, as its clients do
            buffer[3] = 0x00;
            buffer[4] = 0; buffer[5] = 1; // QDCOUNT
            for (int i = 6; i < 12; i++) buffer[i] = 0; // ANCOUNT, NSCOUNT, ARCOUNT
            int p = DnsName.Write(normalized, buffer, DnsName.HeaderBytes);
            buffer[p++] = (byte)(type >> 8);
            buffer[p++] = (byte)type;
            buffer[p++] = 0;
            buffer[p++] = DnsRecordType.ClassInternet;
            return p;
        }
    }
}
