using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Plain-words descriptions of transport failures for "could not verify" verdicts.</summary>
    public static class TransportText
    {
        public static string Describe(HttpResponse r)
        {
            string what;
            switch (r.Outcome)
            {
                case HttpOutcome.TimedOut: what = "it took longer than the time limit"; break;
                case HttpOutcome.BodyTooLarge: what = "it sent more data than the size limit"; break;
                case HttpOutcome.HeadersTooLarge: what = "its response headers were larger than the limit"; break;
                case HttpOutcome.ConnectFailed: what = "the connection failed"; break;
                case HttpOutcome.TlsFailed: what = "the TLS handshake failed"; break;
                case HttpOutcome.ProtocolError: what = "it did not speak valid HTTP"; break;
                case HttpOutcome.InvalidUrl: what = "the address is not valid"; break;
                default: what = "status " + r.StatusCode.ToString(); break;
            }
            return r.Error == null ? what : what + " (" + FactText.Clean(r.Error, 160) + ")";
        }

        /// <summary>
        /// "the device answered HTTP 404 (not found)": what a probe says when the answer is an HTTP error page rather
        /// than the document it asked for, instead of whatever the page's markup made the parser say.
        /// </summary>
        public static string DescribeStatus(int status)
        {
            return "the device answered HTTP " + status.ToString() + " (" + StatusMeaning(status) + ")";
        }

        /// <summary>
        /// What an answer that is not the device's API holds, in plain words: "an empty answer", "a web page", "JSON",
        /// "an XML document", "plain text" or "data of another kind". Read from the body size and the content type, never
        /// from the markup, so an error page's DOCTYPE does not turn into a parser's complaint.
        /// </summary>
        public static string DescribeContent(HttpResponse r)
        {
            if (r.BodyBytes == 0) return "an empty answer";
            string type = r.GetHeader("Content-Type");
            if (MediaType.Is(type, "text/html") || MediaType.Is(type, "application/xhtml+xml")) return "a web page";
            if (MediaType.Is(type, "application/json") || MediaType.Is(type, "text/json")) return "JSON";
            if (MediaType.Is(type, "application/xml") || MediaType.Is(type, "text/xml") || MediaType.Is(type, "application/soap+xml")) return "an XML document";
            if (MediaType.Is(type, "text/plain")) return "plain text";
            return "data of another kind";
        }

        private static string StatusMeaning(int status)
        {
            switch (status)
            {
                case 400: return "bad request";
                case 401: return "login required or refused";
                case 403: return "forbidden";
                case 404: return "not found";
                case 405: return "method not allowed";
                case 415: return "unsupported media type";
                case 500: return "internal server error";
                case 501: return "not implemented";
                case 502: return "bad gateway";
                case 503: return "service unavailable";
            }
            if (status >= 300 && status < 400) return "a redirect";
            if (status >= 400 && status < 500) return "a client error";
            if (status >= 500 && status < 600) return "a server error";
            return "an unexpected status";
        }

        public static string Describe(ConnectOutcome outcome)
        {
            switch (outcome)
            {
                case ConnectOutcome.TimedOut: return "no answer came in time";
                case ConnectOutcome.Refused: return "the device refused the datagram (ICMP port unreachable)";
                case ConnectOutcome.Unreachable: return "the device is unreachable";
                case ConnectOutcome.InvalidAddress: return "the address is not valid";
                default: return "the network reported a failure";
            }
        }
    }
}
