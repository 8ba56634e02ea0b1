using System.Text;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Probes.Tests.OpenWrt;

/// <summary>
/// The streaming reader of "nft --json list ruleset": the same facts whatever the chunking, fw4's own rules left
/// out, counters and handles never in a fact, and hostile text (deep nesting, wrong shape, trailing data, endless
/// entries, one huge entry) stopped with a reason or a count instead of unbounded work.
/// </summary>
[TestClass]
public sealed class NftRulesetSinkTests
{
    private const string Meta = "{\"metainfo\":{\"version\":\"1.0.8\",\"json_schema_version\":1}}";
    private const string Fw4 = "{\"table\":{\"family\":\"inet\",\"name\":\"fw4\",\"handle\":1}}";
    private const string Input = "{\"chain\":{\"family\":\"inet\",\"table\":\"fw4\",\"name\":\"input\",\"handle\":2,\"type\":\"filter\",\"hook\":\"input\",\"prio\":0,\"policy\":\"drop\"}}";

    private static string Rule(string chain, string expr, string? comment = null, int handle = 9, string table = "fw4", string family = "inet") =>
        $"{{\"rule\":{{\"family\":\"{family}\",\"table\":\"{table}\",\"chain\":\"{chain}\",\"handle\":{handle}" + (comment is null ? "" : $",\"comment\":\"{comment}\"") + $",\"expr\":{expr}}}}}";

    private static string Ruleset(params string[] entries) => "{\"nftables\":[" + string.Join(",", entries) + "]}\n";

    private static (NftRulesetSink Sink, string[] Facts) Read(string text, int chunk = 4096, byte[]? scratch = null)
    {
        var sheet = new OpenWrtFactSheet();
        var sink = scratch is null ? new NftRulesetSink(new NftFacts(sheet)) : new NftRulesetSink(new NftFacts(sheet), null, scratch);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var at = 0; at < bytes.Length; at += chunk) sink.Write(bytes, at, Math.Min(chunk, bytes.Length - at));
        var output = new ProbeOutput();
        sheet.CopyTo(output);
        return (sink, output.Facts.ToArray().Select(f => f.ToString()).ToArray());
    }

    private const string Accept4444 = "[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":4444}},{\"counter\":{\"packets\":5,\"bytes\":300}},{\"accept\":null}]";

    [TestMethod]
    public void ChunkingDoesNotChangeTheFacts()
    {
        var text = Ruleset(Meta, Fw4, Input, Rule("input", Accept4444),
            Rule("input", "[{\"match\":{\"op\":\"==\",\"left\":{\"meta\":{\"key\":\"iifname\"}},\"right\":\"lo\"}},{\"accept\":null}]", "!fw4: Accept traffic from loopback"));
        var whole = Read(text);
        Assert.IsTrue(whole.Sink.Complete, whole.Sink.Problem);
        Assert.HasCount(1, whole.Facts);
        StringAssert.StartsWith(whole.Facts[0], "openwrt.nft.open.inet.fw4.input.");
        StringAssert.EndsWith(whole.Facts[0], "=tcp dport 4444: accept");
        foreach (var chunk in new[] { 1, 2, 7, 64 }) CollectionAssert.AreEqual(whole.Facts, Read(text, chunk).Facts, "chunk " + chunk);
    }

    [TestMethod]
    public void CountersAndHandles_NeverChangeTheFact()
    {
        var a = Read(Ruleset(Meta, Fw4, Input, Rule("input", Accept4444, handle: 9))).Facts;
        var b = Read(Ruleset(Meta, Fw4, Input, Rule("input", Accept4444.Replace("\"packets\":5,\"bytes\":300", "\"packets\":99123,\"bytes\":8812345"), handle: 1044))).Facts;
        CollectionAssert.AreEqual(a, b);
    }

    [TestMethod]
    public void OtherTables_BlockRules_AndForeignBaseChains_AreFacts()
    {
        var drop23 = "[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":23}},{\"drop\":null}]";
        var (sink, facts) = Read(Ruleset(Meta, Fw4, Input,
            "{\"table\":{\"family\":\"ip\",\"name\":\"filter\",\"handle\":30}}",
            "{\"chain\":{\"family\":\"ip\",\"table\":\"filter\",\"name\":\"INPUT\",\"handle\":31,\"type\":\"filter\",\"hook\":\"input\",\"prio\":0,\"policy\":\"accept\"}}",
            "{\"chain\":{\"family\":\"inet\",\"table\":\"fw4\",\"name\":\"early\",\"handle\":40,\"type\":\"filter\",\"hook\":\"input\",\"prio\":-10,\"policy\":\"accept\"}}",
            Rule("INPUT", drop23, table: "filter", family: "ip")));
        Assert.IsTrue(sink.Complete, sink.Problem);
        CollectionAssert.Contains(facts, "openwrt.nft.table.ip.filter=present");
        CollectionAssert.Contains(facts, "openwrt.nft.chain.inet.fw4.early=hook=input policy=accept");
        Assert.IsTrue(facts.Any(f => f.StartsWith("openwrt.nft.rule.ip.filter.INPUT.", StringComparison.Ordinal) && f.EndsWith("=tcp dport 23: drop", StringComparison.Ordinal)), string.Join("\n", facts));
    }

    [TestMethod]
    public void Fw4sUnmarkedJumps_AndMiniupnpdChains_AreNotFacts()
    {
        var (sink, facts) = Read(Ruleset(Meta, Fw4, Input, Rule("input", "[{\"jump\":{\"target\":\"handle_reject\"}}]"),
            Rule("upnp_forward", "[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":51413}},{\"accept\":null}]")));
        Assert.IsTrue(sink.Complete, sink.Problem);
        Assert.IsEmpty(facts);
    }

    [TestMethod]
    [DataRow("[{\"nftables\":[]}]", "it does not start with an object")]
    [DataRow("{\"rules\":[]}", "it has no \"nftables\" array")]
    [DataRow("{\"nftables\":[1]}", "it has text outside the \"nftables\" array's entries")]
    [DataRow("{\"nftables\":[[1]]}", "an entry of the \"nftables\" array is not an object")]
    [DataRow("{\"nftables\":[]} trailing", "there is more text after the ruleset")]
    [DataRow("{\"nftables\":[{\"rule\":{\"family\":\"inet\"}}]}", "a rule of the ruleset has no family, table or chain")]
    [DataRow("{\"nftables\":[{\"table\":{\"family\":\"ip\",\"name\":\"x\",\"name\":\"y\"}}]}", "entry 1 is not valid JSON")]
    public void HostileText_IsRefusedWithAReason(string text, string reason)
    {
        var (sink, _) = Read(text);
        Assert.IsNotNull(sink.Problem, text);
        StringAssert.StartsWith(sink.Problem, reason);
        Assert.IsTrue(sink.Satisfied, "the transport stops reading");
    }

    [TestMethod]
    public void DeepNesting_StopsAtTheDepthLimit()
    {
        var text = "{\"nftables\":[{\"rule\":" + new string('[', 100_000);
        var (sink, _) = Read(text);
        StringAssert.StartsWith(sink.Problem, "it nests deeper than");
    }

    [TestMethod]
    public void EndlessEntries_AreCut_AndOneHugeEntry_IsCountedNotRead()
    {
        var many = Ruleset([Meta, .. Enumerable.Repeat(Fw4, NftRulesetSink.MaxEntries + 50)]);
        var (cut, _) = Read(many);
        Assert.IsTrue(cut.Cut);
        Assert.IsTrue(cut.Satisfied);
        Assert.IsNull(cut.Problem);

        var huge = "{\"table\":{\"family\":\"ip\",\"name\":\"" + new string('x', NftRulesetSink.EntryBytes) + "\"}}";
        var (sink, facts) = Read(Ruleset(Meta, huge, Fw4, Input, Rule("input", Accept4444)));
        Assert.IsTrue(sink.Complete, sink.Problem);
        Assert.AreEqual(1, sink.Oversized);
        Assert.HasCount(1, facts, "the entries after the long one are still read");
    }
    [TestMethod]
    public void EntriesLongerThanTheFirstBuffer_AreReadWhole_WithOrWithoutALentBuffer()
    {
        // A 3 KB unmarked rule (a long comment, many matches) outgrows the sink's first buffer (1 KiB) and a lent 1 KiB
        // one, not EntryBytes.
        var matches = string.Concat(Enumerable.Range(0, 24).Select(i => "{\"match\":{\"op\":\"!=\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"sport\"}},\"right\":" + (1000 + i) + "}},"));
        var text = Ruleset(Meta, Fw4, Input, Rule("input", "[" + matches + "{\"accept\":null}]", new string('c', 900)), Rule("input", Accept4444.Replace("4444", "4445")));
        Assert.IsGreaterThan(3000, text.Length);
        var own = Read(text);
        Assert.IsTrue(own.Sink.Complete, own.Sink.Problem);
        Assert.AreEqual(0, own.Sink.Oversized);
        Assert.HasCount(2, own.Facts, string.Join("\n", own.Facts));
        foreach (var size in new[] { 1024, 1500, 8192 })
        {
            foreach (var chunk in new[] { 1, 333, 4096 })
            {
                var lent = Read(text, chunk, new byte[size]);
                Assert.IsTrue(lent.Sink.Complete, lent.Sink.Problem);
                CollectionAssert.AreEqual(own.Facts, lent.Facts, $"lent {size} bytes, chunk {chunk}");
            }
        }
        // A lent buffer larger than EntryBytes does not raise the bound.
        var huge = "{\"table\":{\"family\":\"ip\",\"name\":\"" + new string('x', NftRulesetSink.EntryBytes) + "\"}}";
        var (sink, _) = Read(Ruleset(Meta, huge, Fw4), 4096, new byte[4 * NftRulesetSink.EntryBytes]);
        Assert.IsTrue(sink.Complete, sink.Problem);
        Assert.AreEqual(1, sink.Oversized);
    }

    [TestMethod]
    public void EscapedAndLongNames_ReadAsTheirText()
    {
        // Names and texts with escapes, or longer than the reader's byte buffer, are compared as the strings they decode to.
        var marked = Read(Ruleset(Meta, Fw4, Input, Rule("input", Accept4444, "\\u0021fw4: escaped mark"),
            Rule("input", Accept4444, "!fw4" + new string('m', 400)), Rule("u\\u0070np_forward", Accept4444)));
        Assert.IsTrue(marked.Sink.Complete, marked.Sink.Problem);
        Assert.IsEmpty(marked.Facts, string.Join("\n", marked.Facts));

        var escapedVerdict = "[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":4444}},{\"\\u0061ccept\":null}]";
        var plain = Read(Ruleset(Meta, Fw4, Input, Rule("input", "[{\"match\":{\"op\":\"==\",\"left\":{\"payload\":{\"protocol\":\"tcp\",\"field\":\"dport\"}},\"right\":4444}},{\"accept\":null}]", "evil")));
        var escaped = Read(Ruleset(Meta, Fw4, Input, Rule("input", escapedVerdict, "ev\\u0069l")));
        Assert.HasCount(1, plain.Facts);
        CollectionAssert.AreEqual(plain.Facts, escaped.Facts, "the same statements digest the same, escaped or not");

        // A chain on an input hook named with escapes and non-ASCII text: its rules are inbound.
        var chain = "{\"chain\":{\"family\":\"ip\",\"table\":\"f\\u0069lter\",\"name\":\"\u00e9ntr\u00e9e\",\"handle\":31,\"type\":\"filter\",\"hook\":\"inp\\u0075t\",\"prio\":0,\"policy\":\"accept\"}}";
        var (sink, facts) = Read(Ruleset(Meta, Fw4, "{\"table\":{\"family\":\"ip\",\"name\":\"filter\",\"handle\":30}}", chain,
            Rule("\u00e9ntr\u00e9e", Accept4444, table: "filter", family: "ip")));
        Assert.IsTrue(sink.Complete, sink.Problem);
        Assert.IsTrue(facts.Any(f => f.StartsWith("openwrt.nft.open.ip.filter.", StringComparison.Ordinal) && f.EndsWith("=tcp dport 4444: accept", StringComparison.Ordinal)), string.Join("\n", facts));
    }

    [TestMethod]
    public void AChainRedefinedOffAnInputHook_NoLongerOpensItsRules()
    {
        var early = "{\"chain\":{\"family\":\"ip\",\"table\":\"filter\",\"name\":\"early\",\"handle\":31,\"type\":\"filter\",\"hook\":\"input\",\"prio\":0,\"policy\":\"accept\"}}";
        var (_, open) = Read(Ruleset(Meta, Fw4, early, Rule("early", Accept4444, table: "filter", family: "ip")));
        Assert.IsTrue(open.Any(f => f.StartsWith("openwrt.nft.open.ip.filter.early.", StringComparison.Ordinal)), string.Join("\n", open));
        var (_, rule) = Read(Ruleset(Meta, Fw4, early, early.Replace("\"hook\":\"input\"", "\"hook\":\"output\""), Rule("early", Accept4444, table: "filter", family: "ip")));
        Assert.IsTrue(rule.Any(f => f.StartsWith("openwrt.nft.rule.ip.filter.early.", StringComparison.Ordinal)), string.Join("\n", rule));
    }
}
