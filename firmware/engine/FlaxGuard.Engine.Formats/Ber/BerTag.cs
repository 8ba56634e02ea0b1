namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>The BER tags SNMP uses (X.690 universal tags; RFC 2578 application tags; RFC 3416 PDU and exception tags).</summary>
    public static class BerTag
    {
        public const byte Integer = 0x02;
        public const byte OctetString = 0x04;
        public const byte Null = 0x05;
        public const byte ObjectIdentifier = 0x06;
        public const byte Sequence = 0x30;

        // RFC 2578 section 7.1 (SMIv2 application types).
        public const byte IpAddress = 0x40;
        public const byte Counter32 = 0x41;
        public const byte Gauge32 = 0x42;
        public const byte TimeTicks = 0x43;
        public const byte Opaque = 0x44;
        public const byte Counter64 = 0x46;

        // RFC 3416 section 3: exceptions in place of a value.
        public const byte NoSuchObject = 0x80;
        public const byte NoSuchInstance = 0x81;
        public const byte EndOfMibView = 0x82;

        // RFC 3416 section 3: PDU types (context-specific, constructed).
        public const byte GetRequest = 0xA0;
        public const byte GetNextRequest = 0xA1;
        public const byte Response = 0xA2;
        public const byte SetRequest = 0xA3;
        public const byte GetBulkRequest = 0xA5;
        public const byte InformRequest = 0xA6;
        public const byte SnmpV2Trap = 0xA7;
        public const byte Report = 0xA8;

        public static bool IsException(byte tag)
        {
            return tag == NoSuchObject || tag == NoSuchInstance || tag == EndOfMibView;
        }
    }
}
