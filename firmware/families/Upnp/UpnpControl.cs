using System;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// Calls actions of the device's WAN connection service over the bounded HTTP transport, parsing each
    /// answer as it streams in. One scanner and one reply are reused for every call, so listing a hundred
    /// port mappings allocates little more than listing one. Every call is bounded by the request timeout
    /// and by the probe's overall deadline.
    /// </summary>
    public sealed class UpnpControl
    {
        private readonly ProbeContext _context;
        private readonly UpnpUrl _controlUrl;
        private readonly string _serviceType;
        private readonly UpnpOptions _options;
        private readonly long _deadline;
        private readonly SoapReply _reply;
        private readonly XmlScanner _scanner;
        private readonly string _url;

        private static readonly byte[] NoBytes = new byte[0];

        // The request of the last action, reused while the same action repeats (listing mappings calls one
        // action a hundred times): only the argument bytes between the fixed prefix and suffix change.
        private string _action;
        private string _argumentName;
        private string _responseName;
        private HttpRequest _request;
        private byte[] _prefix;
        private byte[] _suffix;

        public UpnpControl(ProbeContext context, UpnpUrl controlUrl, string serviceType, UpnpOptions options, long deadline, string[] argumentNames)
        {
            _context = context;
            _controlUrl = controlUrl;
            _serviceType = serviceType;
            _options = options;
            _deadline = deadline;
            _reply = new SoapReply(argumentNames);
            _scanner = new XmlScanner(_reply, 8, 1024, options.MaxSoapBytes);
            _url = controlUrl.ToString();
        }

        /// <summary>The last call's answer (response or fault).</summary>
        public SoapReply Reply { get { return _reply; } }

        /// <summary>Why the last call failed, in words, or null when it brought a response or a fault.</summary>
        public string Problem { get; private set; }

        /// <summary>True when the overall deadline made the last call fail.</summary>
        public bool OutOfTime { get; private set; }

        /// <summary>
        /// Calls <paramref name="action"/> with at most one argument. True when the device answered with the
        /// response or a UPnP fault (see <see cref="Reply"/>); false with <see cref="Problem"/> otherwise.
        /// </summary>
        public bool Call(string action, string argumentName, string argumentValue)
        {
            Problem = null;
            OutOfTime = false;
            long left = _deadline - _context.Clock.MonotonicMilliseconds;
            if (left <= 0)
            {
                OutOfTime = true;
                Problem = "the time allowed for the whole check ran out before " + action;
                return false;
            }
            HttpRequest request = Request(action, argumentName, argumentValue);
            request.TimeoutMs = left < _options.HttpTimeoutMs ? (int)left : _options.HttpTimeoutMs;
            _scanner.Reset();
            _reply.Prepare(_responseName);
            HttpResponse response = _context.Http.Send(request, _scanner);
            if (_scanner.Error != null)
            {
                Problem = "its answer to " + action + " " + _scanner.Error;
                return false;
            }
            if (response.Outcome != HttpOutcome.Completed)
            {
                OutOfTime = response.Outcome == HttpOutcome.TimedOut && _context.Clock.MonotonicMilliseconds >= _deadline;
                Problem = "its answer to " + action + " failed: " + TransportText.Describe(response);
                return false;
            }
            if (response.StatusCode != 200 && response.StatusCode != 500)
            {
                Problem = "it answered " + action + " with HTTP status " + response.StatusCode.ToString();
                return false;
            }
            if (!_scanner.Finish())
            {
                Problem = "its answer to " + action + " " + _scanner.Error;
                return false;
            }
            if (response.StatusCode == 200 && !_reply.IsResponse)
            {
                Problem = "its answer to " + action + " has status 200 but no " + action + "Response";
                return false;
            }
            if (response.StatusCode == 500 && (!_reply.IsFault || _reply.ErrorCode < 0))
            {
                Problem = "it answered " + action + " with HTTP status 500 but no UPnP error code";
                return false;
            }
            return true;
        }

        private HttpRequest Request(string action, string argumentName, string argumentValue)
        {
            if (_request == null || action != _action || argumentName != _argumentName)
            {
                // A marker byte no escaping produces splits the envelope around the argument value.
                byte[] template = SoapRequest.Build(_serviceType, action, argumentName, argumentName == null ? null : "\u0001");
                int marker = -1;
                for (int i = 0; i < template.Length && marker < 0; i++)
                {
                    if (template[i] == 1) marker = i;
                }
                _prefix = new byte[marker < 0 ? template.Length : marker];
                Array.Copy(template, 0, _prefix, 0, _prefix.Length);
                _suffix = new byte[marker < 0 ? 0 : template.Length - marker - 1];
                if (marker >= 0) Array.Copy(template, marker + 1, _suffix, 0, _suffix.Length);
                _request = new HttpRequest("POST", _url);
                _request.MaxBodyBytes = _options.MaxSoapBytes;
                _request.MaxHeaderBytes = 8 * 1024;
                _request.ContentType = "text/xml; charset=\"utf-8\"";
                _request.AddHeader("SOAPACTION", SoapRequest.ActionHeader(_serviceType, action));
                _action = action;
                _argumentName = argumentName;
                _responseName = action + "Response";
            }
            byte[] value = argumentName == null ? NoBytes : SoapRequest.EscapedBytes(argumentValue);
            int length = _prefix.Length + value.Length + _suffix.Length;
            byte[] body = _request.Body;
            // The transport is done with the previous body when Send returns, so a body of the same length
            // (index 0 to 9, 10 to 99, ...) is rewritten in place instead of allocated anew for every call.
            if (body == null || body.Length != length)
            {
                body = new byte[length];
                Array.Copy(_prefix, 0, body, 0, _prefix.Length);
                _request.Body = body;
            }
            Array.Copy(value, 0, body, _prefix.Length, value.Length);
            Array.Copy(_suffix, 0, body, _prefix.Length + value.Length, _suffix.Length);
            return _request;
        }

        /// <summary>"UPnP error 606 (Action not authorized)", device text cleaned.</summary>
        public string DescribeFault()
        {
            string text = "UPnP error " + _reply.ErrorCode.ToString();
            if (_reply.ErrorDescription != null)
            {
                string clean = FactText.Clean(_reply.ErrorDescription, 80);
                if (clean.Length > 0) text += " (" + clean + ")";
            }
            return text;
        }
    }
}
