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
    [DataRow("plain")] [DataRow("ünïcødé € \U0001F600")] [DataRow("quote\" back\\slash")]
    public void WriteCallBody_WritesCallBodysBytes_IntoAKeptBufferOnlyGrownWhenTooSmall(string value)
    {
        var expected = UbusRequestText.CallBody(7, "s", "file", "read", null, "path", value, null, null);
        // A buffer still holding a longer earlier request: the new one is written over its start and its length reported.
        var kept = Enumerable.Repeat((byte)'x', expected.Length + 40).ToArray();
        var written = UbusRequestText.WriteCallBody(kept, 16, 7, "s", "file", "read", null, "path", value, null, null, out var length);
        Assert.AreSame(kept, written, "a buffer large enough is reused");
        Assert.AreEqual(expected.Length, length);
        CollectionAssert.AreEqual(expected, written.Take(length).ToArray());

        var small = new byte[expected.Length - 1];
        var grown = UbusRequestText.WriteCallBody(small, 16, 7, "s", "file", "read", null, "path", value, null, null, out length);
        Assert.AreNotSame(small, grown);
        Assert.HasCount(expected.Length, grown, "grown to the exact size when that is above the minimum");
        CollectionAssert.AreEqual(expected, grown.Take(length).ToArray());

        var first = UbusRequestText.WriteCallBody(null, 1024, 7, "s", "file", "read", null, "path", value, null, null, out length);
        Assert.HasCount(1024, first, "the first buffer has the minimum size");
        CollectionAssert.AreEqual(expected, first.Take(length).ToArray());
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
