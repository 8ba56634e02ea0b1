namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>How one ubus JSON-RPC call ended.</summary>
    public enum UbusReplyKind
    {
        /// <summary>uhttpd relayed ubus status 0, with or without a data object.</summary>
        Ok = 0,
        /// <summary>uhttpd relayed a non-zero ubus status (e.g. 4 not found, 6 permission denied) in "result".</summary>
        Status = 1,
        /// <summary>uhttpd itself refused the call with a JSON-RPC error (e.g. -32002 Access denied).</summary>
        RpcError = 2,
        /// <summary>No usable answer: transport failure, wrong HTTP, malformed or oversized JSON.</summary>
        Failed = 3,
    }
}
