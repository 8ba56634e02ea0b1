namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>A decoded PDU (RFC 3416 section 3): its type, request id, error fields and variable bindings.</summary>
    public sealed class SnmpPdu
    {
        public SnmpPdu(byte type, int requestId, int errorStatus, int errorIndex, SnmpVarBind[] varBinds)
        {
            Type = type;
            RequestId = requestId;
            ErrorStatus = errorStatus;
            ErrorIndex = errorIndex;
            VarBinds = varBinds;
        }

        public byte Type { get; private set; }

        public int RequestId { get; private set; }

        /// <summary>RFC 3416 error-status: 0 noError, 1 tooBig, 2 noSuchName, 5 genErr, 6 noAccess, ...</summary>
        public int ErrorStatus { get; private set; }

        public int ErrorIndex { get; private set; }

        public SnmpVarBind[] VarBinds { get; private set; }

        public const int NoError = 0;
        public const int TooBig = 1;
        public const int NoSuchName = 2;
    }
}
