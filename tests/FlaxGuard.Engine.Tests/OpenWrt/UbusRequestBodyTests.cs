using System.Text;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>The request body written straight to bytes is byte for byte the UTF-8 of the request text.</summary>
[TestClass]
public sealed class UbusRequestBodyTests
{
    [TestMethod]
    [DataRow("plain")] [DataRow("quote\" back\\slash")] [DataRow("ctl\u0001\u001f\u007f tab\t nl\n")] [DataRow("ünïcødé € \U0001F600")]
    [DataRow("lone \uD800 high")] [DataRow("\uDC00")] [DataRow("")] [DataRow("é\"é\\é")]
    public void CallBody_IsTheUtf8OfCall_ForEveryArgumentForm(string value)
    {
        foreach (var id in new[] { 1, 9, 10, 12345, int.MaxValue })
        {
            var two = UbusRequestText.Call(id, UbusStatus.AnonymousSession, "session", "login", UbusRequestText.Object(["username", "password"], [value, value + "!"]));
            CollectionAssert.AreEqual(Utf8.GetBytes(two), UbusRequestText.CallBody(id, UbusStatus.AnonymousSession, "session", "login", null, "username", value, "password", value + "!"));

            var one = UbusRequestText.Call(id, "0123456789abcdef0123456789abcdef", "uci", "get", UbusRequestText.Object(["config"], [value]));
            CollectionAssert.AreEqual(Utf8.GetBytes(one), UbusRequestText.CallBody(id, "0123456789abcdef0123456789abcdef", "uci", "get", null, "config", value, null, null));

            var none = UbusRequestText.Call(id, value, "system", "board", "{}");
            CollectionAssert.AreEqual(Utf8.GetBytes(none), UbusRequestText.CallBody(id, value, "system", "board", null, null, null, null, null));

            var raw = UbusRequestText.Call(id, "s", "file", "read", "{\"path\":\"" + value.Length + "\"}");
            CollectionAssert.AreEqual(Utf8.GetBytes(raw), UbusRequestText.CallBody(id, "s", "file", "read", "{\"path\":\"" + value.Length + "\"}", null, null, null, null));
        }
    }

    [TestMethod]
    public void CallBody_IsJsonThatSystemTextJsonReadsBack()
    {
        var body = UbusRequestText.CallBody(3, "sid", "file", "read", null, "path", "/etc/dropbear/authorized_keys", null, null);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        Assert.AreEqual(3, doc.RootElement.GetProperty("id").GetInt32());
        Assert.AreEqual("/etc/dropbear/authorized_keys", doc.RootElement.GetProperty("params")[3].GetProperty("path").GetString());
        Assert.AreEqual("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"call\",\"params\":[\"sid\",\"file\",\"read\",{\"path\":\"/etc/dropbear/authorized_keys\"}]}", Encoding.UTF8.GetString(body));
    }
}
