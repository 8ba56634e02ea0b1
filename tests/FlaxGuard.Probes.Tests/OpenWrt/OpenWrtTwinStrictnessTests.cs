using System.Net;
using System.Text.Json;
using FlaxGuard.Lab.Twins.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>The twin answers like uhttpd-mod-ubus and rpcd do (ubus.c json_errors, libubus status codes), checked with .NET's own HTTP client and JSON reader.</summary>
[TestClass]
public sealed class OpenWrtTwinStrictnessTests
{
    private static async Task<(OpenWrtTwin Twin, HttpClient Client, string Sid)> LoggedInAsync()
    {
        var twin = await OpenWrtLab.StartTwinAsync();
        var client = new HttpClient { BaseAddress = twin.BaseUri };
        var login = await UbusRaw.CallAsync(client, UbusRaw.Anonymous, "session", "login", new { username = OpenWrtLab.User, password = OpenWrtLab.Password });
        var data = login.GetProperty("result")[1];
        Assert.AreEqual(0, login.GetProperty("result")[0].GetInt32());
        Assert.AreEqual(300, data.GetProperty("timeout").GetInt32());
        Assert.AreEqual(OpenWrtLab.User, data.GetProperty("data").GetProperty("username").GetString());
        var sid = data.GetProperty("ubus_rpc_session").GetString()!;
        Assert.AreEqual(32, sid.Length);
        return (twin, client, sid);
    }

    private static int ErrorCode(JsonElement reply) => reply.GetProperty("error").GetProperty("code").GetInt32();

    [TestMethod]
    public async Task HttpMethodsAndPaths_FollowUhttpd()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync("/ubus")).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.PutAsync("/ubus", new StringContent("{}"))).StatusCode);
        var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/ubus"));
        Assert.AreEqual(HttpStatusCode.OK, options.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.PostAsync("/cgi-bin/luci", new StringContent("{}"))).StatusCode);
    }

    [TestMethod]
    [DataRow("not json", -32700)]
    [DataRow("42", -32700)]
    [DataRow("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"call\",\"params\":[]}", -32700)]
    [DataRow("{\"id\":1,\"method\":\"call\",\"params\":[]}", -32700)]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"call\",\"params\":[\"00000000000000000000000000000000\",\"system\"]}", -32700)]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"call\",\"params\":[\"00000000000000000000000000000000\",\"system\",\"board\",[]]}", -32700)]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"exec\",\"params\":[]}", -32601)]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"call\",\"params\":[\"00000000000000000000000000000000\",\"nosuchobject\",\"x\",{}]}", -32000)]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"call\",\"params\":[\"00000000000000000000000000000000\",\"system\",\"board\",{}]}", -32002)]
    [DataRow("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"call\",\"params\":[\"ffffffffffffffffffffffffffffffff\",\"uci\",\"get\",{\"config\":\"rpcd\"}]}", -32002)]
    public async Task EnvelopeErrors_HaveUhttpdCodes(string body, int code)
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        var (status, type, text) = await UbusRaw.PostRawAsync(client, body);
        Assert.AreEqual(200, status);
        Assert.AreEqual("application/json", type);
        using var doc = JsonDocument.Parse(text);
        Assert.AreEqual("2.0", doc.RootElement.GetProperty("jsonrpc").GetString());
        Assert.AreEqual(code, ErrorCode(doc.RootElement), text);
    }

    [TestMethod]
    public async Task OversizedPost_IsParseError()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        var (_, _, text) = await UbusRaw.PostRawAsync(client, "{\"jsonrpc\":\"2.0\",\"pad\":\"" + new string('x', 70_000) + "\"}");
        Assert.AreEqual(-32700, ErrorCode(JsonDocument.Parse(text).RootElement));
    }

    [TestMethod]
    public async Task Batch_IsAnsweredInOrder()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        var (_, _, text) = await UbusRaw.PostRawAsync(client,
            "[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"call\",\"params\":[\"00000000000000000000000000000000\",\"session\",\"login\",{\"username\":\"root\",\"password\":\"bad\"}]},7]");
        var batch = JsonDocument.Parse(text).RootElement;
        Assert.AreEqual(2, batch.GetArrayLength());
        Assert.AreEqual("a", batch[0].GetProperty("id").GetString());
        Assert.AreEqual(6, batch[0].GetProperty("result")[0].GetInt32(), "a wrong password is ubus status 6");
        Assert.AreEqual(-32700, ErrorCode(batch[1]));
    }

    [TestMethod]
    public async Task ObjectStatuses_AreLibubusCodes()
    {
        var (twin, client, sid) = await LoggedInAsync();
        await using var _ = twin;
        using var __ = client;
        Assert.AreEqual(4, (await UbusRaw.CallAsync(client, sid, "uci", "get", new { config = "nosuchconfig" })).GetProperty("result")[0].GetInt32());
        Assert.AreEqual(2, (await UbusRaw.CallAsync(client, sid, "uci", "get", new { })).GetProperty("result")[0].GetInt32());
        Assert.AreEqual(-32002, ErrorCode(await UbusRaw.CallAsync(client, sid, "system", "reboot", new { })), "no ACL group grants system reboot for reading");
        Assert.AreEqual(6, (await UbusRaw.CallAsync(client, sid, "file", "read", new { path = "/etc/shadow" })).GetProperty("result")[0].GetInt32(), "no file ACL");
        twin.Mutate(s => s.Files.Remove(OpenWrtTwinState.AuthorizedKeysPath));
        Assert.AreEqual(4, (await UbusRaw.CallAsync(client, sid, "file", "read", new { path = OpenWrtTwinState.AuthorizedKeysPath })).GetProperty("result")[0].GetInt32());
        Assert.AreEqual(-32602, ErrorCode(await UbusRaw.CallAsync(client, sid, "system", "board", new { ubus_rpc_session = sid })));
        var option = await UbusRaw.CallAsync(client, sid, "uci", "get", new { config = "system", section = "ntp", option = "enabled" });
        Assert.AreEqual("1", option.GetProperty("result")[1].GetProperty("value").GetString());
    }

    [TestMethod]
    public async Task Session_ExpiresAfter300IdleSeconds_AndEachCallRenewsIt()
    {
        var (twin, client, sid) = await LoggedInAsync();
        await using var _ = twin;
        using var __ = client;
        twin.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.AreEqual(0, (await UbusRaw.CallAsync(client, sid, "system", "board", new { })).GetProperty("result")[0].GetInt32());
        twin.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.AreEqual(0, (await UbusRaw.CallAsync(client, sid, "system", "board", new { })).GetProperty("result")[0].GetInt32(), "the previous call renewed the session");
        twin.Clock.Advance(TimeSpan.FromSeconds(300));
        Assert.AreEqual(-32002, ErrorCode(await UbusRaw.CallAsync(client, sid, "system", "board", new { })));
        twin.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(-32002, ErrorCode(await UbusRaw.CallAsync(client, sid, "system", "board", new { })), "an expired session stays gone");
    }

    [TestMethod]
    public async Task Acl_LimitsWhatALoginMayCall()
    {
        await using var twin = await OpenWrtLab.StartTwinAsync();
        twin.Mutate(s => s.AddLogin("monitor", "Monitor-Pass-3", ["luci-mod-status"], []));
        using var client = new HttpClient { BaseAddress = twin.BaseUri };
        var login = await UbusRaw.CallAsync(client, UbusRaw.Anonymous, "session", "login", new { username = "monitor", password = "Monitor-Pass-3" });
        var data = login.GetProperty("result")[1];
        var sid = data.GetProperty("ubus_rpc_session").GetString()!;
        Assert.IsTrue(data.GetProperty("acls").GetProperty("ubus").TryGetProperty("system", out _));
        Assert.IsFalse(data.GetProperty("acls").GetProperty("ubus").TryGetProperty("uci", out _));
        Assert.AreEqual(0, (await UbusRaw.CallAsync(client, sid, "system", "board", new { })).GetProperty("result")[0].GetInt32());
        Assert.AreEqual(-32002, ErrorCode(await UbusRaw.CallAsync(client, sid, "uci", "get", new { config = "rpcd" })));
    }
}
