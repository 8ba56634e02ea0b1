using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// What one GET of a RouterOS REST menu gave: the parsed JSON of a 200 answer, or the RouterOS error
    /// (HTTP status and the <c>{"error":N,"message":...,"detail":...}</c> body), or why nothing usable came back.
    /// </summary>
    public sealed class RouterOsReply
    {
        private RouterOsReply(JsonValue value, int status, string errorMessage, string errorDetail, string reason)
        {
            Value = value;
            Status = status;
            ErrorMessage = errorMessage;
            ErrorDetail = errorDetail;
            Reason = reason;
        }

        public static RouterOsReply Success(JsonValue value)
        {
            return new RouterOsReply(value, 200, null, null, null);
        }

        /// <summary>The router answered with an error status; the reason is already in words.</summary>
        public static RouterOsReply RouterError(int status, string message, string detail, string reason)
        {
            return new RouterOsReply(null, status, message, detail, reason);
        }

        /// <summary>Nothing usable arrived (transport, credentials, time, malformed answer).</summary>
        public static RouterOsReply Failure(string reason)
        {
            return new RouterOsReply(null, 0, null, null, reason);
        }

        /// <summary>The parsed answer; null unless <see cref="Succeeded"/>.</summary>
        public JsonValue Value { get; private set; }

        /// <summary>HTTP status: 200, the error status, or 0 when no answer was usable.</summary>
        public int Status { get; private set; }

        /// <summary>RouterOS's "message" of an error body (e.g. "Bad Request"), or null.</summary>
        public string ErrorMessage { get; private set; }

        /// <summary>RouterOS's "detail" of an error body (e.g. "no such command or directory (routerboard)"), or null.</summary>
        public string ErrorDetail { get; private set; }

        /// <summary>Why the menu could not be read, for a "could not verify" verdict; null on success.</summary>
        public string Reason { get; private set; }

        public bool Succeeded { get { return Value != null; } }
    }
}
