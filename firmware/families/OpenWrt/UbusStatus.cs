namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// The status codes ubus relays (libubus enum ubus_msg_status) and the JSON-RPC error codes uhttpd's
    /// ubus plugin answers with (json_errors[] in uhttpd ubus.c).
    /// </summary>
    public static class UbusStatus
    {
        public const int Ok = 0;
        public const int InvalidCommand = 1;
        public const int InvalidArgument = 2;
        public const int MethodNotFound = 3;
        public const int NotFound = 4;
        public const int NoData = 5;
        public const int PermissionDenied = 6;
        public const int Timeout = 7;
        public const int NotSupported = 8;
        public const int UnknownError = 9;
        public const int ConnectionFailed = 10;

        public const int RpcParseError = -32700;
        public const int RpcInvalidRequest = -32600;
        public const int RpcMethodNotFound = -32601;
        public const int RpcInvalidParams = -32602;
        public const int RpcInternalError = -32603;
        public const int RpcObjectNotFound = -32000;
        public const int RpcSessionNotFound = -32001;
        public const int RpcAccessDenied = -32002;
        public const int RpcTimeout = -32003;

        /// <summary>The session id uhttpd and rpcd use for a caller that has not logged in.</summary>
        public const string AnonymousSession = "00000000000000000000000000000000";

        /// <summary>libubus ubus_strerror wording, for verdicts.</summary>
        public static string Describe(int status)
        {
            switch (status)
            {
                case Ok: return "success";
                case InvalidCommand: return "invalid command";
                case InvalidArgument: return "invalid argument";
                case MethodNotFound: return "method not found";
                case NotFound: return "not found";
                case NoData: return "no response";
                case PermissionDenied: return "permission denied";
                case Timeout: return "request timed out";
                case NotSupported: return "operation not supported";
                case UnknownError: return "unknown error";
                case ConnectionFailed: return "connection failed";
                default: return "status " + status.ToString();
            }
        }
    }
}
