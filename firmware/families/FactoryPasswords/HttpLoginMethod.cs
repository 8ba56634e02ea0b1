using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// An HTTP Basic or Digest login (whichever the device challenges with, by the engine's
    /// <see cref="AuthenticatedHttp"/>) on a resource that needs it: the vendor API's login check where the family has
    /// one (<see cref="LoginUrl"/>), the web page otherwise. 2xx is accepted, 401 refused; a page that asks for no
    /// login at all tests nothing and is unavailable, as is a closed port. Signs of a lockout stop the check:
    /// Hikvision's userCheck body with lockStatus "lock" or few retries left (retryLoginTime at or below
    /// <see cref="RetriesFloor"/>, so the owner's own login still works), status 423, 429 or 403, or a body that says
    /// "locked".
    /// </summary>
    public sealed class HttpLoginMethod : ILoginMethod
    {
        /// <summary>Stop while the device still allows this many failed logins.</summary>
        public const int RetriesFloor = 2;

        private readonly IHttpTransport _http;
        private readonly IRandomSource _random;
        private readonly string _url;
        private readonly string _name;
        private readonly int _timeoutMs;
        private readonly LastBodySink _body = new LastBodySink(4096);

        public HttpLoginMethod(IHttpTransport http, IRandomSource random, string url, int timeoutMs)
            : this(http, random, url, timeoutMs, "http")
        {
        }

        /// <param name="name">How the verdict names the login: "http", "Hikvision ISAPI", "RouterOS REST".</param>
        public HttpLoginMethod(IHttpTransport http, IRandomSource random, string url, int timeoutMs, string name)
        {
            _http = http;
            _random = random;
            _url = url;
            _timeoutMs = timeoutMs;
            _name = name;
        }

        public string Name { get { return _name; } }

        /// <summary>
        /// The login resource for a profile on a device at this origin (http://host:port): Hikvision ISAPI's
        /// /ISAPI/Security/userCheck (Digest; the camera's own login check, which also reports the lock state),
        /// RouterOS REST's /rest/system/resource (Basic, RouterOS 7), the web page otherwise.
        /// </summary>
        public static string LoginUrl(string origin, string profile)
        {
            if (profile == "hikvision") return origin + "/ISAPI/Security/userCheck";
            if (profile == "routeros") return origin + "/rest/system/resource";
            return origin + "/";
        }

        /// <summary>The verdict's name for the profile's login.</summary>
        public static string NameFor(string profile)
        {
            if (profile == "hikvision") return "Hikvision ISAPI";
            if (profile == "routeros") return "RouterOS REST";
            return "http";
        }

        public int Try(string user, string password)
        {
            HttpRequest request = new HttpRequest("GET", _url);
            request.TimeoutMs = _timeoutMs;
            request.MaxBodyBytes = 64 * 1024;
            request.MaxHeaderBytes = 8 * 1024;
            AuthenticatedHttp client = new AuthenticatedHttp(_http, new HttpCredentials(user, password), _random);
            client.MaxChallengeBodyBytes = 8 * 1024;
            _body.Clear();
            AuthenticatedResponse answer = client.Send(request, _body);
            HttpResponse response = answer.Response;
            if (response != null && response.Outcome == HttpOutcome.ConnectFailed) return FactoryLogin.Unavailable;
            string body = _body.Text();
            if (LockedOut(response, body)) return FactoryLogin.Lockout;
            if (answer.Outcome == AuthOutcome.CredentialsRefused) return FactoryLogin.Refused;
            if (answer.Outcome == AuthOutcome.Completed && client.ResourceIsOpen) return FactoryLogin.Unavailable;
            if (answer.Outcome == AuthOutcome.Completed && response != null && response.StatusCode >= 200 && response.StatusCode < 300) return FactoryLogin.Accepted;
            return FactoryLogin.Failed;
        }

        private static bool LockedOut(HttpResponse response, string body)
        {
            if (response != null && (response.StatusCode == 423 || response.StatusCode == 429 || response.StatusCode == 403)) return true;
            // A page that let us in may well say "unlocked" somewhere: only refusals are read for a lock.
            if (body == null || (response != null && response.StatusCode >= 200 && response.StatusCode < 300)) return false;
            string lower = Ordinal.ToLowerAscii(body);
            if (lower.IndexOf("<lockstatus>lock</lockstatus>") >= 0) return true;
            int at = lower.IndexOf("<retrylogintime>");
            if (at >= 0)
            {
                int value = 0;
                int digits = 0;
                for (int i = at + 16; i < lower.Length && digits < 4 && lower[i] >= '0' && lower[i] <= '9'; i++, digits++) value = value * 10 + (lower[i] - '0');
                if (digits > 0 && value <= RetriesFloor) return true;
            }
            return lower.IndexOf("locked") >= 0;
        }
    }
}
