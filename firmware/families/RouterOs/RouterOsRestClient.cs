using System;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.RouterOs
{
    /// <summary>
    /// GETs RouterOS REST menus (<c>/rest/system/resource</c> ...) with HTTP Basic credentials, within a per-request
    /// and an overall time bound and a size bound, and parses the answer as strict JSON. Error statuses are read for
    /// RouterOS's own error body so the verdict can say what the router said. An answer's values read the client's
    /// receive buffer, so they are valid only until the next request. Not thread-safe.
    /// </summary>
    public sealed class RouterOsRestClient
    {
        private readonly IHttpTransport _transport;
        private readonly IClock _clock;
        private readonly RouterOsOptions _options;
        private readonly AuthenticatedHttp _http;
        private readonly string _origin;
        private readonly string _restBase;
        private readonly long _deadline;
        private readonly JsonLimits _limits;
        private readonly BoundedCapture _capture;
        // The entry table of the parsed answer, reused like the capture buffer (valid until the next Send).
        private readonly JsonEntryBuffer _table;
        // The parsed answer of the last successful Send (valid until the next one reuses the capture buffer).
        private JsonValue _answer;
        // One request refilled for every menu (AuthenticatedHttp sends its own copy of it).
        private HttpRequest _request;
        // The same on every request: one header object, not one per menu.
        private static readonly HttpHeader AcceptJson = new HttpHeader("Accept", "application/json");

        public RouterOsRestClient(ProbeContext context, RouterOsOptions options, IRandomSource random)
        {
            if (context == null) throw new ArgumentNullException("context");
            if (options == null) throw new ArgumentNullException("options");
            _transport = context.Http;
            _clock = context.Clock;
            _options = options;
            _http = new AuthenticatedHttp(context.Http, options.Credentials, random);
            _http.MaxChallengeBodyBytes = options.MaxBodyBytes;
            _origin = options.Scheme + "://" + context.UrlHost + ":" + options.Port.ToString();
            _restBase = _origin + "/rest";
            _deadline = _clock.MonotonicMilliseconds + options.TotalTimeoutMs;
            // RouterOS answers are an array of flat objects: depth 2. A little slack, no more.
            _limits = new JsonLimits(4, options.MaxStringBytes, options.MaxValues);
            // Most menus answer in under 2 KB; the buffer doubles for the few that do not, and is reused for every menu.
            _capture = new BoundedCapture(2048, options.MaxBodyBytes);
            // Sized for the largest stock menu (the firewall filter, about 200 entries) so it is made once.
            _table = new JsonEntryBuffer(256);
        }

        public string Origin { get { return _origin; } }

        /// <summary>HTTP requests sent so far (the first one learns the authentication challenge).</summary>
        public int RequestsSent { get; private set; }

        /// <summary>GETs <c>/rest</c> + <paramref name="menu"/>, e.g. "/ip/service".</summary>
        public RouterOsReply Get(string menu)
        {
            RouterOsReply failure;
            JsonValue value = Read(menu, out failure);
            return value != null ? RouterOsReply.Success(value) : failure;
        }

        /// <summary>
        /// <see cref="Get"/> without a reply object for the usual case: the parsed answer, or null with
        /// <paramref name="failure"/> saying what went wrong (the router's error status, or why nothing usable came).
        /// </summary>
        public JsonValue Read(string menu, out RouterOsReply failure)
        {
            failure = Send(menu, null);
            if (failure != null) return null;
            return _answer;
        }

        /// <summary>
        /// Runs a console command that only reports (POST <c>/rest</c> + <paramref name="command"/> with a JSON body, as
        /// MikroTik's REST manual has it for commands), e.g. "/system/check-installation" with {"once":""}.
        /// </summary>
        public JsonValue Run(string command, string jsonBody, out RouterOsReply failure)
        {
            failure = Send(command, jsonBody);
            if (failure != null) return null;
            return _answer;
        }

        // Sends the GET (or, with a body, the POST); null when the answer parsed (it is then in _answer), else the failure.
        private RouterOsReply Send(string menu, string jsonBody)
        {
            _answer = null;
            long remaining = _deadline - _clock.MonotonicMilliseconds;
            if (remaining <= 0)
            {
                return RouterOsReply.Failure("the router did not finish answering within the overall time limit of " + (_options.TotalTimeoutMs / 1000).ToString() + " s (stopped before /rest" + menu + ")");
            }
            string method = jsonBody == null ? "GET" : "POST";
            // The base and the menu stay two strings: no URL is made per request.
            if (_request == null) _request = new HttpRequest(method, _restBase, menu);
            else _request.Reset(method, _restBase, menu);
            HttpRequest request = _request;
            if (jsonBody != null)
            {
                request.Body = Utf8.GetBytes(jsonBody);
                request.ContentType = "application/json";
            }
            request.TimeoutMs = remaining < _options.RequestTimeoutMs ? (int)remaining : _options.RequestTimeoutMs;
            request.MaxBodyBytes = _options.MaxBodyBytes;
            request.AddHeader(AcceptJson);
            _capture.Restart();
            AuthenticatedResponse result = _http.Send(request, _capture);
            RequestsSent += result.RequestsSent;
            if (result.Outcome == AuthOutcome.TransportFailed)
            {
                string what = result.Response != null ? TransportText.Describe(result.Response) : result.Reason;
                return RouterOsReply.Failure("the router's answer to /rest" + menu + " did not arrive intact: " + what);
            }
            if (result.Outcome != AuthOutcome.Completed) return RouterOsReply.Failure(result.Reason);
            HttpResponse response = result.Response;
            if (_capture.Overflowed)
            {
                return RouterOsReply.Failure("the router's answer to /rest" + menu + " is larger than the limit of " + _options.MaxBodyBytes.ToString() + " bytes");
            }
            if (response.StatusCode != 200) return Refusal("/rest" + menu, response);
            string contentType = response.GetHeader("Content-Type");
            if (!IsJson(contentType))
            {
                return RouterOsReply.Failure("the router's answer to /rest" + menu + " is not JSON (content type " + Describe(contentType) + "): it sent " + TransportText.DescribeContent(response));
            }
            string error;
            // Read in place: the probe turns each answer into facts before the next request refills the buffer.
            JsonValue value = JsonParser.ParseInPlace(_capture.Buffer, 0, _capture.Length, _limits, _table, out error);
            if (value == null)
            {
                return RouterOsReply.Failure("the router's answer to /rest" + menu + " is not valid JSON: " + FactText.Clean(error, 160));
            }
            _answer = value;
            return null;
        }

        /// <summary>Turns an error status into words, quoting RouterOS's error body when it has the documented shape.</summary>
        private RouterOsReply Refusal(string where, HttpResponse response)
        {
            int status = response.StatusCode;
            string message = null;
            string detail = null;
            if (IsJson(response.GetHeader("Content-Type")) && _capture.Length > 0)
            {
                string ignored;
                JsonValue body = JsonParser.ParseInPlace(_capture.Buffer, 0, _capture.Length, _limits, _table, out ignored);
                if (body != null && body.Kind == JsonKind.Object)
                {
                    JsonValue code = body.Member("error");
                    if (code != null && code.Kind == JsonKind.Number)
                    {
                        message = Member(body, "message");
                        detail = Member(body, "detail");
                    }
                }
            }
            string reason = "the router refused GET " + where + " with HTTP status " + status.ToString();
            // Not RouterOS's own error answer (a web server's 404 page, an empty answer): say what came instead.
            if (message == null && detail == null && status != 401 && status != 403)
            {
                reason = TransportText.DescribeStatus(status) + " to GET " + where + ", with " + TransportText.DescribeContent(response) + " instead of RouterOS's answer";
            }
            if (message != null || detail != null)
            {
                reason = reason + " (" + (message != null ? message : "error") + (detail != null ? ": " + detail : "") + ")";
            }
            if (status == 403) reason = reason + "; the user's group may lack the read policy";
            return RouterOsReply.RouterError(status, message, detail, reason);
        }

        private static string Member(JsonValue body, string name)
        {
            JsonValue v = body.Member(name);
            if (v == null || v.Kind != JsonKind.String) return null;
            string clean = FactText.Clean(v.Text, 160);
            return clean.Length == 0 ? null : clean;
        }

        /// <summary>application/json, with or without parameters; RouterOS always labels its answers so.</summary>
        public static bool IsJson(string contentType)
        {
            return MediaType.Is(contentType, "application/json");
        }

        private static string Describe(string contentType)
        {
            if (contentType == null) return "missing";
            string clean = FactText.Clean(contentType, 60);
            return clean.Length == 0 ? "empty" : clean;
        }
    }
}
