using System;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// An rpcd login session over <see cref="UbusClient"/>. rpcd sessions expire after 300 s without use and
    /// vanish on reboot; uhttpd then answers "Access denied" (-32002), the same answer as for a call the
    /// account's ACL does not grant. The ACL returned at login tells the two apart: a denied call the ACL
    /// grants means the session is gone, so the session logs in once more and repeats the call (at most one
    /// new login per check). The password goes only into the login request, never into a reason.
    /// </summary>
    public sealed class UbusSession
    {
        public const int MaxLogins = 2;

        private readonly UbusClient _client;
        private readonly HttpCredentials _credentials;
        // The calls the probe makes after logging in; the login answer's ACL is read for these only, once, so the
        // answer itself is not kept (it would hold the whole parsed login reply for the rest of the run).
        private static readonly string[] CheckedObjects = new string[] { "system", "system", "uci", "file", "rc", "file", "luci" };
        private static readonly string[] CheckedMethods = new string[] { "board", "info", "get", "read", "list", "list", "getProcessList" };

        private string _sid;
        private bool _hasUbusAcl;
        private int _granted;

        public UbusSession(UbusClient client, HttpCredentials credentials)
        {
            if (client == null) throw new ArgumentNullException("client");
            if (credentials == null) throw new ArgumentNullException("credentials");
            _client = client;
            _credentials = credentials;
        }

        public int Logins { get; private set; }

        /// <summary>The client's parse table: void after the next call, for a reader that parses after the last ubus call.</summary>
        internal JsonEntryBuffer AnswerTable { get { return _client.AnswerTable; } }

        /// <summary>The session id of the current login (null before one); a secret: it goes into requests only, never into facts or text.</summary>
        public string SessionId { get { return _sid; } }

        /// <summary>Seconds rpcd keeps an idle session, as the login answer said (0 when it did not say).</summary>
        public int TimeoutSeconds { get; private set; }

        /// <summary>Logs in; null on success, else why not in plain words.</summary>
        public string Login()
        {
            if (Logins >= MaxLogins) return "the device ended the login session again right after a new login";
            Logins++;
            _sid = null;
            UbusReply reply = _client.Call(UbusStatus.AnonymousSession, "session", "login", "username", _credentials.Username, "password", _credentials.Password, "the login (session login)");
            if (reply.Kind == UbusReplyKind.Failed) return reply.Reason;
            if (reply.Kind == UbusReplyKind.Status)
            {
                if (reply.Code == UbusStatus.PermissionDenied) return AuthenticatedHttp.RefusedReason + " (ubus session login answered \"permission denied\" for " + _credentials.ToString() + ")";
                return "the device refused the login with ubus status " + reply.Code.ToString() + " (" + UbusStatus.Describe(reply.Code) + ")";
            }
            if (reply.Kind == UbusReplyKind.RpcError)
            {
                if (reply.Code == UbusStatus.RpcObjectNotFound) return "the device has no ubus session object (rpcd is not running)";
                return "the device refused the login with JSON-RPC error " + reply.Code.ToString() + " (" + reply.Reason + ")";
            }
            if (reply.Data == null) return "the device accepted the login but sent no session";
            JsonValue sid = reply.Data.Member("ubus_rpc_session");
            string sidText = sid == null || sid.Kind != JsonKind.String ? null : sid.Text;
            if (!IsSessionId(sidText)) return "the device accepted the login but its session id is not 32 hexadecimal digits";
            int timeout;
            TimeoutSeconds = UbusClient.TryInteger(reply.Data.Member("timeout"), out timeout) && timeout > 0 ? timeout : 0;
            JsonValue acls = reply.Data.Member("acls");
            if (acls != null && !acls.IsObject) return "the device's login answer has an access list that is a JSON " + UbusClient.KindName(acls) + ", not an object";
            JsonValue ubus = acls == null ? null : acls.Member("ubus");
            if (ubus != null && !ubus.IsObject) return "the device's login answer has a ubus access list that is a JSON " + UbusClient.KindName(ubus) + ", not an object";
            _hasUbusAcl = ubus != null;
            _granted = ubus == null ? 0 : ReadGrants(ubus);
            _sid = sidText;
            return null;
        }

        /// <summary>Calls with the session; a denial the ACL does not explain leads to one new login and one retry.</summary>
        public UbusReply Call(string ubusObject, string method, string argumentsJson, string what)
        {
            return Call(ubusObject, method, argumentsJson == null ? "{}" : argumentsJson, null, null, what);
        }

        /// <summary><see cref="Call(string, string, string, string)"/> with an argument object of one string member (none when the name is null).</summary>
        public UbusReply Call(string ubusObject, string method, string argumentsJson, string argumentName, string argumentValue, string what)
        {
            return Call(ubusObject, method, argumentsJson, argumentName, argumentValue, what, null);
        }

        /// <summary>As above, the call named by <paramref name="what"/> and <paramref name="whatTail"/>, joined only for a reason (see <see cref="UbusClient.Subject"/>).</summary>
        public UbusReply Call(string ubusObject, string method, string argumentsJson, string argumentName, string argumentValue, string what, string whatTail)
        {
            UbusReply reply = Send(ubusObject, method, argumentsJson, argumentName, argumentValue, what, whatTail);
            if (reply.Kind != UbusReplyKind.RpcError || reply.Code != UbusStatus.RpcAccessDenied) return reply;
            if (_hasUbusAcl && !Granted(ubusObject, method)) return reply;
            if (Logins >= MaxLogins) return reply;
            string problem = Login();
            if (problem != null) return UbusReply.Failure("the login session ended and logging in again failed: " + problem);
            return Send(ubusObject, method, argumentsJson, argumentName, argumentValue, what, whatTail);
        }

        private UbusReply Send(string ubusObject, string method, string argumentsJson, string argumentName, string argumentValue, string what, string whatTail)
        {
            if (argumentsJson != null) return _client.Call(_sid, ubusObject, method, argumentsJson, UbusClient.Subject(what, whatTail));
            return _client.Call(_sid, ubusObject, method, argumentName, argumentValue, null, null, what, whatTail);
        }

        /// <summary>
        /// Whether the login answer's ubus ACL lets this session call object.method (rpcd matches with fnmatch; '*' is
        /// what stock ACLs use). Known for the calls the probe makes (system board/info, uci get, file read/list, rc list, luci getProcessList);
        /// any other call counts as not granted.
        /// </summary>
        public bool Granted(string ubusObject, string method)
        {
            if (!_hasUbusAcl) return false;
            for (int i = 0; i < CheckedObjects.Length; i++)
            {
                if (CheckedObjects[i] == ubusObject && CheckedMethods[i] == method) return (_granted & (1 << i)) != 0;
            }
            return false;
        }

        // One bit per checked call the ACL grants: each object pattern and method pattern read once, in place through one
        // small buffer (the checked names are ASCII); a pattern with escapes or longer than the buffer is read as a string.
        private static int ReadGrants(JsonValue ubusAcl)
        {
            byte[] raw = new byte[PatternBytes];
            int granted = 0;
            for (int i = 0; i < ubusAcl.Count; i++)
            {
                int length = ubusAcl.KeyRawAt(i, raw);
                string objectPattern = length < 0 ? ubusAcl.KeyAt(i) : null;
                int candidates = 0;
                for (int c = 0; c < CheckedObjects.Length; c++)
                {
                    if ((granted & (1 << c)) == 0 && Matches(objectPattern, raw, length, CheckedObjects[c])) candidates |= 1 << c;
                }
                if (candidates == 0) continue;
                if (ubusAcl.KindAt(i) != JsonKind.Array) continue;
                JsonValue functions = ubusAcl.Item(i);
                for (int k = 0; k < functions.Count && candidates != 0; k++)
                {
                    if (functions.KindAt(k) != JsonKind.String) continue;
                    length = functions.RawTextAt(k, raw);
                    string methodPattern = length < 0 ? functions.TextAt(k) : null;
                    for (int c = 0; c < CheckedMethods.Length; c++)
                    {
                        if ((candidates & (1 << c)) == 0 || !Matches(methodPattern, raw, length, CheckedMethods[c])) continue;
                        granted |= 1 << c;
                        candidates &= ~(1 << c);
                    }
                }
            }
            return granted;
        }

        // Longer than any stock ACL object or method pattern.
        private const int PatternBytes = 64;

        // Ordinal.GlobMatch of the pattern given as a string or, when that is null, as raw[0, length) (UTF-8; matched
        // against ASCII names, a non-ASCII byte is a literal that matches nothing, as its character would be).
        private static bool Matches(string pattern, byte[] raw, int length, string name)
        {
            if (pattern != null) return Ordinal.GlobMatch(pattern, name);
            int p = 0, t = 0, starP = -1, starT = 0;
            while (t < name.Length)
            {
                if (p < length && raw[p] == '*')
                {
                    starP = p++;
                    starT = t;
                }
                else if (p < length && raw[p] == name[t])
                {
                    p++;
                    t++;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    t = ++starT;
                }
                else
                {
                    return false;
                }
            }
            while (p < length && raw[p] == '*') p++;
            return p == length;
        }

        /// <summary>Why a call that did not succeed could not be used, in words a small-office owner can act on.</summary>
        public string Explain(UbusReply reply, string ubusObject, string method, string what)
        {
            switch (reply.Kind)
            {
                case UbusReplyKind.Failed:
                    return reply.Reason;
                case UbusReplyKind.RpcError:
                    if (reply.Code == UbusStatus.RpcAccessDenied)
                    {
                        if (_hasUbusAcl && !Granted(ubusObject, method))
                        {
                            return "the account may not call " + what + " (its rpcd access list does not grant " + ubusObject + " " + method + "; ubus answered \"Access denied\")";
                        }
                        return "the device ended the login session during the check, twice (ubus answered \"Access denied\" to " + what + ", which the account may call)";
                    }
                    if (reply.Code == UbusStatus.RpcObjectNotFound) return "the device has no ubus object \"" + ubusObject + "\" for " + what;
                    return "the device refused " + what + " with JSON-RPC error " + reply.Code.ToString() + " (" + reply.Reason + ")";
                case UbusReplyKind.Status:
                    if (reply.Code == UbusStatus.PermissionDenied) return "the device denied " + what + " to this account (ubus status 6, permission denied)";
                    if (reply.Code == UbusStatus.NotFound) return "the device has nothing for " + what + " (ubus status 4, not found)";
                    return "the device answered " + what + " with ubus status " + reply.Code.ToString() + " (" + UbusStatus.Describe(reply.Code) + ")";
                default:
                    return "the device gave no data for " + what;
            }
        }

        private static bool IsSessionId(string text)
        {
            if (text == null || text.Length != 32) return false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex) return false;
            }
            return true;
        }
    }
}
