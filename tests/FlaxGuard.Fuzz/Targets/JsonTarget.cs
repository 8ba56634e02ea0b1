using FlaxGuard.Engine.Json;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="JsonParser"/> (ubus and RouterOS REST answers): refuses with null and a reason; an accepted document
/// is walked through every accessor the probes use, since values are decoded lazily.
/// </summary>
public sealed class JsonTarget : IFuzzTarget
{
    public string Name => "json";

    public string Feeds => "a device's JSON answer to JsonParser.Parse, then every value read back";

    public bool Run(byte[] input)
    {
        JsonValue? root = JsonParser.Parse(input, 0, input.Length, JsonLimits.Default, out string? error);
        if (root is null)
        {
            if (string.IsNullOrEmpty(error)) throw new FuzzContractException("JsonParser.Parse returned null without a reason");
            return false;
        }
        if (error is not null) throw new FuzzContractException("JsonParser.Parse returned a document and a reason");
        Walk(root, 0);
        return true;
    }

    private static void Walk(JsonValue value, int depth)
    {
        if (depth > JsonLimits.Default.MaxDepth) throw new FuzzContractException("an accepted document is deeper than MaxDepth");
        _ = value.Kind;
        _ = value.TryInteger(out _);
        if (value.IsObject)
        {
            for (int i = 0; i < value.Count; i++)
            {
                string name = value.KeyAt(i);
                _ = value.KindAt(i);
                _ = value.TextAt(i);
                JsonValue? member = value.Member(name) ?? throw new FuzzContractException("a member is not found by its own name");
                if (member.Kind != value.KindAt(i)) throw new FuzzContractException("a member found by name differs from the member at its index");
                _ = value.MemberText(name);
                _ = value.TryMemberInteger(name, out _);
                Walk(member, depth + 1);
            }
        }
        else if (value.IsArray)
        {
            for (int i = 0; i < value.Count; i++) Walk(value.Item(i), depth + 1);
        }
        else
        {
            string? text = value.Text;
            bool comparable = value.Kind is JsonKind.String or JsonKind.Number;
            if (comparable && (text is null || !value.TextEquals(text))) throw new FuzzContractException("a string or number does not equal its own text");
        }
    }
}
