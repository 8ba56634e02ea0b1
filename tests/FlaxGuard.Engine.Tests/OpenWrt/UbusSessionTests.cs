using System.Text;
using System.Text.Json;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>Login answers, the ACL test that tells an expired session from a denied call, and the one-renewal bound.</summary>
[TestClass]
public sealed class UbusSessionTests
{
    private const string Sid = "0123456789abcdef0123456789abcdef";

    /// <summary>Answers each request with the next scripted body, echoing the request's JSON-RPC id.</summary>
    private sealed class ScriptedTransport(params string[] results) : IHttpTransport
    {
        private int _next;

        public List<JsonElement> Requests { get; } = [];

        /// <summary>The body array of each request, as the transport got it (read after the calls).</summary>
        public List<byte[]> Bodies { get; } = [];

        public HttpResponse Send(HttpRequest request, IByteSink sink)
        {
            // Only the first BodyLength bytes are the request: the client writes every body into one kept buffer.
            using var doc = JsonDocument.Parse(request.Body.AsMemory(0, request.BodyLength));
            Bodies.Add(request.Body);
            Requests.Add(doc.RootElement.Clone());
            var id = doc.RootElement.GetProperty("id").GetInt32();
            var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":" + id + "," + results[_next++] + "}");
            sink.Write(body, 0, body.Length);
            return new HttpResponse(HttpOutcome.Completed, 200, [new HttpHeader("Content-Type", "application/json")], 1, body.Length, null, null);
        }
    }

    private sealed class FixedClock : IClock
    {
        public long UtcUnixMilliseconds => 0;
        public long MonotonicMilliseconds => 1000;
    }

    private static (UbusSession Session, ScriptedTransport Transport) Start(params string[] results)
    {
        var transport = new ScriptedTransport(results);
        var options = new UbusOptions { Credentials = new HttpCredentials("root", "pa\"ss") };
        var client = new UbusClient(transport, new FixedClock(), options, "http://192.0.2.1:80/ubus", 1000 + 30000);
        return (new UbusSession(client, options.Credentials), transport);
    }

    private static string LoginOk(string acls = "{\"ubus\":{\"system\":[\"board\",\"info\"],\"uci\":[\"*\"]}}") =>
        "\"result\":[0,{\"ubus_rpc_session\":\"" + Sid + "\",\"timeout\":300,\"expires\":300,\"acls\":" + acls + ",\"data\":{\"username\":\"root\"}}]";

    private const string Denied = "\"error\":{\"code\":-32002,\"message\":\"Access denied\"}";

    [TestMethod]
    public void Login_SendsTheCredentialsToSessionLogin_WithTheAnonymousSession()
    {
        var (session, transport) = Start(LoginOk());
        Assert.IsNull(session.Login());
        var p = transport.Requests[0].GetProperty("params");
        Assert.AreEqual(UbusStatus.AnonymousSession, p[0].GetString());
        Assert.AreEqual("session", p[1].GetString());
        Assert.AreEqual("login", p[2].GetString());
        Assert.AreEqual("pa\"ss", p[3].GetProperty("password").GetString());
        Assert.AreEqual(300, session.TimeoutSeconds);
        Assert.IsTrue(session.Granted("uci", "get"));
        Assert.IsTrue(session.Granted("system", "board"));
        Assert.IsFalse(session.Granted("file", "read"));
    }

    [TestMethod]
    public void EveryCall_WritesItsBodyIntoOneKeptBuffer_ThatKeepsNoPasswordAfterTheLogin()
    {
        var (session, transport) = Start(LoginOk(), "\"result\":[0,{\"kernel\":\"5.15\"}]", "\"result\":[0,{\"release\":{}}]");
        Assert.IsNull(session.Login());
        Assert.AreEqual(UbusReplyKind.Ok, session.Call("system", "board", null, "system board").Kind);
        Assert.AreEqual(UbusReplyKind.Ok, session.Call("system", "info", null, "system info").Kind);
        Assert.HasCount(3, transport.Bodies);
        Assert.AreSame(transport.Bodies[0], transport.Bodies[1], "one buffer for every request");
        Assert.AreSame(transport.Bodies[0], transport.Bodies[2]);
        Assert.AreEqual("system", transport.Requests[1].GetProperty("params")[1].GetString(), "each request was whole when sent");
        Assert.AreEqual("info", transport.Requests[2].GetProperty("params")[2].GetString());
        Assert.IsTrue(transport.Bodies[0].All(b => b == 0), "the buffer is cleared after each call, so the password does not stay on the heap");
    }

    [TestMethod]
    [DataRow("\"result\":[6]", "the device refused the credentials (ubus session login answered \"permission denied\" for user root)")]
    [DataRow("\"result\":[2]", "ubus status 2 (invalid argument)")]
    [DataRow("\"error\":{\"code\":-32000,\"message\":\"Object not found\"}", "no ubus session object")]
    [DataRow("\"result\":[0]", "sent no session")]
    [DataRow("\"result\":[0,{\"ubus_rpc_session\":\"xyz\"}]", "not 32 hexadecimal digits")]
    [DataRow("\"result\":[0,{\"ubus_rpc_session\":12}]", "not 32 hexadecimal digits")]
    [DataRow("\"result\":[0,{\"ubus_rpc_session\":\"" + Sid + "\",\"acls\":[]}]", "access list that is a JSON array")]
    [DataRow("\"result\":[0,{\"ubus_rpc_session\":\"" + Sid + "\",\"acls\":{\"ubus\":\"*\"}}]", "ubus access list that is a JSON string")]
    public void Login_Problems_AreExplained_WithoutThePassword(string result, string reason)
    {
        var (session, _) = Start(result);
        var problem = session.Login();
        Assert.IsNotNull(problem);
        StringAssert.Contains(problem, reason);
        Assert.DoesNotContain("pa\"ss", problem);
    }

    [TestMethod]
    public void DenialOfAGrantedCall_LogsInOnceMore_AndRepeatsTheCall()
    {
        var (session, transport) = Start(LoginOk(), Denied, LoginOk(), "\"result\":[0,{\"kernel\":\"5.15\"}]");
        Assert.IsNull(session.Login());
        var reply = session.Call("system", "board", "{}", "system board");
        Assert.AreEqual(UbusReplyKind.Ok, reply.Kind);
        Assert.AreEqual(2, session.Logins);
        Assert.HasCount(4, transport.Requests);
        Assert.AreEqual(Sid, transport.Requests[3].GetProperty("params")[0].GetString());
    }

    [TestMethod]
    public void DenialTheAclExplains_IsNotRetried()
    {
        var (session, transport) = Start(LoginOk(), Denied);
        Assert.IsNull(session.Login());
        var reply = session.Call("file", "read", "{}", "reading the key file");
        Assert.AreEqual(UbusReplyKind.RpcError, reply.Kind);
        Assert.AreEqual(1, session.Logins);
        Assert.HasCount(2, transport.Requests);
        StringAssert.Contains(session.Explain(reply, "file", "read", "reading the key file"), "the account may not call reading the key file");
    }

    [TestMethod]
    public void SecondDenialAfterRenewal_EndsWithSessionMessage_AndNoThirdLogin()
    {
        var (session, transport) = Start(LoginOk(), Denied, LoginOk(), Denied, Denied);
        Assert.IsNull(session.Login());
        var first = session.Call("system", "info", "{}", "system info");
        Assert.AreEqual(UbusReplyKind.RpcError, first.Kind);
        StringAssert.Contains(session.Explain(first, "system", "info", "system info"), "ended the login session during the check, twice");
        var second = session.Call("system", "info", "{}", "system info");
        Assert.AreEqual(UbusReplyKind.RpcError, second.Kind);
        Assert.AreEqual(UbusSession.MaxLogins, session.Logins);
        Assert.HasCount(5, transport.Requests);
    }

    [TestMethod]
    public void Grants_FollowTheGlobPatternsOfTheLoginAcl_ForTheCallsTheProbeMakes()
    {
        var (session, _) = Start(LoginOk("{\"ubus\":{\"sys*\":[\"bo*\"],\"uci\":[\"get\",5],\"file\":\"read\",\"*\":[\"list\"]}}"));
        Assert.IsNull(session.Login());
        Assert.IsTrue(session.Granted("system", "board"));
        Assert.IsFalse(session.Granted("system", "info"));
        Assert.IsTrue(session.Granted("uci", "get"));
        Assert.IsFalse(session.Granted("file", "read"), "a function list that is not an array grants nothing");
        Assert.IsTrue(session.Granted("rc", "list"));
        Assert.IsFalse(session.Granted("network", "list"), "calls the probe does not make count as not granted");
    }

    [TestMethod]
    public void Grants_ReadPatternsWithEscapes_LongPatterns_AndNonAsciiPatterns_AsTheirText()
    {
        // Escaped and over-long patterns are not read in place; they must match exactly as their unescaped text does.
        var longObject = "f" + new string('*', 80) + "e";
        var acl = "{\"ubus\":{\"sys\\u0074em\":[\"b\\u006fard\",\"inf\u00e9\"],\"" + longObject + "\":[\"r" + new string('*', 70) + "d\"],"
            + "\"rc\":[\"l\u00efst\",\"*s\\u002a\"],\"\u00fcci\":[\"*\"],\"luci\":[\"getProcessList\"]}}";
        var (session, _) = Start(LoginOk(acl));
        Assert.IsNull(session.Login());
        Assert.IsTrue(session.Granted("system", "board"), "escaped object and method names");
        Assert.IsFalse(session.Granted("system", "info"), "a non-ASCII method is a literal");
        Assert.IsTrue(session.Granted("file", "read"), "patterns longer than the in-place buffer");
        Assert.IsFalse(session.Granted("file", "list"), "the long method pattern needs an r and a d");
        Assert.IsTrue(session.Granted("rc", "list"), "an escaped '*' is still a wildcard after unescaping, as fnmatch reads the text");
        Assert.IsFalse(session.Granted("uci", "get"), "a non-ASCII object pattern matches nothing");
        Assert.IsTrue(session.Granted("luci", "getProcessList"));
    }

    [TestMethod]
    public void WithoutUbusAcl_NothingIsGranted_AndADenialLeadsToANewLogin()
    {
        var (session, transport) = Start(LoginOk("{}"), Denied, LoginOk("{}"), "\"result\":[0,{\"kernel\":\"5.15\"}]");
        Assert.IsNull(session.Login());
        Assert.IsFalse(session.Granted("system", "board"));
        Assert.AreEqual(UbusReplyKind.Ok, session.Call("system", "board", "{}", "system board").Kind);
        Assert.HasCount(4, transport.Requests);
    }

    [TestMethod]
    [DataRow(6, "denied system board to this account (ubus status 6, permission denied)")]
    [DataRow(4, "nothing for system board (ubus status 4, not found)")]
    [DataRow(7, "ubus status 7 (request timed out)")]
    public void StatusReplies_AreExplained(int status, string reason)
    {
        var (session, _) = Start(LoginOk());
        Assert.IsNull(session.Login());
        StringAssert.Contains(session.Explain(UbusReply.WithStatus(status), "system", "board", "system board"), reason);
    }
}
