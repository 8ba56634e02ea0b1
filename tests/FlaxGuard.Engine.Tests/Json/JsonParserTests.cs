using System.Text;
using System.Text.Json;
using FlaxGuard.Engine.Json;

namespace FlaxGuard.Engine.Tests.Json;

[TestClass]
public sealed class JsonParserTests
{
    private static JsonValue? Parse(string text, out string? error, JsonLimits? limits = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        JsonValue? value = JsonParser.Parse(bytes, 0, bytes.Length, limits ?? JsonLimits.Default, out string e);
        error = e;
        return value;
    }

    [TestMethod]
    public void ReadsAUbusStyleAnswer()
    {
        JsonValue? root = Parse("""{"jsonrpc":"2.0","id":1,"result":[0,{"release":{"version":"23.05.3","revision":"r23809-234f1a2efa"},"ok":true,"none":null,"n":-1.5e3}]}""", out string? error);
        Assert.IsNull(error);
        Assert.IsNotNull(root);
        Assert.AreEqual("2.0", root.MemberText("jsonrpc"));
        Assert.AreEqual("1", root.MemberText("id"));
        JsonValue result = root.Member("result")!;
        Assert.AreEqual(JsonKind.Array, result.Kind);
        Assert.AreEqual(2, result.Count);
        Assert.AreEqual("0", result.Item(0).Text);
        JsonValue body = result.Item(1);
        Assert.AreEqual("23.05.3", body.Member("release")!.MemberText("version"));
        Assert.AreEqual("true", body.MemberText("ok"));
        Assert.IsNull(body.MemberText("none"));
        Assert.AreEqual(JsonKind.Null, body.Member("none")!.Kind);
        Assert.AreEqual("-1.5e3", body.MemberText("n"));
        Assert.IsNull(body.MemberText("release"), "objects have no text");
        Assert.IsNull(body.Member("absent"));
        Assert.AreEqual("release", body.KeyAt(0));
    }

    [TestMethod]
    public void DecodesEscapesLikeSystemTextJson()
    {
        string json = "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00 \u00fc\"";
        JsonValue? value = Parse(json, out string? error);
        Assert.IsNull(error);
        Assert.AreEqual(JsonDocument.Parse(json).RootElement.GetString(), value!.Text);
    }

    [TestMethod]
    [DataRow("line one\\nline two\\n\\tindented \\\"quoted\\\" back\\\\slash \\/ done\\n")]
    [DataRow("\\u0000\\u001f\\u007f\\u0080\\u07ff\\u0800\\uffff\\uFEFF")]
    [DataRow("pair \\ud83d\\ude00 and raw \u00fc\u20ac\U0001F600 mixed \\u00e9")]
    [DataRow("pairs \\udbff\\udfff\\ud800\\udc00 back to back")]
    [DataRow("\\n")] [DataRow("\\u00e9")] [DataRow("\\ud83d\\ude00")]
    public void EscapedText_IsTheCharactersTheEscapesName(string inner)
    {
        // Reference: every escape as the character (UTF-16 code unit) it names, raw text as UTF-8 decodes it.
        var expected = new StringBuilder();
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '\\') { expected.Append(inner[i]); continue; }
            var e = inner[++i];
            if (e == 'u') { expected.Append((char)Convert.ToInt32(inner.Substring(i + 1, 4), 16)); i += 4; }
            else expected.Append(e switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => e });
        }
        string json = "[\"" + inner + "\",{\"k\":\"" + inner + "\"}]";
        JsonValue? value = Parse(json, out string? error);
        Assert.IsNull(error);
        Assert.AreEqual(expected.ToString(), value!.Item(0).Text);
        Assert.AreEqual(expected.ToString(), value.Item(0).Text, "a second read of the same value");
        Assert.AreEqual(expected.ToString(), value.Item(1).MemberText("k"));
        Assert.IsTrue(value.Item(1).MemberTextEquals("k", expected.ToString()));
    }

    [TestMethod]
    public void ReadingEscapedTextInPlace_LeavesEveryOtherReadOfTheDocumentAlone()
    {
        // An escaped text is unescaped over its own bytes when first read: the entry must then describe the plain
        // text, and every other value, name and comparison must read as before.
        string json = "{\"na\\u006de\":\"a\\tb\\u00e9\",\"plain\":\"x\\\"y\",\"n\":12,\"after\":\"\\n\"}";
        byte[] buffer = Encoding.UTF8.GetBytes(json);
        JsonValue? root = JsonParser.ParseInPlace(buffer, 0, buffer.Length, JsonLimits.Default, out string? error);
        Assert.IsNull(error);
        Assert.AreEqual("name", root!.KeyAt(0));
        Assert.AreEqual("a\tb\u00e9", root.MemberText("name"));
        Assert.AreEqual("a\tb\u00e9", root.MemberText("name"), "read again after the rewrite");
        Assert.IsTrue(root.MemberTextEquals("name", "a\tb\u00e9"));
        var raw = new byte[16];
        int length = root.MemberRawText("name", raw);
        CollectionAssert.AreEqual(Encoding.UTF8.GetBytes("a\tb\u00e9"), raw.AsSpan(0, length).ToArray(), "the rewritten bytes are the text's UTF-8");
        Assert.AreEqual("x\"y", root.MemberText("plain"));
        Assert.IsTrue(root.TryMemberInteger("n", out int n));
        Assert.AreEqual(12, n);
        Assert.AreEqual("\n", root.MemberText("after"));
        Assert.AreEqual("name", root.KeyAt(0), "the name, unescaped first, reads the same");
    }

    [TestMethod]
    [DataRow("lone high \\ud800 then text")] [DataRow("lone low \\udc00")] [DataRow("high at end \\udbff")]
    [DataRow("two highs \\ud800\\ud801\\udc01")] [DataRow("high then escape \\ud800\\n")] [DataRow("reversed \\ude00\\ud83d")]
    public void LoneSurrogateEscapes_AreRefused(string inner)
    {
        Assert.IsNull(Parse("[\"" + inner + "\"]", out string? error));
        StringAssert.Contains(error, "lone surrogate");
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("   ", "empty")]
    [DataRow("{", "truncated")]
    [DataRow("{\"a\":", "truncated")]
    [DataRow("[1,2", "truncated")]
    [DataRow("\"abc", "truncated")]
    [DataRow("tru", "truncated")]
    [DataRow("{\"a\":1}x", "after the JSON document")]
    [DataRow("{\"a\":1,\"a\":2}", "repeats the member name")]
    [DataRow("[01]", "',' or ']' expected")]
    [DataRow("[1.]", "malformed number")]
    [DataRow("[-]", "malformed number")]
    [DataRow("[1e]", "malformed number")]
    [DataRow("[+1]", "unexpected character")]
    [DataRow("[NaN]", "unexpected character")]
    [DataRow("{'a':1}", "member name expected")]
    [DataRow("[1,]", "unexpected character")]
    [DataRow("{\"a\":1,}", "member name expected")]
    [DataRow("[1 2]", "',' or ']' expected")]
    [DataRow("\"\\x\"", "unknown escape")]
    [DataRow("\"\\u12G4\"", "malformed \\u escape")]
    [DataRow("\"\\ud800\"", "lone surrogate")]
    [DataRow("\"\\udc00\"", "lone surrogate")]
    [DataRow("\"\\ud800\\u0041\"", "lone surrogate")]
    [DataRow("\"a\tb\"", "control character")]
    [DataRow("[truth]", "unknown word")]
    public void RefusesMalformedAnswersWithAReason(string json, string reasonPart)
    {
        JsonValue? value = Parse(json, out string? error);
        Assert.IsNull(value);
        Assert.IsNotNull(error);
        StringAssert.Contains(error, reasonPart);
    }

    [TestMethod]
    public void RefusesInvalidUtf8InStrings()
    {
        foreach (byte[] bad in new[] { new byte[] { 0x22, 0xC0, 0xAF, 0x22 }, new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 }, new byte[] { 0x22, 0x5C, 0x6E, 0xFF, 0x22 } })
        {
            Assert.IsNull(JsonParser.Parse(bad, 0, bad.Length, JsonLimits.Default, out string error));
            StringAssert.Contains(error, "UTF-8");
        }
    }

    [TestMethod]
    public void EnforcesDepthStringAndValueLimits()
    {
        var limits = new JsonLimits(4, 8, 10);
        Assert.IsNotNull(Parse("[[[[1]]]]", out _, limits));
        Assert.IsNull(Parse("[[[[[1]]]]]", out string? deep, limits));
        StringAssert.Contains(deep, "nested deeper than 4");
        Assert.IsNotNull(Parse("\"12345678\"", out _, limits));
        Assert.IsNull(Parse("\"123456789\"", out string? longString, limits));
        StringAssert.Contains(longString, "longer than 8 bytes");
        Assert.IsNull(Parse("\"1234567\\n9\"", out string? longEscaped, limits));
        StringAssert.Contains(longEscaped, "longer than 8 bytes");
        Assert.IsNotNull(Parse("[1,2,3,4,5,6,7,8,9]", out _, limits));
        Assert.IsNull(Parse("[1,2,3,4,5,6,7,8,9,10]", out string? many, limits));
        StringAssert.Contains(many, "more than 10 JSON values");
    }

    [TestMethod]
    public void DeepNestingOfTheDefaultLimitsIsRefusedWithoutStackTrouble()
    {
        string json = new string('[', 100_000) + new string(']', 100_000);
        Assert.IsNull(Parse(json, out string? error));
        StringAssert.Contains(error, "nested deeper");
    }

    [TestMethod]
    public void DuplicateNamesAreFoundInLargeObjectsToo()
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < 100; i++) sb.Append($"\"k{i}\":{i},");
        sb.Append("\"k57\":0}");
        Assert.IsNull(Parse(sb.ToString(), out string? error));
        StringAssert.Contains(error, "k57");
    }

    [TestMethod]
    public void NamesSpelledWithEscapesAreDuplicatesToo()
    {
        Assert.IsNull(Parse("""{"a":1,"\u0061":2}""", out string? error));
        StringAssert.Contains(error, "repeats the member name");
        Assert.IsNull(Parse("""{"\u00e9":1,"é":2}""", out error));
        StringAssert.Contains(error, "repeats");
        var sb = new StringBuilder("{");
        for (int i = 0; i < 100; i++) sb.Append($"\"k{i}\":{i},");
        sb.Append("\"k\\u0035\\u0037\":0}");
        Assert.IsNull(Parse(sb.ToString(), out error), "an escaped repeat in a large (hashed) object");
        StringAssert.Contains(error, "k57");
        Assert.IsNotNull(Parse("""{"a":1,"\u0062":2,"ab":3,"b\u0061":4}""", out error), error);
    }

    [TestMethod]
    public void MembersAreFoundByNonAsciiAndEscapedNames()
    {
        JsonValue root = Parse("""{"caf\u00e9":1,"naïve":"x\ty","😀":true,"\ud83d\ude01":[1,2,3]}""", out string? error)!;
        Assert.IsNull(error);
        Assert.AreEqual("1", root.MemberText("caf\u00e9"));
        Assert.AreEqual("x\ty", root.MemberText("na\u00efve"));
        Assert.IsTrue(root.Member("na\u00efve")!.TextEquals("x\ty"));
        Assert.AreEqual("true", root.MemberText("\ud83d\ude00"));
        Assert.AreEqual(3, root.Member("\ud83d\ude01")!.Count);
        Assert.IsNull(root.Member("caf"));
        Assert.IsNull(root.Member("caf\u00e9e"));
        Assert.IsNull(root.Member("\ud83d"), "a lone surrogate never matches");
        JsonValue list = root.Member("\ud83d\ude01")!;
        Assert.AreEqual("3", list.Item(2).Text);
        Assert.AreEqual("1", list.Item(0).Text, "going back after going forward");
        Assert.IsTrue(list.Item(2).TryInteger(out int three));
        Assert.AreEqual(3, three);
        Assert.IsFalse(root.Member("na\u00efve")!.TryInteger(out _), "text is not a number");
        Assert.IsFalse(Parse("[1.5, 1e3, 99999999999]", out _)!.Item(0).TryInteger(out _), "only plain integers in int range");
        Assert.IsFalse(list.TextEquals("1"), "an array has no text");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => list.Item(3));
    }

    [TestMethod]
    public void TheDocumentKeepsItsOwnCopyOfTheBytes()
    {
        byte[] buffer = Encoding.UTF8.GetBytes("""{"model":"RB5009","version":"7.15.3"}""");
        JsonValue root = JsonParser.Parse(buffer, 0, buffer.Length, JsonLimits.Default, out _)!;
        Array.Fill(buffer, (byte)'x');
        Assert.AreEqual("RB5009", root.MemberText("model"), "a receive buffer reused for the next answer must not change this one");
    }

    [TestMethod]
    public void ParseInPlace_ReadsTheCallersBytes_WithinTheGivenRange()
    {
        byte[] buffer = Encoding.UTF8.GetBytes("garbage\uFEFF{\"model\":\"RB5009\",\"n\":[1,2]}trailing");
        int start = "garbage".Length;
        int length = buffer.Length - start - "trailing".Length;
        JsonValue root = JsonParser.ParseInPlace(buffer, start, length, JsonLimits.Default, out string error)!;
        Assert.IsNull(error);
        Assert.AreEqual("RB5009", root.MemberText("model"), "a byte order mark at the offset is skipped");
        Assert.AreEqual("2", root.Member("n")!.TextAt(1));
        buffer[Array.IndexOf(buffer, (byte)'R')] = (byte)'X';
        Assert.AreEqual("XB5009", root.MemberText("model"), "no copy: the caller must be done before it reuses the buffer");
        Assert.IsNull(JsonParser.ParseInPlace(buffer, start, length + 1, JsonLimits.Default, out error), "the trailing byte is outside the document");
        StringAssert.Contains(error, "after the JSON document");
        Assert.IsNull(JsonParser.ParseInPlace(buffer, 5, buffer.Length, JsonLimits.Default, out error));
        Assert.AreEqual("no answer to read", error);
    }

    [TestMethod]
    public void EveryTruncationOfAValidDocumentIsRefused()
    {
        string json = """{"a":[1,-2.5e+3,"x\u00e9y",true,false,null,{"b":{}}],"c":"\ud83d\ude00"}""";
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Assert.IsNotNull(JsonParser.Parse(bytes, 0, bytes.Length, JsonLimits.Default, out _));
        for (int n = 0; n < bytes.Length; n++)
        {
            JsonValue? value = JsonParser.Parse(bytes, 0, n, JsonLimits.Default, out string error);
            Assert.IsNull(value, $"prefix of {n} bytes was accepted");
            Assert.IsFalse(string.IsNullOrEmpty(error));
        }
    }

    [TestMethod]
    public void RandomDocumentsReadTheSameAsSystemTextJson()
    {
        var random = new Random(4711);
        for (int round = 0; round < 2000; round++)
        {
            string json = RandomJson.Document(random);
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            JsonValue? ours = JsonParser.Parse(bytes, 0, bytes.Length, new JsonLimits(32, 1 << 16, 1 << 16), out string error);
            Assert.IsNotNull(ours, $"round {round}: {error}\n{json}");
            using JsonDocument reference = JsonDocument.Parse(bytes);
            AssertSame(reference.RootElement, ours, json);
        }
    }

    [TestMethod]
    public void MutatedDocumentsNeverThrowAndAreOnlyAcceptedWhenSystemTextJsonAgrees()
    {
        var random = new Random(99);
        int refused = 0;
        for (int round = 0; round < 20_000; round++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(RandomJson.Document(random));
            int flips = random.Next(1, 4);
            for (int f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            JsonValue? ours = JsonParser.Parse(bytes, 0, bytes.Length, JsonLimits.Default, out string error);
            if (ours == null)
            {
                Assert.IsFalse(string.IsNullOrEmpty(error));
                refused++;
                continue;
            }
            using JsonDocument reference = JsonDocument.Parse(bytes);
            AssertSame(reference.RootElement, ours, Encoding.UTF8.GetString(bytes));
        }
        Assert.IsGreaterThan(1000, refused, $"only {refused} mutations refused; the mutation did not exercise the parser");
    }

    internal static void AssertSame(JsonElement expected, JsonValue actual, string context)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.AreEqual(JsonKind.Object, actual.Kind, context);
                var members = expected.EnumerateObject().ToList();
                Assert.AreEqual(members.Count, actual.Count, context);
                for (int i = 0; i < members.Count; i++)
                {
                    Assert.AreEqual(members[i].Name, actual.KeyAt(i), context);
                    AssertSame(members[i].Value, actual.Item(i), context);
                }
                // Lookup by name (compared without making strings) and backwards access find the same members.
                for (int i = members.Count - 1; i >= 0; i--)
                {
                    JsonValue? byName = actual.Member(members[i].Name);
                    Assert.IsNotNull(byName, context);
                    Assert.AreEqual(actual.Item(i).Kind, byName.Kind, context);
                    Assert.IsTrue(actual.TryMemberKind(members[i].Name, out JsonKind kind), context);
                    Assert.AreEqual(byName.Kind, kind, context);
                    Assert.AreEqual(byName.Kind, actual.KindAt(i), context);
                    Assert.AreEqual(byName.Text, actual.TextAt(i), context);
                    if (members[i].Value.ValueKind == JsonValueKind.String)
                    {
                        Assert.IsTrue(byName.TextEquals(members[i].Value.GetString()!), context);
                        Assert.IsFalse(byName.TextEquals(members[i].Value.GetString() + "x"), context);
                        // Decoded straight into a builder (no string): the same characters, after what was there.
                        var builder = new FlaxGuard.Engine.Text.TextBuilder(4).Append("pre:");
                        Assert.IsTrue(actual.AppendMemberText(members[i].Name, builder), context);
                        Assert.AreEqual("pre:" + members[i].Value.GetString(), builder.ToString(), context);
                    }
                    else
                    {
                        var builder = new FlaxGuard.Engine.Text.TextBuilder(4);
                        Assert.IsFalse(actual.AppendMemberText(members[i].Name, builder), context);
                        Assert.AreEqual(0, builder.Length, context);
                    }
                    Assert.IsNull(actual.Member(members[i].Name + "\u0000"), context);
                    Assert.IsFalse(actual.TryMemberKind(members[i].Name + "\u0000", out _), context);
                }
                break;
            case JsonValueKind.Array:
                Assert.AreEqual(JsonKind.Array, actual.Kind, context);
                var items = expected.EnumerateArray().ToList();
                Assert.AreEqual(items.Count, actual.Count, context);
                for (int i = 0; i < items.Count; i++) AssertSame(items[i], actual.Item(i), context);
                for (int i = items.Count - 1; i >= 0; i--)
                {
                    Assert.AreEqual(actual.Item(i).Kind, actual.KindAt(i), context);
                    Assert.AreEqual(actual.Item(i).Text, actual.TextAt(i), context);
                }
                Assert.IsFalse(actual.TryMemberKind("x", out _), "an array has no members");
                break;
            case JsonValueKind.String:
                Assert.AreEqual(JsonKind.String, actual.Kind, context);
                Assert.AreEqual(expected.GetString(), actual.Text, context);
                break;
            case JsonValueKind.Number:
                Assert.AreEqual(JsonKind.Number, actual.Kind, context);
                Assert.AreEqual(expected.GetRawText(), actual.Text, context);
                break;
            case JsonValueKind.True: Assert.AreEqual(JsonKind.True, actual.Kind, context); break;
            case JsonValueKind.False: Assert.AreEqual(JsonKind.False, actual.Kind, context); break;
            case JsonValueKind.Null: Assert.AreEqual(JsonKind.Null, actual.Kind, context); break;
            default: Assert.Fail($"unexpected kind {expected.ValueKind}"); break;
        }
    }

    /// <summary>Random JSON text with varied whitespace, escapes and non-ASCII, unique member names.</summary>
    internal static class RandomJson
    {
        private static readonly string[] Whitespace = ["", " ", "\n", "\t", "\r\n  "];

        public static string Document(Random random)
        {
            var sb = new StringBuilder();
            Value(random, sb, 0);
            return Ws(random) + sb + Ws(random);
        }

        private static string Ws(Random random) => Whitespace[random.Next(Whitespace.Length)];

        private static void Value(Random random, StringBuilder sb, int depth)
        {
            int pick = random.Next(depth > 5 ? 5 : 7);
            switch (pick)
            {
                case 0: sb.Append("null"); break;
                case 1: sb.Append(random.Next(2) == 0 ? "true" : "false"); break;
                case 2: sb.Append(Number(random)); break;
                case 3:
                case 4: sb.Append(StringLiteral(random)); break;
                case 5:
                    sb.Append('[').Append(Ws(random));
                    int n = random.Next(5);
                    for (int i = 0; i < n; i++)
                    {
                        if (i > 0) sb.Append(Ws(random)).Append(',').Append(Ws(random));
                        Value(random, sb, depth + 1);
                    }
                    sb.Append(Ws(random)).Append(']');
                    break;
                default:
                    sb.Append('{').Append(Ws(random));
                    int m = random.Next(5);
                    for (int i = 0; i < m; i++)
                    {
                        if (i > 0) sb.Append(',').Append(Ws(random));
                        sb.Append('"').Append("k").Append(i).Append(random.Next(2) == 0 ? "\\u00e9" : "").Append('"').Append(Ws(random)).Append(':').Append(Ws(random));
                        Value(random, sb, depth + 1);
                    }
                    sb.Append(Ws(random)).Append('}');
                    break;
            }
        }

        private static string Number(Random random)
        {
            string[] shapes = ["0", "-0", "7", "-12", "3.25", "-0.5", "1e9", "2E-3", "6.02e+23", "123456789012345678901234567890"];
            return shapes[random.Next(shapes.Length)];
        }

        private static string StringLiteral(Random random)
        {
            string[] parts = ["abc", "\\n", "\\\"", "\\\\", "\\/", "\\u0041", "\\ud83d\\ude00", "é", "€", "😀", " ", "\\t", "x y z", "\\u0000"];
            var sb = new StringBuilder("\"");
            int n = random.Next(6);
            for (int i = 0; i < n; i++) sb.Append(parts[random.Next(parts.Length)]);
            return sb.Append('"').ToString();
        }
    }
}
