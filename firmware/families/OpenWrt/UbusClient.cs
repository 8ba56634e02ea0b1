using System;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// One JSON-RPC call at a time to uhttpd's ubus endpoint (POST, application/json), each bounded in time by
    /// the request timeout and the probe's deadline, and in size by <see cref="UbusOptions.MaxResponseBytes"/>.
    /// Every answer is checked against the envelope uhttpd sends: an object with "jsonrpc":"2.0", our id, and
    /// either "result":[status] / [0, {data}] or "error":{code, message}. Anything else is a failure in words.
    /// </summary>
    public sealed class UbusClient
    {
        /// <summary>Enough for uci dumps (nesting: envelope, result, values, section, list) with room to spare.</summary>
        public static readonly JsonLimits Limits = new JsonLimits(12, 32 * 1024, 8192);

        private readonly IHttpTransport _http;
        private readonly IClock _clock;
        private readonly UbusOptions _options;
        private readonly long _deadline;
        private readonly BoundedCapture _body;
        // The parsed form of each answer, like the answer bytes, lives only until the next call: one table for all.
        // Sized for the largest stock answer (the process list, about 450 entries) so it is made once, not per new largest answer.
        private readonly JsonEntryBuffer _table = new JsonEntryBuffer(TableEntries);
        private const int TableEntries = 512;
        private const int InitialBodyBytes = 3072;
        // Every call goes to the same URL with the same headers: one request, its body and time limit set per call.
        private readonly HttpRequest _request;
        // Each request body is written into this buffer; the transport is done with it when Send returns. Stock calls
        // need under 200 bytes; a longer one (a long path or password) makes it anew at that size, kept afterwards.
        private byte[] _requestBody;
        private const int InitialRequestBytes = 256;
        // The one success reply, re-aimed at each call's data: valid, like the data, only until the next call.
        private readonly UbusReply _success = UbusReply.Success(null);
        private int _nextId = 1;

        public UbusClient(IHttpTransport http, IClock clock, UbusOptions options, string url, long deadlineMonotonicMs)
        {
            if (http == null) throw new ArgumentNullException("http");
            if (clock == null) throw new ArgumentNullException("clock");
            if (options == null) throw new ArgumentNullException("options");
            _http = http;
            _clock = clock;
            _options = options;
            _deadline = deadlineMonotonicMs;
            // Stock ubus answers are under 3 KB (the process list is the largest): one buffer made once and reused for
            // every call; a larger answer gets a buffer of its declared length, kept for the calls after it.
            _body = new BoundedCapture(InitialBodyBytes, options.MaxResponseBytes);
            _request = new HttpRequest("POST", url);
            _request.MaxBodyBytes = options.MaxResponseBytes;
            _request.ContentType = "application/json";
            _request.AddHeader("Accept", "application/json");
        }

        /// <summary>The table each answer is parsed into; what was parsed into it is void after the next call or parse.</summary>
        internal JsonEntryBuffer AnswerTable { get { return _table; } }

        /// <summary>The answer bytes' buffer: free between calls, and for good once the last call is read, when a streamed read may borrow it.</summary>
        internal byte[] AnswerBuffer { get { return _body.Buffer; } }

        /// <summary>Calls requests sent so far (for tests and bounds).</summary>
        public int RequestsSent { get; private set; }

        /// <summary>
        /// Calls <paramref name="method"/> of <paramref name="ubusObject"/>; <paramref name="what"/> names the call in reasons.
        /// The reply's data reads the client's answer buffer, so it is valid only until the next call; a successful reply
        /// is the client's one success object, re-aimed by the next call, so it too is read before the next call.
        /// </summary>
        public UbusReply Call(string session, string ubusObject, string method, string argumentsJson, string what)
        {
            return Send(session, ubusObject, method, argumentsJson == null ? "{}" : argumentsJson, null, null, null, null, what, null);
        }

        /// <summary>
        /// Calls with arguments of up to two string members (a null name leaves one out, both null send "{}"),
        /// written straight into the request body.
        /// </summary>
        public UbusReply Call(string session, string ubusObject, string method, string name1, string value1, string name2, string value2, string what)
        {
            return Send(session, ubusObject, method, null, name1, value1, name2, value2, what, null);
        }

        /// <summary>
        /// As above, the call named by <paramref name="what"/> followed by <paramref name="whatTail"/> ("reading " and a
        /// path): the two are joined only for a reason, so a call that succeeds makes no name string.
        /// </summary>
        public UbusReply Call(string session, string ubusObject, string method, string name1, string value1, string name2, string value2, string what, string whatTail)
        {
            return Send(session, ubusObject, method, null, name1, value1, name2, value2, what, whatTail);
        }

        private UbusReply Send(string session, string ubusObject, string method, string argumentsJson, string name1, string value1, string name2, string value2, string what, string whatTail)
        {
            long remaining = _deadline - _clock.MonotonicMilliseconds;
            if (remaining <= 0) return UbusReply.Failure("the check ran out of time before " + Subject(what, whatTail) + " (limit " + (_options.TotalTimeoutMs / 1000).ToString() + " s)");
            int id = _nextId++;
            HttpRequest request = _request;
            request.TimeoutMs = remaining < _options.RequestTimeoutMs ? (int)remaining : _options.RequestTimeoutMs;
            int length;
            _requestBody = UbusRequestText.WriteCallBody(_requestBody, InitialRequestBytes, id, session, ubusObject, method, argumentsJson, name1, value1, name2, value2, out length);
            request.SetBody(_requestBody, length);
            _body.Restart();
            HttpResponse response = _http.Send(request, _body);
            // The kept buffer must not hold the login's password for the rest of the run.
            Array.Clear(_requestBody, 0, length);
            RequestsSent++;
            if (response.Outcome == HttpOutcome.BodyTooLarge || _body.Overflowed)
            {
                return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " was larger than the limit of " + _options.MaxResponseBytes.ToString() + " bytes");
            }
            if (response.Outcome != HttpOutcome.Completed)
            {
                return UbusReply.Failure("it did not answer " + Subject(what, whatTail) + " properly: " + TransportText.Describe(response));
            }
            if (response.StatusCode != 200)
            {
                return UbusReply.Failure(TransportText.DescribeStatus(response.StatusCode) + " to " + Subject(what, whatTail) + ", with " + TransportText.DescribeContent(response) + " instead of a ubus JSON-RPC answer");
            }
            string contentType = response.GetHeader("Content-Type");
            if (!MediaType.StartsWith(contentType, "application/json"))
            {
                string shown = contentType == null ? "none" : FactText.Clean(contentType, 60);
                return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " is not JSON (content type " + shown + "): it sent " + TransportText.DescribeContent(response));
            }
            return Interpret(_body.Buffer, _body.Length, id, what, whatTail, _table, _success);
        }

        /// <summary>Checks a response body against the ubus JSON-RPC envelope. Public so the rules are unit-tested on their own.</summary>
        public static UbusReply Interpret(byte[] body, int length, int expectedId, string what)
        {
            return Interpret(body, length, expectedId, what, null);
        }

        /// <summary>As <see cref="Interpret(byte[], int, int, string)"/>, parsing into <paramref name="table"/> (null: a table of its own).</summary>
        public static UbusReply Interpret(byte[] body, int length, int expectedId, string what, JsonEntryBuffer table)
        {
            return Interpret(body, length, expectedId, what, null, table, null);
        }

        // A success is written into kept when given (see UbusReply.Success(UbusReply, JsonValue)).
        private static UbusReply Interpret(byte[] body, int length, int expectedId, string what, string whatTail, JsonEntryBuffer table, UbusReply kept)
        {
            string error;
            // The reply reads the answer buffer itself: the probe is done with it before the next call refills it.
            JsonValue root = JsonParser.ParseInPlace(body, 0, length, Limits, table, out error);
            if (root == null) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " is not acceptable JSON: " + error);
            if (!root.IsObject) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " is a JSON " + KindName(root) + ", not the JSON-RPC object");
            JsonValue version = root.Member("jsonrpc");
            if (version == null || version.Kind != JsonKind.String || !version.TextEquals("2.0"))
            {
                return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " does not say \"jsonrpc\": \"2.0\"");
            }
            JsonValue id = root.Member("id");
            if (id == null || !IsDecimal(id, expectedId))
            {
                return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " carries another request id than the one sent");
            }
            JsonValue failure = root.Member("error");
            JsonValue result = root.Member("result");
            if (failure != null && result != null) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " holds both a result and an error");
            if (failure != null)
            {
                if (!failure.IsObject) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has an error that is a JSON " + KindName(failure) + ", not an object");
                int code;
                if (!TryInteger(failure.Member("code"), out code)) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has an error without a numeric code");
                JsonValue message = failure.Member("message");
                if (message == null || message.Kind != JsonKind.String) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has an error without a message");
                return UbusReply.WithRpcError(code, FactText.Clean(message.Text, 80));
            }
            if (result == null) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has neither a result nor an error");
            if (!result.IsArray) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has a result that is a JSON " + KindName(result) + ", not the [status, data] array");
            if (result.Count < 1 || result.Count > 2) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has a result array of " + result.Count.ToString() + " elements instead of 1 or 2");
            int status;
            if (!TryInteger(result.Item(0), out status) || status < 0) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has a result whose status is not a ubus status number");
            if (status != UbusStatus.Ok)
            {
                if (result.Count != 1) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has data next to a failure status");
                return UbusReply.WithStatus(status);
            }
            if (result.Count == 1) return UbusReply.Success(kept, null);
            JsonValue data = result.Item(1);
            if (!data.IsObject) return UbusReply.Failure("its answer to " + Subject(what, whatTail) + " has data that is a JSON " + KindName(data) + ", not an object");
            return UbusReply.Success(kept, data);
        }

        /// <summary>The name of a call for a reason: <paramref name="what"/>, followed by <paramref name="whatTail"/> when there is one.</summary>
        public static string Subject(string what, string whatTail)
        {
            return whatTail == null ? what : what + whatTail;
        }

        public static string KindName(JsonValue value)
        {
            switch (value.Kind)
            {
                case JsonKind.Null: return "null";
                case JsonKind.True:
                case JsonKind.False: return "boolean";
                case JsonKind.Number: return "number";
                case JsonKind.String: return "string";
                case JsonKind.Array: return "array";
                default: return "object";
            }
        }

        // Whether a JSON number is written exactly as int.ToString() writes the number, read in place: JSON numbers have no
        // leading zeros or '+', so an integer of equal value is written the same, except "-0".
        private static bool IsDecimal(JsonValue value, int number)
        {
            int read;
            if (!value.TryInteger(out read) || read != number) return false;
            return number != 0 || !value.TextEquals("-0");
        }

        /// <summary>A JSON number that is a plain integer within int range.</summary>
        public static bool TryInteger(JsonValue value, out int result)
        {
            result = 0;
            return value != null && value.TryInteger(out result);
        }
    }
}
