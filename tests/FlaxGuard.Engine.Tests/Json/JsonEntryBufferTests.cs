using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.Json;

/// <summary>
/// The reused entry table (<see cref="JsonEntryBuffer"/>) and the handle-free member reads
/// (<see cref="JsonValue.MemberTextEquals"/>, <see cref="JsonValue.TryMemberInteger"/>), checked against
/// System.Text.Json and against the parser without a reused table.
/// </summary>
[TestClass]
public sealed class JsonEntryBufferTests
{
    [TestMethod]
    public void ReusedTable_ReadsEveryDocumentAsSystemTextJsonDoes_InAnyOrderOfSizes()
    {
        var random = new Random(4711);
        var table = new JsonEntryBuffer();
        int refused = 0;
        for (int round = 0; round < 3_000; round++)
        {
            string json = round % 7 == 0 ? Wide(random.Next(1, 60)) : JsonParserTests.RandomJson.Document(random);
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            if (round % 5 == 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            JsonValue? alone = JsonParser.Parse(bytes, 0, bytes.Length, JsonLimits.Default, out string aloneError);
            // In place: the parser may rewrite escaped names it compares, so the reference reads the bytes as they were.
            byte[] inPlace = (byte[])bytes.Clone();
            JsonValue? reused = JsonParser.ParseInPlace(inPlace, 0, inPlace.Length, JsonLimits.Default, table, out string reusedError);
            Assert.AreEqual(aloneError, reusedError, json);
            Assert.AreEqual(alone is null, reused is null, json);
            if (reused is null)
            {
                refused++;
                continue;
            }
            using JsonDocument reference = JsonDocument.Parse(bytes);
            JsonParserTests.AssertSame(reference.RootElement, reused, json);
        }
        Assert.IsGreaterThan(100, refused, $"only {refused} documents refused; the mutations did not reach the parser");
    }

    [TestMethod]
    public void ReusedTable_GrowsForTheLargestDocumentOnly()
    {
        var table = new JsonEntryBuffer();
        Assert.AreEqual(0, table.Capacity);
        byte[] large = Encoding.UTF8.GetBytes(Wide(200));
        byte[] small = Encoding.UTF8.GetBytes("""{"a":[1,2,3]}""");
        Assert.IsNotNull(JsonParser.ParseInPlace(large, 0, large.Length, JsonLimits.Default, table, out _));
        int capacity = table.Capacity;
        Assert.IsGreaterThanOrEqualTo(401, capacity, $"200 members need 401 entries, the table has {capacity}");
        JsonValue? value = JsonParser.ParseInPlace(small, 0, small.Length, JsonLimits.Default, table, out _);
        Assert.AreEqual(capacity, table.Capacity, "a smaller document is read in the kept table");
        Assert.AreEqual("3", value!.Member("a")!.TextAt(2));
        value = JsonParser.ParseInPlace(large, 0, large.Length, JsonLimits.Default, table, out _);
        Assert.AreEqual(capacity, table.Capacity);
        Assert.AreEqual("v199", value!.MemberText("k199"));
    }

    [TestMethod]
    public void ReusedTable_KeepsEveryHandleOfTheCurrentDocument_AndReusesThoseOfVoidOnes()
    {
        var table = new JsonEntryBuffer();
        // More elements than the buffer caches handles, each kept: none may be re-aimed while its document is current.
        string json = "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => "{\"n\":" + i + "}")) + "]";
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        JsonValue first = JsonParser.ParseInPlace(bytes, 0, bytes.Length, JsonLimits.Default, table, out _)!;
        var kept = new List<JsonValue>();
        for (int i = 0; i < first.Count; i++) kept.Add(first.Item(i));
        for (int i = 0; i < kept.Count; i++)
        {
            Assert.AreEqual(i.ToString(CultureInfo.InvariantCulture), kept[i].MemberText("n"), $"element {i} read through its kept handle");
            Assert.AreSame(kept[i].Member("n"), kept[i].Member("n"), "the same value asked for twice is one handle");
        }
        Assert.AreEqual("299", first.Item(299).MemberText("n"));
        var handedOut = new List<JsonValue>(kept) { first };
        handedOut.AddRange(kept.Select(h => h.Member("n")!));
        byte[] other = Encoding.UTF8.GetBytes("""{"a":{"b":"c"}}""");
        JsonValue second = JsonParser.ParseInPlace(other, 0, other.Length, JsonLimits.Default, table, out _)!;
        Assert.IsTrue(handedOut.Any(h => ReferenceEquals(h, second)), "the root of the next document is a handle of the voided one, re-aimed, not a new one");
        Assert.AreEqual("c", second.Member("a")!.MemberText("b"));
        JsonValue alone = JsonParser.Parse(other, 0, other.Length, JsonLimits.Default, out _)!;
        Assert.AreNotSame(alone.Member("a"), alone.Member("a"), "without a buffer every lookup is a handle of its own, as before");
    }

    [TestMethod]
    public void MemberTextEquals_AgreesWithSystemTextJson()
    {
        var random = new Random(815);
        int compared = 0;
        for (int round = 0; round < 2_000; round++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(JsonParserTests.RandomJson.Document(random));
            JsonValue? root = JsonParser.Parse(bytes, 0, bytes.Length, JsonLimits.Default, out _);
            Assert.IsNotNull(root);
            using JsonDocument reference = JsonDocument.Parse(bytes);
            compared += CompareMembers(reference.RootElement, root);
        }
        Assert.IsGreaterThan(1000, compared, $"only {compared} members compared");
    }

    private static int CompareMembers(JsonElement expected, JsonValue actual)
    {
        int compared = 0;
        if (expected.ValueKind == JsonValueKind.Array)
        {
            var items = expected.EnumerateArray().ToList();
            for (int i = 0; i < items.Count; i++) compared += CompareMembers(items[i], actual.Item(i));
            Assert.IsFalse(actual.MemberTextEquals("k0", ""), "an array has no members");
            return compared;
        }
        if (expected.ValueKind != JsonValueKind.Object) return 0;
        var members = expected.EnumerateObject().ToList();
        for (int i = 0; i < members.Count; i++)
        {
            JsonElement value = members[i].Value;
            string? text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            string name = members[i].Name;
            foreach (string candidate in new[] { text ?? "true", text + "x", "", "null", "true" })
            {
                Assert.AreEqual(text != null && text == candidate, actual.MemberTextEquals(name, candidate), name + " vs " + candidate);
            }
            Assert.IsFalse(actual.MemberTextEquals(name + "\u0000", text ?? ""), "no such member");
            compared++;
            compared += CompareMembers(value, actual.Item(i));
        }
        return compared;
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-0")]
    [DataRow("7")]
    [DataRow("-12")]
    [DataRow("2147483647")]
    [DataRow("-2147483648")]
    [DataRow("2147483648")]
    [DataRow("-2147483649")]
    [DataRow("9999999999")]
    [DataRow("12345678901")]
    [DataRow("3.25")]
    [DataRow("1e3")]
    [DataRow("-0.5")]
    [DataRow("6.02e+23")]
    [DataRow("\"12\"")]
    [DataRow("true")]
    [DataRow("null")]
    [DataRow("[1]")]
    public void TryMemberInteger_AgreesWithAPlainIntegerReading(string literal)
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"n\":" + literal + "}");
        JsonValue root = JsonParser.Parse(bytes, 0, bytes.Length, JsonLimits.Default, out _)!;
        using JsonDocument reference = JsonDocument.Parse(bytes);
        JsonElement element = reference.RootElement.GetProperty("n");
        // Reference: a JSON number written as an optional '-' and 1-10 digits, inside int range (.NET's own parsing).
        bool expected = element.ValueKind == JsonValueKind.Number && Regex.IsMatch(element.GetRawText(), @"^-?[0-9]{1,10}$")
            && long.Parse(element.GetRawText(), CultureInfo.InvariantCulture) is >= int.MinValue and <= int.MaxValue;
        Assert.AreEqual(expected, root.TryMemberInteger("n", out int value), literal);
        if (expected) Assert.AreEqual(element.GetInt32(), value, literal);
        // The engine's older reading through a handle and a string says the same.
        Assert.AreEqual(expected, UbusClient.TryInteger(root.Member("n"), out int older), literal);
        Assert.AreEqual(older, value, literal);
        Assert.IsFalse(root.TryMemberInteger("absent", out _));
    }

    [TestMethod]
    public void DocumentLongerThanTheTableCanDescribe_IsRefusedInWords()
    {
        // 8 MiB of blanks around one number: valid JSON for System.Text.Json, but past what an entry can describe.
        byte[] bytes = new byte[8 * 1024 * 1024 + 16];
        Array.Fill(bytes, (byte)' ');
        bytes[^1] = (byte)'1';
        using (JsonDocument.Parse(bytes)) { }
        Assert.IsNull(JsonParser.ParseInPlace(bytes, 0, bytes.Length, JsonLimits.Default, new JsonEntryBuffer(), out string error));
        StringAssert.Contains(error, "too large");
        Assert.IsNotNull(JsonParser.ParseInPlace(bytes, bytes.Length - 1024, 1024, JsonLimits.Default, new JsonEntryBuffer(), out _), "the same bytes in a smaller range are read");
    }

    private static string Wide(int members)
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < members; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("\"k").Append(i).Append("\":\"v").Append(i).Append('"');
        }
        return sb.Append('}').ToString();
    }
}
