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
            HttpRequest request = new HttpRequest("POST", _url);
            request.TimeoutMs = left < _options.HttpTimeoutMs ? (int)left : _options.HttpTimeoutMs;
            request.MaxBodyBytes = _options.MaxSoapBytes;
            request.MaxHeaderBytes = 8 * 1024;
            request.ContentType = OnvifRequest.ContentType(action);
            request.Body = authenticate ? AuthenticatedBody(action) : OnvifRequest.Build(action, null, null, null, null);
            _scanner.Reset();
            _reply.Prepare(action + "Response");
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
                Problem = "it answered " + action + " with content type \"" + FactText.Clean(type, 60) + "\" instead of SOAP XML";
                return false;
            }
            if (_scanner.Error != null || !_scanner.Finish())
            {
                Problem = "its answer to " + action + " " + _scanner.Error;
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
            Problem = "it answered " + action + " with HTTP status " + response.StatusCode.ToString() + (_reply.IsFault ? "" : " and no SOAP fault");
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

        private byte[] AuthenticatedBody(string action)
        {
            _context.Random.NextBytes(_nonce, 0, _nonce.Length);
            string created = OnvifTime.FormatCreated(_context.Clock.UtcUnixMilliseconds + ClockOffsetMs);
            string digest = OnvifPasswordDigest.Compute(_nonce, created, _options.Password == null ? string.Empty : _options.Password);
            return OnvifRequest.Build(action, _options.User, digest, Base64.Encode(_nonce), created);
        }

        private static bool IsXmlType(string type)
        {
            if (type == null) return false;
            int semicolon = type.IndexOf(';');
            string media = Ordinal.ToLowerAscii((semicolon >= 0 ? type.Substring(0, semicolon) : type).Trim());
            return media == "application/soap+xml" || media == "application/xml" || media == "text/xml";
        }
    }
}
