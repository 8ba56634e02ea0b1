using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// OpenWrt's own login: rpcd's session.login over uhttpd's ubus JSON-RPC (POST /ubus), the call LuCI makes.
    /// A session id back is accepted; ubus status 6 (permission denied, rpcd's answer to a wrong login) is refused;
    /// a closed port or no /ubus (404) is unavailable; anything else is unclear. The session is left to expire
    /// (rpcd's timeout), as nothing is read with it.
    /// </summary>
    public sealed class UbusLoginMethod : ILoginMethod
    {
        private readonly IHttpTransport _http;
        private readonly IClock _clock;
        private readonly string _url;
        private readonly int _timeoutMs;

        public UbusLoginMethod(IHttpTransport http, IClock clock, string origin, int timeoutMs)
        {
            _http = http;
            _clock = clock;
            _url = origin + "/ubus";
            _timeoutMs = timeoutMs;
        }

        public string Name { get { return "OpenWrt ubus"; } }

        public int Try(string user, string password)
        {
            UbusOptions options = new UbusOptions();
            options.RequestTimeoutMs = _timeoutMs;
            options.TotalTimeoutMs = _timeoutMs;
            options.MaxResponseBytes = 16 * 1024;
            ProbeTransport transport = new ProbeTransport(_http);
            UbusClient client = new UbusClient(transport, _clock, options, _url, _clock.MonotonicMilliseconds + _timeoutMs);
            UbusReply reply = client.Call(UbusStatus.AnonymousSession, "session", "login", "username", user, "password", password, "the login");
            if (transport.ConnectFailed || transport.LastStatus == 404) return FactoryLogin.Unavailable;
            if (transport.LastStatus == 403 || transport.LastStatus == 429) return FactoryLogin.Lockout;
            if (reply.Kind == UbusReplyKind.Status && reply.Code == UbusStatus.PermissionDenied) return FactoryLogin.Refused;
            if (reply.Kind == UbusReplyKind.Ok && reply.Data != null)
            {
                Json.JsonValue sid = reply.Data.Member("ubus_rpc_session");
                if (sid != null && sid.Kind == Json.JsonKind.String && sid.Text.Length == 32) return FactoryLogin.Accepted;
            }
            return FactoryLogin.Failed;
        }

        /// <summary>Passes requests on and remembers how the last one ended (the ubus client only says why in words).</summary>
        private sealed class ProbeTransport : IHttpTransport
        {
            private readonly IHttpTransport _inner;

            public ProbeTransport(IHttpTransport inner)
            {
                _inner = inner;
            }

            public bool ConnectFailed { get; private set; }

            public int LastStatus { get; private set; }

            public HttpResponse Send(HttpRequest request, IByteSink body)
            {
                HttpResponse response = _inner.Send(request, body);
                ConnectFailed = response.Outcome == HttpOutcome.ConnectFailed;
                LastStatus = response.StatusCode;
                return response;
            }
        }
    }
}
