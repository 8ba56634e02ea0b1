namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>Which SNMP the probe speaks. SNMPv1 is not offered: v2c is as old as any device we check.</summary>
    public enum SnmpVersion
    {
        /// <summary>Community-based SNMPv2c (RFC 1901).</summary>
        V2c = 2,
        /// <summary>SNMPv3 with USM at authPriv: HMAC-SHA-96 and AES-128-CFB.</summary>
        V3 = 3,
    }
}
