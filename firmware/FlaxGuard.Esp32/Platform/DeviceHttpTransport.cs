using System;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Esp32.Http;

namespace FlaxGuard.Esp32.Platform
{
    /// <summary>
    /// The engine's bounded HTTP transport on the dongle: TCP (and TLS without peer verification: device certificates
    /// are self-signed and only watched for change) plus <see cref="Http11Exchange"/>. No redirects are followed, no
    /// content is decompressed. The server certificate fingerprint is not available from nanoFramework's SslStream,
    /// so https responses carry none (the tls.cert fact is then absent, never invented).
    /// </summary>
    public sealed class DeviceHttpTransport : IHttpTransport
    {
        private readonly ITcpConnector _tcp;
        private readonly IClock _clock;

        public DeviceHttpTransport(ITcpConnector tcp, IClock clock)
        {
            if (tcp == null) throw new ArgumentNullException("tcp");
            if (clock == null) throw new ArgumentNullException("clock");
            _tcp = tcp;
            _clock = clock;
        }

        // The last base URL parsed, with its parts: a probe asks one device many paths, so the base is parsed once per device.
        private ParsedBase _lastBase;

        private sealed class ParsedBase
        {
            public ParsedBase(string text, HttpUrl url)
            {
                Text = text;
                Url = url;
            }

            public string Text { get; private set; }
            public HttpUrl Url { get; private set; }
        }

        public HttpResponse Send(HttpRequest request, IByteSink sink)
        {
            HttpUrl url;
            string target;
            if (request.BaseUrl != null)
            {
                ParsedBase parsed = _lastBase;
                if (parsed == null || parsed.Text != request.BaseUrl)
                {
                    parsed = new ParsedBase(request.BaseUrl, HttpUrl.Parse(request.BaseUrl));
                    _lastBase = parsed;
                }
                url = parsed.Url;
                target = url == null ? null : HttpUrl.JoinTarget(url.Target, request.UrlSuffix);
            }
            else
            {
                url = HttpUrl.Parse(request.Url);
                target = url == null ? null : url.Target;
            }
            if (url == null || target == null) return HttpResponse.Failed(HttpOutcome.InvalidUrl, "not an absolute http or https URL");
            long deadline = _clock.MonotonicMilliseconds + request.TimeoutMs;
            ITcpConnection connection;
            ConnectOutcome connected = _tcp.Connect(url.Host, url.Port, request.TimeoutMs, out connection);
            if (connected != ConnectOutcome.Connected)
            {
                return HttpResponse.Failed(connected == ConnectOutcome.TimedOut ? HttpOutcome.TimedOut : HttpOutcome.ConnectFailed, "could not connect (" + ConnectText(connected) + ")");
            }
            try
            {
                if (url.Https)
                {
                    SocketTcpConnection plain = connection as SocketTcpConnection;
                    if (plain == null) return HttpResponse.Failed(HttpOutcome.TlsFailed, "this connector cannot carry TLS");
                    string error;
                    long left = deadline - _clock.MonotonicMilliseconds;
                    TlsTcpConnection tls = TlsTcpConnection.Handshake(plain.Socket, url.Host, left < 1 ? 1 : (int)left, out error);
                    if (tls == null)
                    {
                        connection = null;
                        return HttpResponse.Failed(HttpOutcome.TlsFailed, error);
                    }
                    connection = tls;
                }
                return Http11Exchange.Run(connection, request, url.HostHeader, target, sink, _clock, deadline);
            }
            catch (OutOfMemoryException)
            {
                return HttpResponse.Failed(HttpOutcome.ProtocolError, "the dongle ran out of memory reading the answer");
            }
            finally
            {
                if (connection != null) connection.Dispose();
            }
        }

        private static string ConnectText(ConnectOutcome outcome)
        {
            switch (outcome)
            {
                case ConnectOutcome.Refused: return "refused";
                case ConnectOutcome.TimedOut: return "timed out";
                case ConnectOutcome.Unreachable: return "unreachable or name not found";
                case ConnectOutcome.InvalidAddress: return "invalid address";
                default: return "failed";
            }
        }
    }
}
