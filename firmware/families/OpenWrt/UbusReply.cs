using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>One answer of uhttpd's ubus JSON-RPC endpoint, already checked against the envelope rules.</summary>
    public sealed class UbusReply
    {
        private UbusReply(UbusReplyKind kind, int code, JsonValue data, string reason)
        {
            Kind = kind;
            Code = code;
            Data = data;
            Reason = reason;
        }

        public static UbusReply Success(JsonValue data)
        {
            return new UbusReply(UbusReplyKind.Ok, UbusStatus.Ok, data, null);
        }

        /// <summary>
        /// A success with <paramref name="data"/>: <paramref name="kept"/> itself when given (a client's one success reply,
        /// re-aimed per call and, like the data it carries, valid only until the client's next call), else a new one.
        /// </summary>
        internal static UbusReply Success(UbusReply kept, JsonValue data)
        {
            if (kept == null) return Success(data);
            kept.Data = data;
            return kept;
        }

        public static UbusReply WithStatus(int status)
        {
            return new UbusReply(UbusReplyKind.Status, status, null, null);
        }

        public static UbusReply WithRpcError(int code, string message)
        {
            return new UbusReply(UbusReplyKind.RpcError, code, null, message);
        }

        public static UbusReply Failure(string reason)
        {
            return new UbusReply(UbusReplyKind.Failed, 0, null, reason);
        }

        public UbusReplyKind Kind { get; private set; }

        /// <summary>The ubus status (Ok/Status) or the JSON-RPC error code (RpcError).</summary>
        public int Code { get; private set; }

        /// <summary>The data object of a successful call; null when the call returned none.</summary>
        public JsonValue Data { get; private set; }

        /// <summary>Why it failed in plain words (Failed), or the device's error message, cleaned (RpcError).</summary>
        public string Reason { get; private set; }
    }
}
