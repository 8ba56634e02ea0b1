using System;

namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// An HTTP request with its bounds. The transport never follows redirects (the probe decides) and
    /// accepts any server certificate, recording its fingerprint: device certificates are self-signed,
    /// and FlaxGuard watches them for change rather than trusting them.
    /// </summary>
    public sealed class HttpRequest
    {
        public const int MaxHeaders = 16;

        // Grown on demand up to MaxHeaders: most requests carry one to three headers.
        private HttpHeader[] _headers = new HttpHeader[4];
        private int _headerCount;
        private string _url;
        private string _baseUrl;
        private string _suffix;
        private byte[] _body;
        private int _bodyLength;

        public HttpRequest(string method, string url)
        {
            Reset(method, url);
        }

        /// <summary>A request to <paramref name="baseUrl"/> followed by <paramref name="suffix"/>: see <see cref="Reset(string, string, string)"/>.</summary>
        public HttpRequest(string method, string baseUrl, string suffix)
        {
            Reset(method, baseUrl, suffix);
        }

        /// <summary>
        /// Makes this the request a new <c>HttpRequest(method, url)</c> would be (default limits, no body, no headers),
        /// so a client that sends one request at a time keeps one object instead of one per call on a small heap.
        /// Only once the previous exchange is over: transports do not keep the request after Send returns.
        /// </summary>
        public void Reset(string method, string url)
        {
            if (url == null || url.Length == 0) throw new ArgumentException("URL is empty", "url");
            ResetExchange(method);
            _url = url;
            _baseUrl = null;
            _suffix = null;
        }

        /// <summary>
        /// As <see cref="Reset(string, string)"/> for the URL <paramref name="baseUrl"/> + <paramref name="suffix"/>, without
        /// joining them: a client that asks one device many paths keeps one base (scheme, host, port and any path prefix,
        /// such as RouterOS's "/rest") and passes each path as the suffix, so no URL string is made per request on a small
        /// heap. Transports that need the whole URL still read <see cref="Url"/>, which joins the two then.
        /// </summary>
        /// <param name="suffix">The rest of the path and the query: starts with '/' or '?'.</param>
        public void Reset(string method, string baseUrl, string suffix)
        {
            if (baseUrl == null || baseUrl.Length == 0) throw new ArgumentException("URL is empty", "baseUrl");
            if (suffix == null || suffix.Length == 0 || (suffix[0] != '/' && suffix[0] != '?')) throw new ArgumentException("URL suffix must start with / or ?", "suffix");
            ResetExchange(method);
            _url = null;
            _baseUrl = baseUrl;
            _suffix = suffix;
        }

        private void ResetExchange(string method)
        {
            if (method == null || method.Length == 0) throw new ArgumentException("HTTP method is empty", "method");
            Method = method;
            TimeoutMs = 10000;
            MaxHeaderBytes = 16 * 1024;
            MaxBodyBytes = 1024 * 1024;
            Body = null;
            ContentType = null;
            for (int i = 0; i < _headerCount; i++) _headers[i] = null;
            _headerCount = 0;
        }

        public string Method { get; private set; }

        /// <summary>Absolute http:// or https:// URL (joined from <see cref="BaseUrl"/> and <see cref="UrlSuffix"/> when first asked).</summary>
        public string Url
        {
            get
            {
                if (_url == null) _url = _baseUrl + _suffix;
                return _url;
            }
        }

        /// <summary>The base of a request made from a base and a suffix; null when it was made from one whole URL.</summary>
        public string BaseUrl { get { return _baseUrl; } }

        /// <summary>The path and query after <see cref="BaseUrl"/>; null when the request was made from one whole URL.</summary>
        public string UrlSuffix { get { return _suffix; } }

        /// <summary>Bound on the whole exchange, connect to last body byte.</summary>
        public int TimeoutMs { get; set; }

        /// <summary>Bound on the status line plus headers.</summary>
        public int MaxHeaderBytes { get; set; }

        /// <summary>Bound on the body bytes passed to the sink; more ends the exchange with BodyTooLarge.</summary>
        public long MaxBodyBytes { get; set; }

        /// <summary>Request body, or null; setting it sends the whole array (<see cref="BodyLength"/> becomes its length).</summary>
        public byte[] Body
        {
            get { return _body; }
            set
            {
                _body = value;
                _bodyLength = value == null ? 0 : value.Length;
            }
        }

        /// <summary>How many bytes of <see cref="Body"/>, from its start, are sent (0 without a body).</summary>
        public int BodyLength { get { return _bodyLength; } }

        /// <summary>
        /// Sends the first <paramref name="length"/> bytes of <paramref name="buffer"/> as the body: a client that writes
        /// each request into one kept buffer sends it without an array of the exact size per request. The transport
        /// reads the buffer only during Send.
        /// </summary>
        public void SetBody(byte[] buffer, int length)
        {
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (length < 0 || length > buffer.Length) throw new ArgumentOutOfRangeException("length");
            _body = buffer;
            _bodyLength = length;
        }

        /// <summary>Content type of the body, or null.</summary>
        public string ContentType { get; set; }

        public int HeaderCount { get { return _headerCount; } }

        public HttpHeader GetHeader(int index)
        {
            if (index < 0 || index >= _headerCount) throw new ArgumentOutOfRangeException("index");
            return _headers[index];
        }

        public void AddHeader(string name, string value)
        {
            Check(name, value);
            Append(new HttpHeader(name, value));
        }

        /// <summary>
        /// Adds a header object as it is (checked as <see cref="AddHeader(string, string)"/> checks): headers are immutable,
        /// so a client that sends the same header on every request makes it once instead of once per request.
        /// </summary>
        public void AddHeader(HttpHeader header)
        {
            if (header == null) throw new ArgumentNullException("header");
            Check(header.Name, header.Value);
            Append(header);
        }

        private void Check(string name, string value)
        {
            if (_headerCount == MaxHeaders) throw new InvalidOperationException("a request carries at most 16 extra headers");
            if (name == null || name.Length == 0 || value == null) throw new ArgumentException("header name or value missing");
            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] <= ' ' || name[i] >= (char)0x7F || name[i] == ':') throw new ArgumentException("header name has a character HTTP does not allow", "name");
            }
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '\r' || value[i] == '\n') throw new ArgumentException("header value has a line break", "value");
            }
        }

        private void Append(HttpHeader header)
        {
            if (_headerCount == _headers.Length)
            {
                HttpHeader[] grown = new HttpHeader[_headers.Length * 2 > MaxHeaders ? MaxHeaders : _headers.Length * 2];
                Array.Copy(_headers, 0, grown, 0, _headerCount);
                _headers = grown;
            }
            _headers[_headerCount++] = header;
        }
    }
}
