using System.Text;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.RouterOs;

namespace FlaxGuard.Engine.Tests.RouterOs;

/// <summary>What the RouterOS fact tests share: a hand-written REST answer parsed as the probe parses it, and a fact buffer's facts by key.</summary>
internal static class RouterOsAnswers
{
    public static JsonValue Parse(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var value = JsonParser.Parse(bytes, 0, bytes.Length, new JsonLimits(4, 32 * 1024, 8192), out var error);
        Assert.IsNotNull(value, error);
        return value;
    }

    public static Dictionary<string, string> Facts(RouterOsFactBuffer buffer)
    {
        var output = new ProbeOutput();
        buffer.CopyTo(output);
        return output.Facts.ToArray().ToDictionary(f => f.Key, f => f.Value);
    }
}
