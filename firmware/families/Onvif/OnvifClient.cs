using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Calls parameterless actions of the ONVIF device service over the bounded HTTP transport, parsing each
    /// answer as it streams in with one reused scanner and reply. Authenticated calls carry a fresh
    /// WS-Security UsernameToken whose Created time is our clock plus <see cref="ClockOffsetMs"/> (the camera's
    /// clock, learnt from GetSystemDateAndTime), since the camera checks Created against its own clock.
    /// </summary>
    public sealed class OnvifClient
    {
        public const int NonceBytes = 16;

        private readonly ProbeContext _context;
        private readonly OnvifOptions _options;
        private readonly string _url;
        private readonly long _deadline;
        private readonly OnvifReply _reply;
        private readonly XmlScanner _scanner;
        private readonly byte[] _nonce = new byte[NonceBytes];

        // One set per run for the WS-Security token: the hash, and the token's texts as ASCII, reused by every signed call.
        private readonly Crypto.Sha1 _sha = new Crypto.Sha1();
        private readonly byte[] _scratch = new byte[32];
        private readonly byte[] _digest = new byte[Crypto.Sha1.HashBytes];
        private readonly byte[] _digestText = new byte[OnvifPasswordDigest.DigestTextBytes];
        private readonly byte[] _nonceText = new byte[(NonceBytes + 2) / 3 * 4];
        private readonly byte[] _created = new byte[OnvifTime.MaxCreatedBytes];

        // Every call goes to the same URL with the same headers, so one request object serves the whole run.
        private HttpRequest _request;

        public OnvifClient(ProbeContext context, OnvifOptions options, string url, long deadline, string[] vocabulary)
        {
            _context = context;
            _options = options;
            _url = url;
            _deadline = deadline;
            _reply = new OnvifReply(vocabulary, options.MaxXmlDepth, options.MaxValues);
            _scanner = new XmlScanner(_reply, options.MaxXmlDepth, options.MaxTextBytes, options.MaxSoapBytes);
        }

        /// <summary>Camera clock minus our clock, in milliseconds.</summary>
        public long ClockOffsetMs { get; set; }

        /// <summary>The last call's answer.</summary>
        public OnvifReply Reply { get { return _reply; } }

        /// <summary>Why the last call failed, in plain words, or null when it brought a response or a fault.</summary>
        public string Problem { get; private set; }

        /// <summary>True when the probe's overall deadline made the last call fail.</summary>
        public bool OutOfTime { get; private set; }

        /// <summary>HTTP status of the last answer (0 when none arrived).</summary>
        public int StatusCode { get; private set; }

        /// <summary>True when the last call was refused for its credentials (ter:NotAuthorized, or a bare HTTP 401).</summary>
        public bool Refused { get; private set; }

        /// <summary>
        /// Calls <paramref name="action"/>. True when the camera answered with the response or a SOAP fault (see
        /// <see cref="Reply"/>, <see cref="Refused"/>); false with <see cref="Problem"/> otherwise.
        /// </summary>
        public bool Call(string action, bool authenticate)
        {
            Problem = null;
            OutOfTime = false;
            Refused = false;
            StatusCode = 0;
            long left = _deadline - _context.Clock.MonotonicMilliseconds;
            if (left <= 0)
            {
                OutOfTime = true;
                Problem = "the time allowed for the whole check ran out before " + action;
                return false;
            }
            if (_request == null) _request = new HttpRequest("POST", _url);
            HttpRequest request = _request;
            request.TimeoutMs = left < _options.HttpTimeoutMs ? (int)left : _options.HttpTimeoutMs;
            request.MaxBodyBytes = _options.MaxSoapBytes;
            request.MaxHeaderBytes = 8 * 1024;
            request.ContentType = OnvifRequest.ContentType(action);
            request.Body = authenticate ? AuthenticatedBody(action, request.Body) : OnvifRequest.Build(request.Body, action, null, null, 0, null, 0, null, 0);
            _scanner.Reset();
            _reply.Prepare(OnvifRequest.ResponseName(action));
            HttpResponse response = _context.Http.Send(request, _scanner);
            StatusCode = response.StatusCode;
            if (response.Outcome != HttpOutcome.Completed)
            {
                OutOfTime = response.Outcome == HttpOutcome.TimedOut && _context.Clock.MonotonicMilliseconds >= _deadline;
                Problem = _scanner.Error != null
                    ? "its answer to " + action + " " + _scanner.Error
                    : "its answer to " + action + " failed: " + TransportText.Describe(response);
                return false;
            }
            // Cameras that also speak HTTP Digest may refuse with a bare 401 and no SOAP body, or an HTML page.
            if (response.StatusCode == 401)
            {
                Refused = true;
                return true;
            }
            string type = response.GetHeader("Content-Type");
            if (response.StatusCode == 200 && !IsXmlType(type))
            {
                Problem = "it answered " + action + " with " + TransportText.DescribeContent(response) + " (content type \"" + FactText.Clean(type, 60) + "\") instead of SOAP XML";
                return false;
            }
            // An error page (a web server's 404, a proxy's 502) is an HTTP status, not a malformed SOAP answer.
            if (response.StatusCode != 200 && !IsXmlType(type))
            {
                Problem = TransportText.DescribeStatus(response.StatusCode) + " to " + action + ", with " + TransportText.DescribeContent(response) + " and no SOAP answer";
                return false;
            }
            if (_scanner.Error != null || !_scanner.Finish())
            {
                Problem = response.StatusCode == 200 ? "its answer to " + action + " " + _scanner.Error
                    : TransportText.DescribeStatus(response.StatusCode) + " to " + action + ", and the body is not SOAP (" + _scanner.Error + ")";
                return false;
            }
            if (response.StatusCode == 200)
            {
                if (!_reply.IsResponse)
                {
                    Problem = "its answer to " + action + " has status 200 but no " + action + "Response";
                    return false;
                }
                return true;
            }
            if (_reply.IsFault && (response.StatusCode == 400 || response.StatusCode == 401 || response.StatusCode == 403 || response.StatusCode == 500))
            {
                Refused = _reply.FaultName == "NotAuthorized" || response.StatusCode == 401;
                return true;
            }
            Problem = TransportText.DescribeStatus(response.StatusCode) + " to " + action + (_reply.IsFault ? "" : ", with no SOAP fault");
            return false;
        }

        /// <summary>"ONVIF fault ter:ActionNotSupported (Optional Action Not Implemented)", device text cleaned.</summary>
        public string DescribeFault()
        {
            string code = _reply.FaultSubcode != null ? _reply.FaultSubcode : _reply.FaultCode;
            string text = "ONVIF fault " + (code == null ? "without a code" : FactText.Clean(code, 60));
            if (_reply.FaultReason != null)
            {
                string reason = FactText.Clean(_reply.FaultReason, 100);
                if (reason.Length > 0) text += " (" + reason + ")";
            }
            return text;
        }

        private byte[] AuthenticatedBody(string action, byte[] previous)
        {
            _context.Random.NextBytes(_nonce, 0, _nonce.Length);
            int createdLength = OnvifTime.FormatCreatedInto(_context.Clock.UtcUnixMilliseconds + ClockOffsetMs, _created, 0);
            string password = _options.Password == null ? string.Empty : _options.Password;
            OnvifPasswordDigest.ComputeInto(_sha, _nonce, _nonce.Length, _created, createdLength, password, _scratch, _digest, _digestText, 0);
            int nonceLength = Base64.EncodeInto(_nonce, 0, _nonce.Length, _nonceText, 0);
            return OnvifRequest.Build(previous, action, _options.User, _digestText, _digestText.Length, _nonceText, nonceLength, _created, createdLength);
        }

        private static bool IsXmlType(string type)
        {
            return MediaType.Is(type, "application/soap+xml") || MediaType.Is(type, "application/xml") || MediaType.Is(type, "text/xml");
        }
    }
}
