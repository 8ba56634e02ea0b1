#nullable disable
using System;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Esp32.Http
{
    /// <summary>
    /// One HTTP/1.1 request and response over an open connection, with the engine's bounds: the status line and
    /// headers are capped at <see cref="HttpRequest.MaxHeaderBytes"/>, the body at <see cref="HttpRequest.MaxBodyBytes"/>
    /// and streamed to the sink in pieces, every read waits at most until the deadline. Content-Length, chunked and
    /// close-delimited bodies are understood; anything else a hostile device sends ends as a ProtocolError with a reason.
    /// nanoFramework's HttpClient cannot be used for device checks: it exposes no response headers (HttpHeaders has only
    /// Add) and buffers whole bodies. Plain C# on engine types only, so the .NET tests run it against real servers.
    /// </summary>
    public static class Http11Exchange
    {
        private const int ReadChunk = 1024;
        private const int MaxChunkLineBytes = 256;

        /// <param name="hostHeader">The Host header value (host, plus ":port" when not the scheme's default).</param>
        /// <param name="target">The request target: absolute path and query.</param>
        /// <param name="deadline">Monotonic time (<see cref="IClock.MonotonicMilliseconds"/>) the exchange must end by.</param>
        public static HttpResponse Run(ITcpConnection connection, HttpRequest request, string hostHeader, string target, IByteSink sink, IClock clock, long deadline)
        {
            if (connection == null) throw new ArgumentNullException("connection");
            if (request == null) throw new ArgumentNullException("request");
            byte[] head = Utf8.GetBytes(RequestHead(request, hostHeader, target));
            if (!connection.Write(head, 0, head.Length, Remaining(clock, deadline))) return HttpResponse.Failed(HttpOutcome.TimedOut, "the device did not take the request in time");
            if (request.Body != null && request.BodyLength > 0 && !connection.Write(request.Body, 0, request.BodyLength, Remaining(clock, deadline)))
            {
                return HttpResponse.Failed(HttpOutcome.TimedOut, "the device did not take the request body in time");
            }

            ResponseReader reader = new ResponseReader(connection, clock, deadline, request.MaxHeaderBytes);
            string statusLine = reader.ReadLine(true);
            if (statusLine == null) return reader.Failure("no status line");
            int status = ParseStatus(statusLine);
            if (status < 0) return HttpResponse.Failed(HttpOutcome.ProtocolError, "the answer does not start with an HTTP/1.x status line");

            HttpHeader[] headers = new HttpHeader[HttpResponse.MaxHeaders];
            int headerCount = 0;
            while (true)
            {
                string line = reader.ReadLine(true);
                if (line == null) return reader.Failure("headers");
                if (line.Length == 0) break;
                int colon = line.IndexOf(':');
                if (colon <= 0) return HttpResponse.Failed(HttpOutcome.ProtocolError, "a header line has no name");
                if (headerCount == headers.Length) return HttpResponse.Failed(HttpOutcome.HeadersTooLarge, "more than " + HttpResponse.MaxHeaders.ToString() + " headers");
                headers[headerCount++] = new HttpHeader(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim());
            }
            HttpResponse partial = new HttpResponse(HttpOutcome.Completed, status, headers, headerCount, 0, null, null);

            bool noBody = request.Method == "HEAD" || status == 204 || status == 304 || (status >= 100 && status < 200);
            if (noBody) return partial;
            string transferEncoding = partial.GetHeader("Transfer-Encoding");
            string contentLength = partial.GetHeader("Content-Length");
            BodyCounter body = new BodyCounter(sink, request.MaxBodyBytes);
            HttpOutcome outcome;
            string error;
            if (transferEncoding != null && Ordinal.EqualsIgnoreAsciiCase(transferEncoding, "chunked"))
            {
                outcome = ReadChunked(reader, body, out error);
            }
            else if (transferEncoding != null && !Ordinal.EqualsIgnoreAsciiCase(transferEncoding, "identity"))
            {
                return HttpResponse.Failed(HttpOutcome.ProtocolError, "unsupported transfer encoding");
            }
            else if (contentLength != null)
            {
                long length = ParseLength(contentLength);
                if (length < 0) return HttpResponse.Failed(HttpOutcome.ProtocolError, "the Content-Length header is not a number");
                ILengthHintSink hinted = sink as ILengthHintSink;
                if (hinted != null && length <= request.MaxBodyBytes) hinted.ExpectLength(length);
                outcome = ReadExactly(reader, body, length, out error);
            }
            else
            {
                outcome = ReadToClose(reader, body, out error);
            }
            return new HttpResponse(outcome, status, headers, headerCount, body.Count, null, error);
        }

        public static string RequestHead(HttpRequest request, string hostHeader, string target)
        {
            System.Text.StringBuilder text = new System.Text.StringBuilder(256);
            text.Append(request.Method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
            text.Append("Host: ").Append(hostHeader).Append("\r\n");
            text.Append("User-Agent: FlaxGuard/0.1\r\n");
            text.Append("Accept-Encoding: identity\r\n");
            text.Append("Connection: close\r\n");
            for (int i = 0; i < request.HeaderCount; i++)
            {
                HttpHeader header = request.GetHeader(i);
                text.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
            }
            if (request.Body != null)
            {
                if (request.ContentType != null) text.Append("Content-Type: ").Append(request.ContentType).Append("\r\n");
                text.Append("Content-Length: ").Append(request.BodyLength.ToString()).Append("\r\n");
            }
            text.Append("\r\n");
            return text.ToString();
        }

        /// <summary>The status code of "HTTP/1.x NNN reason", or -1.</summary>
        public static int ParseStatus(string line)
        {
            if (line.Length < 12 || !Ordinal.StartsWith(line, "HTTP/1.") || line[8] != ' ') return -1;
            int code = 0;
            for (int i = 9; i < 12; i++)
            {
                char c = line[i];
                if (c < '0' || c > '9') return -1;
                code = code * 10 + (c - '0');
            }
            if (line.Length > 12 && line[12] != ' ') return -1;
            return code >= 100 ? code : -1;
        }

        private static long ParseLength(string text)
        {
            if (text.Length == 0 || text.Length > 18) return -1;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private static HttpOutcome ReadExactly(ResponseReader reader, BodyCounter body, long length, out string error)
        {
            error = null;
            long left = length;
            while (left > 0)
            {
                int got = reader.ReadBody(left > int.MaxValue ? int.MaxValue : (int)left, body);
                if (got == ResponseReader.TimedOut) { error = "the body did not arrive in time"; return HttpOutcome.TimedOut; }
                if (got == 0) { error = "the connection closed " + left.ToString() + " bytes before the announced end of the body"; return HttpOutcome.ProtocolError; }
                if (body.Overflowed) { error = "the body is larger than " + body.Limit.ToString() + " bytes"; return HttpOutcome.BodyTooLarge; }
                if (body.Satisfied) return HttpOutcome.Completed;
                left -= got;
            }
            return HttpOutcome.Completed;
        }

        private static HttpOutcome ReadToClose(ResponseReader reader, BodyCounter body, out string error)
        {
            error = null;
            while (true)
            {
                int got = reader.ReadBody(int.MaxValue, body);
                if (got == ResponseReader.TimedOut) { error = "the body did not end in time"; return HttpOutcome.TimedOut; }
                if (got == 0) return HttpOutcome.Completed;
                if (body.Overflowed) { error = "the body is larger than " + body.Limit.ToString() + " bytes"; return HttpOutcome.BodyTooLarge; }
                if (body.Satisfied) return HttpOutcome.Completed;
            }
        }

        private static HttpOutcome ReadChunked(ResponseReader reader, BodyCounter body, out string error)
        {
            error = null;
            while (true)
            {
                string sizeLine = reader.ReadLine(false);
                if (sizeLine == null) { error = reader.TimedOutFlag ? "a chunk did not arrive in time" : "the chunked body ended early"; return reader.TimedOutFlag ? HttpOutcome.TimedOut : HttpOutcome.ProtocolError; }
                int semicolon = sizeLine.IndexOf(';');
                if (semicolon >= 0) sizeLine = sizeLine.Substring(0, semicolon);
                long size = ParseHex(sizeLine.Trim());
                if (size < 0) { error = "a chunk size is not hexadecimal"; return HttpOutcome.ProtocolError; }
                if (size == 0)
                {
                    // Trailer lines up to the empty line; each is bounded like a header line.
                    for (int i = 0; i < HttpResponse.MaxHeaders; i++)
                    {
                        string trailer = reader.ReadLine(false);
                        if (trailer == null || trailer.Length == 0) return HttpOutcome.Completed;
                    }
                    error = "too many trailer lines";
                    return HttpOutcome.ProtocolError;
                }
                HttpOutcome chunk = ReadExactly(reader, body, size, out error);
                if (chunk != HttpOutcome.Completed || body.Satisfied) return chunk;
                string end = reader.ReadLine(false);
                if (end == null || end.Length != 0) { error = "a chunk does not end with CRLF"; return HttpOutcome.ProtocolError; }
            }
        }

        private static long ParseHex(string text)
        {
            if (text.Length == 0 || text.Length > 15) return -1;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (digit < 0) return -1;
                value = value * 16 + digit;
            }
            return value;
        }

        private static int Remaining(IClock clock, long deadline)
        {
            long left = deadline - clock.MonotonicMilliseconds;
            if (left < 1) return 1;
            return left > int.MaxValue ? int.MaxValue : (int)left;
        }

        /// <summary>Counts body bytes and passes at most <see cref="Limit"/> of them to the sink.</summary>
        private sealed class BodyCounter
        {
            private readonly IByteSink _sink;

            public BodyCounter(IByteSink sink, long limit)
            {
                _sink = sink;
                Limit = limit;
            }

            public long Limit { get; private set; }
            public long Count { get; private set; }

            /// <summary>The sink has all it needs; the rest of the body is not read (the connection is closed after each exchange).</summary>
            public bool Satisfied
            {
                get
                {
                    ISatisfiableSink satisfiable = _sink as ISatisfiableSink;
                    return satisfiable != null && satisfiable.Satisfied;
                }
            }
            public bool Overflowed { get; private set; }

            public void Write(byte[] data, int offset, int count)
            {
                long room = Limit - Count;
                int passed = count > room ? (int)room : count;
                if (passed > 0 && _sink != null) _sink.Write(data, offset, passed);
                Count += passed;
                if (passed < count) Overflowed = true;
            }
        }

        /// <summary>Buffered reads from the connection with one deadline: header lines bounded in total, body in pieces.</summary>
        private sealed class ResponseReader
        {
            public const int TimedOut = -1;

            private readonly ITcpConnection _connection;
            private readonly IClock _clock;
            private readonly long _deadline;
            private readonly byte[] _buffer = new byte[ReadChunk];
            private int _start;
            private int _end;
            private int _headerBudget;
            private bool _closed;

            public ResponseReader(ITcpConnection connection, IClock clock, long deadline, int maxHeaderBytes)
            {
                _connection = connection;
                _clock = clock;
                _deadline = deadline;
                _headerBudget = maxHeaderBytes;
            }

            public bool TimedOutFlag { get; private set; }
            public bool HeaderBudgetSpent { get; private set; }

            public HttpResponse Failure(string where)
            {
                if (TimedOutFlag) return HttpResponse.Failed(HttpOutcome.TimedOut, "the device did not send its " + where + " in time");
                if (HeaderBudgetSpent) return HttpResponse.Failed(HttpOutcome.HeadersTooLarge, "the status line and headers are longer than allowed");
                return HttpResponse.Failed(HttpOutcome.ProtocolError, "the connection closed in the middle of the " + where);
            }

            /// <summary>
            /// One line without its CRLF (a bare LF is accepted), or null on close, timeout or an over-long line.
            /// Header lines draw on the shared header budget; chunk lines are capped each.
            /// </summary>
            public string ReadLine(bool headerLine)
            {
                System.Text.StringBuilder line = new System.Text.StringBuilder(64);
                int limit = headerLine ? _headerBudget : MaxChunkLineBytes;
                int used = 0;
                while (true)
                {
                    if (_start == _end && !Fill()) return null;
                    byte b = _buffer[_start++];
                    used++;
                    if (used > limit)
                    {
                        if (headerLine) HeaderBudgetSpent = true;
                        return null;
                    }
                    if (b == (byte)'\n')
                    {
                        if (headerLine) _headerBudget -= used;
                        int length = line.Length;
                        if (length > 0 && line[length - 1] == '\r') line.Length = length - 1;
                        return line.ToString();
                    }
                    // Header bytes outside printable ASCII are kept as '?': facts are cleaned later, and no byte
                    // sequence can smuggle a line break past this point.
                    line.Append(b >= 0x20 && b < 0x7F || b == (byte)'\t' || b == (byte)'\r' ? (char)b : '?');
                }
            }

            /// <summary>Passes up to <paramref name="max"/> body bytes to the counter; 0 on close, <see cref="TimedOut"/>.</summary>
            public int ReadBody(int max, BodyCounter body)
            {
                if (_start == _end && !Fill()) return TimedOutFlag ? TimedOut : 0;
                int count = _end - _start;
                if (count > max) count = max;
                body.Write(_buffer, _start, count);
                _start += count;
                return count;
            }

            private bool Fill()
            {
                if (_closed) return false;
                long left = _deadline - _clock.MonotonicMilliseconds;
                if (left <= 0)
                {
                    TimedOutFlag = true;
                    return false;
                }
                int got = _connection.Read(_buffer, 0, _buffer.Length, left > int.MaxValue ? int.MaxValue : (int)left);
                if (got < 0)
                {
                    TimedOutFlag = true;
                    return false;
                }
                if (got == 0)
                {
                    _closed = true;
                    return false;
                }
                _start = 0;
                _end = got;
                return true;
            }
        }
    }
}
