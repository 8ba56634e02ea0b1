using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// What came back: the outcome, the status and headers (bounded by the request), how many body bytes
    /// went to the sink, and the SHA-256 of the server certificate for https when the platform gives it.
    /// </summary>
    public sealed class HttpResponse
    {
        public const int MaxHeaders = 64;

        private readonly HttpHeader[] _headers;
        private readonly int _headerCount;

        public HttpResponse(HttpOutcome outcome, int statusCode, HttpHeader[] headers, int headerCount, long bodyBytes, byte[] certificateSha256, string error)
        {
            Outcome = outcome;
            StatusCode = statusCode;
            _headers = headers == null ? new HttpHeader[0] : headers;
            _headerCount = headers == null ? 0 : headerCount;
            BodyBytes = bodyBytes;
            CertificateSha256 = certificateSha256;
            Error = error;
        }

        /// <summary>A response that never got as far as a status line.</summary>
        public static HttpResponse Failed(HttpOutcome outcome, string error)
        {
            return new HttpResponse(outcome, 0, null, 0, 0, null, error);
        }

        public HttpOutcome Outcome { get; private set; }

        /// <summary>The HTTP status code, 0 when no status line arrived.</summary>
        public int StatusCode { get; private set; }

        public long BodyBytes { get; private set; }

        /// <summary>SHA-256 of the DER server certificate, or null (plain http, or the platform cannot tell).</summary>
        public byte[] CertificateSha256 { get; private set; }

        /// <summary>
        /// The server certificate's subject as the platform prints it ("CN=..., O=..."), or null. Set by platforms that
        /// can read it; it is what the device claims about itself, so callers clean and bound it before use.
        /// </summary>
        public string CertificateSubject { get; set; }

        /// <summary>Why the exchange did not complete, in words, or null.</summary>
        public string Error { get; private set; }

        public int HeaderCount { get { return _headerCount; } }

        public HttpHeader GetHeaderAt(int index)
        {
            return _headers[index];
        }

        /// <summary>The first header with this name (ASCII case-insensitive), or null.</summary>
        public string GetHeader(string name)
        {
            for (int i = 0; i < _headerCount; i++)
            {
                if (Ordinal.EqualsIgnoreAsciiCase(_headers[i].Name, name)) return _headers[i].Value;
            }
            return null;
        }
    }
}
