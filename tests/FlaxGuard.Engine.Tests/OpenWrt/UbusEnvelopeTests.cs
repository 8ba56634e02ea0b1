using System.Text;
using System.Text.Json;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>The ubus JSON-RPC envelope rules (uhttpd ubus.c) and the request text, checked against System.Text.Json.</summary>
[TestClass]
public sealed class UbusEnvelopeTests
{
    private static UbusReply Interpret(string json, int id = 7) =>
        UbusClient.Interpret(Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetByteCount(json), id, "system board");

    [TestMethod]
    public void CallName_WithTail_IsTheConcatenationItReplaces()
    {
        foreach (var (what, tail) in new[] { ("reading ", "/etc/hosts"), ("the listing of ", "/overlay/upper/etc"), ("system board", (string?)null), ("reading ", "") })
        {
            var expected = tail == null ? what : what + tail;
            Assert.AreEqual(expected, UbusClient.Subject(what, tail));
        }
    }

    [TestMethod]
    public void SuccessWithData_GivesTheDataObject()
    {
        var reply = Interpret("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0,{\"kernel\":\"5.15.167\"}]}");
        Assert.AreEqual(UbusReplyKind.Ok, reply.Kind);
        Assert.AreEqual("5.15.167", reply.Data.MemberText("kernel"));
    }

    [TestMethod]
    public void SuccessWithoutData_HasNullData()
    {
        var reply = Interpret("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0]}");
        Assert.AreEqual(UbusReplyKind.Ok, reply.Kind);
        Assert.IsNull(reply.Data);
    }

    [TestMethod]
    [DataRow(6)]
    [DataRow(4)]
    [DataRow(2)]
    public void StatusOnly_IsAStatusReply(int status)
    {
        var reply = Interpret("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[" + status + "]}");
        Assert.AreEqual(UbusReplyKind.Status, reply.Kind);
        Assert.AreEqual(status, reply.Code);
    }

    [TestMethod]
    public void AccessDenied_IsAnRpcError_WithTheCleanedMessage()
    {
        var reply = Interpret("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32002,\"message\":\"Access\\ndenied\"}}");
        Assert.AreEqual(UbusReplyKind.RpcError, reply.Kind);
        Assert.AreEqual(UbusStatus.RpcAccessDenied, reply.Code);
        Assert.AreEqual("Access denied", reply.Reason);
    }

    [TestMethod]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0,{\"a\":1}]", "truncated")]
    [DataRow("[0,{}]", "JSON array, not the JSON-RPC object")]
    [DataRow("{\"jsonrpc\":\"1.0\",\"id\":7,\"result\":[0]}", "\"jsonrpc\": \"2.0\"")]
    [DataRow("{\"jsonrpc\":2.0,\"id\":7,\"result\":[0]}", "\"jsonrpc\": \"2.0\"")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":[0]}", "another request id")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":[0]}", "another request id")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7}", "neither a result nor an error")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":0}", "result that is a JSON number, not the [status, data] array")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0,\"values\"]}", "data that is a JSON string, not an object")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0,[]]}", "data that is a JSON array, not an object")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[]}", "result array of 0 elements")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0,{},{}]}", "result array of 3 elements")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[\"0\",{}]}", "status is not a ubus status number")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[1.5]}", "status is not a ubus status number")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[6,{}]}", "data next to a failure status")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":\"denied\"}", "error that is a JSON string")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"message\":\"x\"}}", "without a numeric code")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32002,\"message\":\"x\"},\"result\":[0]}", "both a result and an error")]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":7,\"id\":7,\"result\":[0]}", "repeats the member name")]
    [DataRow("", "empty")]
    public void MalformedEnvelope_FailsWithAReason(string json, string reason)
    {
        var reply = Interpret(json);
        Assert.AreEqual(UbusReplyKind.Failed, reply.Kind, json);
        StringAssert.Contains(reply.Reason, reason);
        StringAssert.Contains(reply.Reason, "system board");
    }

    [TestMethod]
    public void DeepNesting_IsRefusedByTheLimit_NotByTheStack()
    {
        var json = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[0,{\"values\":" + new string('[', 200_000) + new string(']', 200_000) + "}]}";
        var reply = Interpret(json);
        Assert.AreEqual(UbusReplyKind.Failed, reply.Kind);
        StringAssert.Contains(reply.Reason, "nested deeper than 12 levels");
    }

    [TestMethod]
    [DataRow("plain")]
    [DataRow("quote\" back\\slash")]
    [DataRow("ctl\u0001\u001f\u007f tab\t nl\n")]
    [DataRow("ünïcødé €")]
    public void RequestText_IsValidJson_ThatSystemTextJsonReadsBackExactly(string password)
    {
        var args = UbusRequestText.Object(["username", "password"], ["root", password]);
        var text = UbusRequestText.Call(42, UbusStatus.AnonymousSession, "session", "login", args);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.AreEqual("2.0", root.GetProperty("jsonrpc").GetString());
        Assert.AreEqual(42, root.GetProperty("id").GetInt32());
        Assert.AreEqual("call", root.GetProperty("method").GetString());
        var p = root.GetProperty("params");
        Assert.AreEqual(4, p.GetArrayLength());
        Assert.AreEqual(UbusStatus.AnonymousSession, p[0].GetString());
        Assert.AreEqual("session", p[1].GetString());
        Assert.AreEqual("login", p[2].GetString());
        Assert.AreEqual(password, p[3].GetProperty("password").GetString());
    }

    [TestMethod]
    [DataRow("0", true, 0)]
    [DataRow("-32002", true, -32002)]
    [DataRow("2147483647", true, int.MaxValue)]
    [DataRow("2147483648", false, 0)]
    [DataRow("1e3", false, 0)]
    [DataRow("12345678901", false, 0)]
    public void TryInteger_AcceptsOnlyPlainIntegers(string number, bool ok, int value)
    {
        var json = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[" + number + "]}";
        var root = FlaxGuard.Engine.Json.JsonParser.Parse(Encoding.ASCII.GetBytes(json), 0, json.Length, UbusClient.Limits, out _);
        Assert.AreEqual(ok, UbusClient.TryInteger(root.Member("result").Item(0), out var parsed));
        Assert.AreEqual(value, parsed);
    }
}
