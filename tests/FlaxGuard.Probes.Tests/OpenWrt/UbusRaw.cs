using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>Plain JSON-RPC calls to a ubus endpoint with .NET's own HttpClient and System.Text.Json (the reference the probe is compared with).</summary>
internal static class UbusRaw
{
    public const string Anonymous = "00000000000000000000000000000000";
    private static int _id;

    public static async Task<JsonElement> CallAsync(HttpClient client, string sid, string obj, string method, object args)
    {
        var body = new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method = "call", @params = new object[] { sid, obj, method, args } };
        using var response = await client.PostAsJsonAsync("/ubus", body);
        Assert.AreEqual(200, (int)response.StatusCode);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<(int Status, string? ContentType, string Body)> PostRawAsync(HttpClient client, string body, string path = "/ubus")
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
